import { afterEach, describe, expect, it } from 'vitest';
import { kickoffUtcMs } from '../../../src/data/nfl/games.js';
import { LocalExchange, type LocalExchangeOptions } from '../../../src/venues/kalshi/index.js';
import { clientFor, raw, userOf } from './helpers.js';

const running: LocalExchange[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.stop();
});
async function start(options: LocalExchangeOptions): Promise<LocalExchange> {
  const e = await LocalExchange.start({ port: 0, realtime: false, ...options });
  running.push(e);
  return e;
}

describe('ABM-driven markets', () => {
  it('agents trade the default markets; at the end of an epoch markets settle and users carry their cash into the next', async () => {
    const ex = await start({ config: { abm: { markets: 1, stepsPerEpoch: 40, stepsPerSecond: 0 } } });
    await ex.advance({ steps: 10 });
    const c = clientFor(ex, (await userOf(ex, 'alice')).creds);
    const [m1] = [...ex.venue.markets.values()];
    expect(m1!.ticker).toBe('KXOMEGASIM-E1-M1');
    expect(m1!.volume).toBeGreaterThan(0); // the agents trade
    const book = await c.getOrderbook(m1!.ticker);
    expect(book.yes.length + book.no.length).toBeGreaterThan(0);
    const bestAsk = 100 - book.no.at(-1)!.price;
    const ack = await c.createOrder({ ticker: m1!.ticker, side: 'bid', yesPrice: bestAsk, count: 1, timeInForce: 'immediate_or_cancel' });
    expect(ack.filledCount).toBe(1);
    const cashBefore = (await c.getBalance()).balanceCents;
    await ex.advance({ steps: 35 });
    expect((await c.getMarket(m1!.ticker)).status).toBe('finalized');
    const settlements = [];
    for await (const s of c.settlements()) settlements.push(s);
    expect(settlements).toHaveLength(1);
    const paid = settlements[0]!.revenueCents;
    expect([0, 100]).toContain(paid);
    expect((await c.getBalance()).balanceCents).toBe(cashBefore + paid);
    expect(ex.venue.markets.has('KXOMEGASIM-E2-M1')).toBe(true);
    expect((await c.getMarket('KXOMEGASIM-E2-M1')).status).toBe('active');
  });
});

const NFL = { nfl: { season: 2021, weeks: [1], speed: 0, preGameMinutes: 120 } };
const kickoff = kickoffUtcMs('2021-09-09', '20:20'); // DAL at TB, the 2021 opener: TB won 31-29

describe('NFL replay (lock-step)', () => {
  it('opens markets at the de-vigged closing line, follows in-game win probability, settles on the final score', async () => {
    const ex = await start({ config: NFL });
    expect(ex.venue.markets.size).toBe(0);
    await ex.advance({ steps: 1 });
    const home = 'KXNFLGAME-21SEP09DALTB-TB';
    expect([...ex.venue.markets.keys()]).toEqual([home, 'KXNFLGAME-21SEP09DALTB-DAL']);
    const c = clientFor(ex, (await userOf(ex, 'alice')).creds);
    // closing moneylines TB −425, DAL +351 (games.csv); proportional de-vig computed here by hand
    const pTB = 425 / 525 / (425 / 525 + 100 / 451); // 0.78499
    const fair = Math.round(pTB * 100);
    const pre = await c.getOrderbook(home);
    expect(pre.yes.at(-1)!.price).toBe(fair - 2);
    expect(100 - pre.no.at(-1)!.price).toBe(fair + 2);
    const away = await c.getOrderbook('KXNFLGAME-21SEP09DALTB-DAL');
    expect(away.yes.at(-1)!.price).toBe(100 - fair - 2);
    const buy = await c.createOrder({ ticker: home, side: 'bid', yesPrice: fair + 2, count: 10, timeInForce: 'immediate_or_cancel' });
    expect(buy.filledCount).toBe(10);
    // an hour into the game the quotes follow the play-by-play win probability, not the line
    await ex.advance({ to: kickoff + 3600_000 });
    const mid = await c.getOrderbook(home);
    expect(mid.yes.at(-1)!.price).not.toBe(fair - 2);
    const cash = (await c.getBalance()).balanceCents;
    await ex.advance({ to: kickoff + 4 * 3600_000 });
    const m = await c.getMarket(home);
    expect(m).toMatchObject({ status: 'finalized', result: 'yes' });
    expect((await c.getMarket('KXNFLGAME-21SEP09DALTB-DAL')).result).toBe('no');
    const s = [];
    for await (const x of c.settlements()) s.push(x);
    expect(s).toEqual([expect.objectContaining({ ticker: home, result: 'yes', yesCount: 10, revenueCents: 1000 })]);
    expect((await c.getBalance()).balanceCents).toBe(cash + 1000);
    expect(ex.venue.driver.status()).toMatchObject({ driver: 'nfl', games: 16 });
  });

  it('is deterministic: the same commands give the same fills, ids and times, byte for byte', async () => {
    const run = async () => {
      const ex = await start({ config: NFL });
      await ex.advance({ to: kickoff });
      const key = await userOf(ex, 'alice');
      const c = clientFor(ex, key.creds);
      for (const [ticker, side, price] of [
        ['KXNFLGAME-21SEP09DALTB-TB', 'bid', 90],
        ['KXNFLGAME-21SEP09DALTB-DAL', 'ask', 5],
      ] as const) {
        await c.createOrder({
          ticker,
          side,
          yesPrice: price,
          count: 3,
          timeInForce: 'immediate_or_cancel',
          clientOrderId: `${ticker}-${side}`,
        });
      }
      await ex.advance({ to: kickoff + 5 * 3600_000 });
      const { http, signed } = raw(ex, key.creds);
      const get = async (p: string) => (await http.get(p, { headers: signed('GET', p) })).data;
      return JSON.stringify({
        fills: await get('/portfolio/fills'),
        settlements: await get('/portfolio/settlements'),
        trades: (await http.get('/markets/trades?limit=1000')).data,
      });
    };
    const a = await run();
    const b = await run();
    expect(a).toBe(b);
    expect((JSON.parse(a) as { fills: { fills: unknown[] } }).fills.fills).toHaveLength(2);
  });
});

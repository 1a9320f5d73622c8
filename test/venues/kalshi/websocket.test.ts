import { afterEach, describe, expect, it } from 'vitest';
import { KalshiWsClient, type LocalExchange } from '../../../src/venues/kalshi/index.js';
import { clientFor, startExchange, userOf } from './helpers.js';

let ex: LocalExchange | undefined;
let ws: KalshiWsClient | undefined;
afterEach(async () => {
  ws?.close();
  await ex?.stop();
  ex = undefined;
  ws = undefined;
});

/** Wait (bounded) until `cond` holds. */
async function until(cond: () => boolean, what: string, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const ABM = { abm: { markets: 2, stepsPerSecond: 0, stepsPerEpoch: 100_000 } };

describe('WebSocket client against the local exchange', () => {
  it('a book kept from snapshot + deltas equals a REST orderbook fetch while the agents trade', async () => {
    ex = await startExchange({ config: ABM });
    await ex.advance({ steps: 30 });
    const u = await userOf(ex, 'alice');
    const rest = clientFor(ex, u.creds);
    const ticker = [...ex.venue.markets.keys()][0]!;
    ws = new KalshiWsClient({ url: ex.wsUrl, credentials: u.creds, rest });
    const trades: unknown[] = [];
    ws.on('trade', (t) => trades.push(t));
    await ws.connect();
    ws.subscribe('orderbook_delta', [ticker]);
    ws.subscribe('trade', [ticker]);
    await until(() => ws!.book(ticker)?.consistent === true && ws!.book(ticker)!.toOrderbook().yes.length > 0, 'the snapshot');
    for (let i = 0; i < 5; i++) {
      await ex.advance({ steps: 10 });
      const fromRest = await rest.getOrderbook(ticker);
      await until(() => JSON.stringify(ws!.book(ticker)!.toOrderbook()) === JSON.stringify(fromRest), `book equality after batch ${i}`);
    }
    expect(trades.length).toBeGreaterThan(0);
    expect(ws.stats.gaps).toBe(0);
  });

  it('a sequence gap triggers a resync from REST, after which the book is right again', async () => {
    ex = await startExchange({ config: ABM });
    await ex.advance({ steps: 20 });
    const u = await userOf(ex, 'alice');
    const rest = clientFor(ex, u.creds);
    const ticker = [...ex.venue.markets.keys()][0]!;
    ws = new KalshiWsClient({ url: ex.wsUrl, credentials: u.creds, rest });
    const resyncs: string[] = [];
    ws.on('resync', (_t, reason) => resyncs.push(reason));
    await ws.connect();
    ws.subscribe('orderbook_delta', [ticker]);
    await until(() => ws!.book(ticker)?.consistent === true, 'the snapshot');
    ex.faults.set({ sequenceGaps: 1 });
    await ex.advance({ steps: 20 });
    await until(() => resyncs.length > 0, 'a resync');
    expect(resyncs[0]).toMatch(/sequence gap on sid \d+: expected \d+, got \d+/);
    expect(ws.stats.gaps).toBe(1);
    await ex.advance({ steps: 5 });
    const fromRest = await rest.getOrderbook(ticker);
    await until(
      () => ws!.book(ticker)!.consistent && JSON.stringify(ws!.book(ticker)!.toOrderbook()) === JSON.stringify(fromRest),
      'book equality after the resync',
    );
  });

  it('dropped connections reconnect and resubscribe; fills reach their owner', async () => {
    ex = await startExchange();
    const u = await userOf(ex, 'alice');
    const rest = clientFor(ex, u.creds);
    ws = new KalshiWsClient({ url: ex.wsUrl, credentials: u.creds, rest, reconnectBaseMs: 5, reconnectMaxMs: 20 });
    const fills: Array<{ count: number; clientOrderId: string | undefined }> = [];
    ws.on('fill', (f) => fills.push(f));
    let connects = 0;
    ws.on('connected', () => connects++);
    await ws.connect();
    ws.subscribe('orderbook_delta', ['OMEGA-A']);
    ws.subscribe('fill');
    await until(() => ws!.book('OMEGA-A')?.consistent === true, 'the snapshot');
    expect(ex.faults.dropWebSockets()).toBe(1);
    await until(() => connects === 2, 'the reconnect');
    await rest.createOrder({
      ticker: 'OMEGA-A',
      side: 'bid',
      yesPrice: 52,
      count: 7,
      timeInForce: 'immediate_or_cancel',
      clientOrderId: 'ws-fill',
    });
    await until(() => fills.length === 1, 'the fill');
    expect(fills[0]).toMatchObject({ count: 7, clientOrderId: 'ws-fill' });
    const fromRest = await rest.getOrderbook('OMEGA-A');
    await until(() => JSON.stringify(ws!.book('OMEGA-A')!.toOrderbook()) === JSON.stringify(fromRest), 'book equality after the reconnect');
    expect(ws.stats.reconnects).toBe(1);
  });

  it('the handshake is signed: a wrong key is refused with 401', async () => {
    ex = await startExchange();
    const real = await userOf(ex, 'alice');
    const other = await userOf(await startExchange().then((e) => ((ex2 = e), e)), 'mallory');
    ws = new KalshiWsClient({ url: ex.wsUrl, credentials: { keyId: real.keyId, privateKey: other.creds.privateKey } });
    await expect(ws.connect()).rejects.toThrow(/HTTP 401/);
    await ex2?.stop();
  });
});
let ex2: LocalExchange | undefined;

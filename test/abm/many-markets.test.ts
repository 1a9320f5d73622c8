import { describe, expect, it } from 'vitest';
import {
  InformedTrader,
  MarketMaker,
  Model,
  parseModelConfig,
  recordedTruthPath,
  summarize,
  type ModelConfigInput,
} from '../../src/abm/index.js';
// the two experiment functions from their own modules: the package's index would load every layer (the dashboard,
// venues, paper trading…) for nothing
import { homerBias } from '../../src/experiments/homer-bias.js';
import { runTasks } from '../../src/experiments/pool.js';

/** Four games, two at a time, and a small population. */
const season: ModelConfigInput = {
  markets: { count: 4, life: 400, stagger: 200 },
  agents: {
    noise: { count: 20 },
    informed: { count: 8 },
    arbitrageur: { count: 4 },
    marketMaker: { count: 2 },
    homer: { count: 8 },
    llm: { count: 0 },
  },
};

describe('a season of games', () => {
  it('opens and resolves games on schedule, each on its own game’s result', () => {
    const m = Model.create(season, 3, { env: {} });
    expect(m.config.steps).toBe(3 * 200 + 400);
    expect(m.markets.map((s) => [s.open, s.close])).toEqual([
      [0, 400],
      [200, 600],
      [400, 800],
      [600, 1000],
    ]);
    m.run({ steps: 450 });
    expect(m.activeMarkets()).toEqual([1, 2]);
    expect(m.markets[0]!.outcome).toBe(m.markets[0]!.truth.outcome);
    expect(m.exchange.market('OMEGA-SIM-1').status).toBe('settled');
    m.run();
    expect(m.outcomes!.map((o) => o.resolution)).toEqual(m.markets.map((s) => (s.truth.outcome === 1 ? 'yes' : 'no')));
    expect(m.outcomes!.map((o) => o.step)).toEqual([400, 600, 800, 1000]);
  });

  it('agents trade every game, with positions per game and capital for each', () => {
    const m = Model.create(season, 5, { env: {} }).run();
    const tape = m.exchange.tape;
    const marketsOf = new Map<number, Set<number>>();
    for (let i = 0; i < tape.length; i++)
      for (const acct of [tape.makerAccountAt(i), tape.takerAccountAt(i)])
        (marketsOf.get(acct) ?? marketsOf.set(acct, new Set()).get(acct)!).add(tape.marketAt(i));
    for (const family of ['noise', 'informed', 'arbitrageur', 'marketMaker'] as const) {
      const members = m.family(family);
      const everywhere = members.filter((a) => (marketsOf.get(a.accountId)?.size ?? 0) === 4).length;
      expect(everywhere / members.length, `${family}: share of agents that traded all four games`).toBeGreaterThanOrEqual(0.75);
    }
    for (const a of m.agents) expect(a.deposit).toBe(4 * a.capital);
    // an informed trader keeps a belief per game
    const inf = m.family('informed')[0] as InformedTrader;
    expect([0, 1, 2, 3].filter((k) => Number.isFinite(inf.belief(k))).length).toBe(4);
  });

  it('reporters cover every game while it trades', () => {
    const m = Model.create(season, 2, { env: {} }).run();
    const cols = m.data.model;
    const rowsOf = (ticker: string) => (cols.market as string[]).filter((t) => t === ticker).length;
    expect(m.markets.map((s) => rowsOf(s.market.ticker))).toEqual([400, 400, 400, 400]); // steps open … close − 1
    expect(m.markets.map((s) => s.series().length)).toEqual([400, 400, 400, 400]);
    expect(summarize(m).season).toMatchObject({ markets: 4, resolved: 4 });
  });

  it('drives games with recorded win-probability paths when asked (real NFL games)', () => {
    const games = [
      { gameId: 'g1', probabilities: [0.6, 0.7, 0.2, 0.1], outcome: 0 as const },
      { gameId: 'g2', probabilities: [0.4, 0.5, 0.9, 0.95], outcome: 1 as const },
    ];
    const m = Model.create({ ...season, markets: { ...season.markets, count: 2, truth: { source: 'nfl' } } }, 1, {
      env: {},
      recordedGames: games,
    }).run();
    const sources = m.markets.map((s) => s.truth.source).sort();
    expect(sources).toEqual(['nfl:g1', 'nfl:g2']);
    for (const s of m.markets) {
      const g = games.find((x) => `nfl:${x.gameId}` === s.truth.source)!;
      expect(Array.from(s.truth.probabilities)).toEqual(
        Array.from(recordedTruthPath(g.probabilities, g.outcome, 400, s.truth.source).probabilities),
      );
      expect(s.outcome).toBe(g.outcome);
    }
    expect(() => Model.create({ markets: { truth: { source: 'nfl' } } }, 1, { env: {} })).toThrow(
      /markets.truth.source is nfl, but no recorded games were given/,
    );
  });
});

describe('market makers', () => {
  it('reach their inventory limit under one-sided selling, never pass it, and stop bidding there', () => {
    const m = Model.create(
      {
        markets: { count: 1, life: 200, initialProbability: 0.5, fees: 'none' },
        agents: {
          noise: { count: 0 },
          informed: { count: 0 },
          arbitrageur: { count: 0 },
          marketMaker: { count: 1, maxInventory: 25, quoteSize: 10, minSpread: 2, maxSpread: 8 },
          homer: { count: 0 },
          llm: { count: 0 },
        },
      },
      1,
      { env: {} },
    );
    const mm = m.family('marketMaker')[0] as MarketMaker;
    const seller = m.exchange.openAccount('seller', 1_000_000);
    const inventory: number[] = [];
    m.step();
    for (let i = 0; i < 12; i++) {
      const book = m.markets[0]!.book;
      if (book.hasBid())
        m.exchange.submitOrder(seller, { ticker: 'OMEGA-SIM-1', side: 'ask', price: book.bestBid(), count: 7, timeInForce: 'ioc' });
      inventory.push(m.accountOf(mm).qty(0));
      m.step();
      inventory.push(m.accountOf(mm).qty(0));
    }
    // 7 contracts a time against a 10-lot bid: 7, 14, 21, then the bid shrinks to 25 − 21 = 4: 25, then no bid at all
    expect(Math.max(...inventory)).toBe(25);
    expect(inventory).toContain(25);
    expect(m.markets[0]!.book.hasBid()).toBe(false);
    expect(m.markets[0]!.book.hasAsk()).toBe(true);
    expect(mm.peakInventory).toBe(25);
  });
});

describe('bounded homers and their bias', () => {
  it('the default model tracks the truth in every seed 1–30 (no season runs away)', async () => {
    const out = await runTasks(
      'factsForSeed',
      Array.from({ length: 30 }, (_, i) => ({ config: parseModelConfig({}), seed: i + 1, scale: 5 })),
      { workers: 2 },
    );
    const errors = out.map((o) => o.model.meanAbsError);
    expect(errors.filter((e) => !(e < 5))).toEqual([]);
    expect(Math.max(...errors) - Math.min(...errors)).toBeLessThan(2.5); // no outlier season
  }, 600_000);

  it('homers make their side dearer, most where it is the longshot (fan bias; the longshot end of the favourite–longshot bias)', async () => {
    const r = await homerBias(
      parseModelConfig({ ...season, agents: { ...season.agents, homer: { count: 20, maxPositionFraction: 0.15 } } }),
      { seeds: 4, workers: 1 },
    );
    expect(r.yesBias.ci[0]).toBeGreaterThan(0); // 70% of fans back YES
    expect(r.longshotBias.ci[0]).toBeGreaterThan(0);
    const [longshot, , favourite] = r.byLevel;
    expect(longshot!.cents).toBeGreaterThan(favourite!.cents);
    expect(r.absError.withHomers).toBeGreaterThan(r.absError.without);
  }, 300_000);
});

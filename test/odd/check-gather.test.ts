import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Agent } from '../../src/abm/agents/agent.js';
import { Model } from '../../src/abm/model.js';
import { AgentContext } from '../../src/abm/context.js';
import { DECLARED_SENSING } from '../../src/odd/document.js';
import { Exchange } from '../../src/market/exchange.js';
import type { Homer } from '../../src/abm/agents/homer.js';
import { parseDecision } from '../../src/abm/llm/decision.js';
import {
  ambientCalls,
  firstSteps,
  initialState,
  LLM_REPLIES,
  loneFanConfig,
  sameDecisions,
  truthHorizons,
  truthPath,
  withTwoMoreTraders,
} from '../../src/odd/check-inputs.js';
import { scoreForProbability, winProbability } from '../../src/abm/truth/score.js';
import { buildOddDocument, CHECKS, CheckContext } from '../../src/odd/index.js';
import { defaultModelConfig, parseModelConfig, type ModelConfig } from '../../src/abm/config.js';
import type { GroupStats } from '../../src/facts/group-stats.js';

/**
 * What each check gathers from the runs of the model, on hand-built runs (so no model runs here): the
 * evidence read from every seed, the worst case over the seeds where the check is about the worst case.
 * odd.test.ts gathers from the model itself; check-verdicts.test.ts pins the judges.
 */
const gather = (name: string, runs: unknown[]): unknown => CHECKS[name]!.gather({ runs: () => runs } as unknown as CheckContext);

describe('gathering from the runs', () => {
  it('informed-beat-noise: the P&L per agent of informed and noise traders in each season', () => {
    const runs = [{ pnl: { informed: 5, noise: -2, homer: 9 } }, { pnl: { informed: 1, noise: 3, homer: 0 } }];
    expect(gather('informed-beat-noise', runs)).toEqual([
      { informed: 5, noise: -2 },
      { informed: 1, noise: 3 },
    ]);
  });

  it('mm-inventory-limits: the largest breach over the seasons (one season over its limit is enough)', () => {
    expect(gather('mm-inventory-limits', [{ maxInventoryBreach: -3 }, { maxInventoryBreach: 2 }, { maxInventoryBreach: -7 }])).toBe(2);
  });

  it('homer-bounded: the largest loyalty over a cap, and each season’s mean error', () => {
    const runs = [
      { maxLoyaltyOverCap: -0.1, stats: { meanAbsError: 2 } },
      { maxLoyaltyOverCap: 0.05, stats: { meanAbsError: 3 } },
      { maxLoyaltyOverCap: -0.2, stats: { meanAbsError: 1 } },
    ];
    expect(gather('homer-bounded', runs)).toEqual({ overCap: 0.05, errors: [2, 3, 1] });
  });

  it('mm-two-sided: the mean two-sided share over the seasons', () => {
    // (0.9 + 0.7 + 0.8) / 3 = 0.8
    expect(gather('mm-two-sided', [{ twoSided: 0.9 }, { twoSided: 0.7 }, { twoSided: 0.8 }])).toBeCloseTo(0.8, 12);
  });

  it('conservation: the audit of each season’s exchange', () => {
    const audit = (cash: number) => ({ deposited: 100, cash, reserved: 0, openPairValue: 0, fees: 0, yesHeld: [], noHeld: [] });
    const runs = [90, 100].map((cash) => ({ model: { exchange: { audit: () => audit(cash) } } }));
    expect(gather('conservation', runs)).toEqual([audit(90), audit(100)]);
  });

  it('every-family-trades: the share of each present family that traded, as maker or taker, averaged over seasons', () => {
    /** A season: members of each family by account id, and the trades as [maker, taker] account pairs. */
    const season = (members: Record<string, number[]>, trades: Array<[number, number]>) => ({
      model: {
        family: (f: string) => (members[f] ?? []).map((accountId) => ({ accountId })),
        exchange: {
          tape: { length: trades.length, makerAccountAt: (i: number) => trades[i]![0], takerAccountAt: (i: number) => trades[i]![1] },
        },
      },
    });
    const runs = [
      // noise 1 and 2 trade (1 as maker, 2 as taker), 3 and 4 do not: 2/4; homer 5 as taker: 1/2
      season({ noise: [1, 2, 3, 4], homer: [5, 6] }, [
        [1, 5],
        [9, 2],
      ]),
      // every noise trader trades: 4/4; this season has no homers: 0
      season({ noise: [1, 2, 3, 4] }, [
        [1, 2],
        [3, 4],
      ]),
    ];
    // families in FAMILIES order, those without members in the first season left out
    expect(gather('every-family-trades', runs)).toEqual([
      { family: 'noise', share: (0.5 + 1) / 2 },
      { family: 'homer', share: (0.5 + 0) / 2 },
    ]);
  });

  it('outcome-from-truth: a market agrees when it settled on its game’s outcome, the final score’s sign and the recorded resolution', () => {
    const market = (index: number, outcome: number, truthOutcome: number, scores?: number[]) => ({
      index,
      outcome,
      truth: { outcome: truthOutcome, ...(scores ? { scores } : {}) },
    });
    const runs = [
      {
        model: {
          markets: [
            market(0, 1, 1, [0, 3]), // agrees: YES, final score +3
            market(1, 0, 0, [0, -2]), // agrees: NO, final score −2
            market(2, 1, 0), // settled YES on a game that ended NO
            market(3, 1, 1, [2, -1]), // settled YES though the final score is negative
            market(4, 0, 0), // agrees (no score path recorded), but resolved YES below
            market(5, 0, 0, [1, 0]), // a tie (score 0) settles NO: agrees
            market(6, 1, 1), // agrees (no score path recorded)
            market(7, 1, 1, [1]), // no resolution recorded for it
          ],
          outcomes: ['yes', 'no', 'yes', 'yes', 'yes', 'no', 'yes'].map((resolution) => ({ resolution })),
        },
      },
      // a market settled YES on a game whose final score is negative, resolved YES: disagrees
      { model: { markets: [market(0, 1, 1, [3, -1])], outcomes: [{ resolution: 'yes' }] } },
      // a season without recorded resolutions agrees nowhere
      { model: { markets: [market(0, 1, 1, [1])] } },
    ];
    expect(gather('outcome-from-truth', runs)).toEqual({ markets: 10, agree: 4 });
  });

  it('interaction-only-via-orders: every field of an agent that holds an agent, the model or the exchange', () => {
    const agent = Object.create(Agent.prototype) as Agent;
    const model = Object.create(Model.prototype) as Model;
    const agents = [
      { kind: 'noise', peer: agent, count: 3 },
      { kind: 'informed', venue: new Exchange(), world: model, name: 'x', nothing: null },
      { kind: 'homer', signal: 0.5 },
    ];
    expect(gather('interaction-only-via-orders', [{ model: { agents } }])).toEqual({
      leaks: ['noise.peer', 'informed.venue', 'informed.world'],
      agents: 3,
    });
  });
});

describe('no-ambient-randomness', () => {
  it('names file and line of each Math.random( or Date.now( in .ts files at any depth, but on lines that name the clock or say ambient-ok', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'omega-ambient-'));
    try {
      mkdirSync(path.join(root, 'abm', 'agents'), { recursive: true });
      writeFileSync(path.join(root, 'top.ts'), 'const a = 1;\nconst r = Math.random();\n');
      writeFileSync(
        path.join(root, 'abm', 'agents', 'noise.ts'),
        [
          'const t = Date.now(); // clock: sanctioned',
          'const u = Date.now(); // ambient-ok: a log stamp',
          'const v = Date.now();',
          '// Math.random and Date.now without a call are fine',
        ].join('\n'),
      );
      writeFileSync(path.join(root, 'abm', 'script.js'), 'Math.random();\n'); // not TypeScript: not scanned
      expect(ambientCalls(root).sort()).toEqual([path.join('abm', 'agents', 'noise.ts') + ':3', 'top.ts:2']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the homer checks', () => {
  it('drive a lone YES fan that never trades by itself, in a one-game model', () => {
    const m = Model.create(loneFanConfig({ loyalty: 0.2, streak: 4 }), undefined, { env: {} });
    expect(m.agents).toHaveLength(1);
    expect(m.markets).toHaveLength(1);
    expect(m.notices).toEqual([]); // no LLM agents asked for, so none left out
    const fan = m.agents[0] as Homer;
    expect(fan.family).toBe('homer');
    expect({ favorsYes: fan.favorsYes, tradeProbability: fan.tradeProbability, baseLoyalty: fan.baseLoyalty, streak: fan.streak }).toEqual({
      favorsYes: true,
      tradeProbability: 0,
      baseLoyalty: 0.2,
      streak: 4,
    });
  });
});

describe('llm-reply-validated', () => {
  const parsed = (reply: string) => parseDecision(reply);
  const edited = (reply: string, change: Record<string, unknown>) => JSON.stringify({ ...(JSON.parse(reply) as object), ...change });
  it('gathers whether each was accepted', () => {
    expect(CHECKS['llm-reply-validated']!.gather({} as CheckContext)).toEqual({ good: true, bad: [false, false, false, false] });
  });
  it('tries a fenced valid decision', () => {
    expect(LLM_REPLIES.good).toMatch(/^```json\n/);
    expect(parsed(LLM_REPLIES.good)).toEqual({ ok: true, decision: { side: 'buy', price: 55, size: 3, reason: 'momentum' } });
  });
  it('tries four bad replies, each rejected for its named flaw and accepted once that flaw is fixed', () => {
    const bad = LLM_REPLIES.bad;
    expect(Object.keys(bad)).toEqual(['prose', 'out-of-range price', 'unknown side', 'missing reason']);
    expect(parsed(bad.prose)).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
    expect(bad.prose).toMatch(/\w/);
    // the LLM decision schema (src/abm/llm/decision.ts): price 1–99 ¢, side buy / sell / hold, reason required
    expect(parsed(bad['out-of-range price'])).toMatchObject({ ok: false, error: expect.stringMatching(/^price: /) });
    expect(parsed(edited(bad['out-of-range price'], { price: 99 })).ok).toBe(true);
    expect(parsed(bad['unknown side'])).toMatchObject({ ok: false, error: 'side: side must be buy, sell or hold' });
    expect(parsed(edited(bad['unknown side'], { side: 'sell' })).ok).toBe(true);
    expect(parsed(bad['missing reason'])).toMatchObject({ ok: false, error: expect.stringMatching(/^reason: /) });
    expect(parsed(edited(bad['missing reason'], { reason: 'momentum' })).ok).toBe(true);
  });
});

describe('checks on short runs', () => {
  it('cut the season to its first 600 steps, and leave a shorter one as it is', () => {
    const c = defaultModelConfig();
    expect(firstSteps(c)).toEqual({ ...c, steps: 600 });
    expect(firstSteps({ ...c, steps: 599 })).toEqual({ ...c, steps: 599 });
  });
});

describe('initial-state', () => {
  // fixed starting cash for noise traders (capital exactly 1000), a range for informed traders; two markets
  const tiny = parseModelConfig({
    markets: { count: 2, life: 30 },
    agents: {
      noise: { count: 3, cash: 1000 },
      informed: { count: 2, cash: [500, 800] },
      arbitrageur: { count: 0 },
      marketMaker: { count: 0 },
      homer: { count: 0 },
      llm: { count: 0 },
    },
  });
  it('finds flat accounts, capital in range (bounds included) deposited once per market, empty books, and a population fixed by the seed', () => {
    expect(CHECKS['initial-state']!.gather(new CheckContext(tiny, 1, buildOddDocument()))).toEqual({
      flat: true,
      inRange: true,
      emptyBooks: true,
      sameSeedSame: true,
      nextSeedDiffers: true,
    });
  });
});

describe('the ablations', () => {
  type Change = (c: ModelConfig) => ModelConfig;
  /** What a check asks of the context: the ablation's name, what it switches off, what it measures, over how many seeds, on which season, with what else off. */
  function asked(check: string, seeds = 30) {
    let call: unknown[] = [];
    const ctx = {
      seeds,
      ablation: (...args: unknown[]) => {
        call = args;
        return 'the evidence';
      },
    } as unknown as CheckContext;
    expect(CHECKS[check]!.gather(ctx)).toBe('the evidence');
    const [name, off, measure, n, season, base] = call as [string, Change, (s: GroupStats) => number, number?, string?, Change?];
    return { name, off, measure: measure(STATS), seeds: n, season, base };
  }
  const STATS = { acf1: 1, excessKurtosis: 2, meanAbsError: 3, volumeVolatility: 4, fano: 5 } as unknown as GroupStats;
  const c = defaultModelConfig();
  const withMarketMaker = (change: object): ModelConfig => ({
    ...c,
    agents: { ...c.agents, marketMaker: { ...c.agents.marketMaker, ...change } },
  });
  const noJumps: ModelConfig = { ...c, markets: { ...c.markets, truth: { ...c.markets.truth, jumpProbability: 0 } } };
  const noWithdrawal = withMarketMaker({ withdrawalSteps: 0 });
  const noNews: ModelConfig = {
    ...c,
    agents: { ...c.agents, informed: { ...c.agents.informed, count: 0 }, arbitrageur: { ...c.agents.arbitrageur, count: 0 } },
  };

  it('order-flow: market makers that ignore order flow, lag-1 autocorrelation, on the ablation season', () => {
    const a = asked('ablation-order-flow');
    expect(a).toMatchObject({ name: 'order-flow', measure: 1, seeds: undefined, season: undefined, base: undefined });
    expect(a.off(c)).toEqual(withMarketMaker({ flowImpact: 0 }));
  });
  it('jumps: a game without scoring jumps, excess kurtosis, with market makers that never withdraw', () => {
    const a = asked('ablation-jumps');
    expect(a).toMatchObject({ name: 'jumps', measure: 2, seeds: undefined, season: 'ablation' });
    expect(a.off(c)).toEqual(noJumps);
    expect(a.base!(c)).toEqual(noWithdrawal);
  });
  it('withdrawal-tails: market makers that never withdraw, excess kurtosis, 12 full seasons (fewer if fewer seeds) without jumps', () => {
    const a = asked('ablation-withdrawal-tails');
    expect(a).toMatchObject({ name: 'withdrawal-tails', measure: 2, seeds: 12, season: 'full' });
    expect(a.off(c)).toEqual(noWithdrawal);
    expect(a.base!(c)).toEqual(noJumps);
    expect(asked('ablation-withdrawal-tails', 5).seeds).toBe(5);
  });
  it('information and volume-volatility: no informed traders or arbitrageurs, mean error and volume–volatility correlation', () => {
    const info = asked('ablation-information');
    expect(info).toMatchObject({ name: 'information', measure: 3, seeds: undefined, season: undefined, base: undefined });
    expect(info.off(c)).toEqual(noNews);
    const volume = asked('ablation-volume-volatility');
    expect(volume).toMatchObject({ name: 'information-volume', measure: 4, seeds: undefined, season: undefined, base: undefined });
    expect(volume.off(c)).toEqual(noNews);
  });
  it('liquidity-withdrawal: market makers that never withdraw, Fano factor, 12 full seasons (fewer if fewer seeds)', () => {
    const a = asked('ablation-liquidity-withdrawal');
    expect(a).toMatchObject({ name: 'liquidity-withdrawal', measure: 5, seeds: 12, season: 'full', base: undefined });
    expect(a.off(c)).toEqual(noWithdrawal);
    expect(asked('ablation-liquidity-withdrawal', 7).seeds).toBe(7);
  });
});

describe('initialState on hand-built models', () => {
  // noise traders start with exactly 1000¢, informed traders with 500.5–800.5¢ (whole cents 500–801 allowed); two markets
  const config = parseModelConfig({ agents: { noise: { cash: 1000 }, informed: { cash: [500.5, 800.5] } } });
  interface FakeAgent {
    family: 'noise' | 'informed';
    capital: number;
    deposit?: number;
    cash?: number;
    reserved?: number;
    qty?: number[];
  }
  /** A model of these agents on two markets with these resting-order counts; deposits and cash default to capital × 2. */
  const model = (agents: FakeAgent[], resting = [0, 0]) =>
    ({
      agents: agents.map((x) => ({ ...x, kind: x.family, deposit: x.deposit ?? 2 * x.capital })),
      markets: resting.map((restingOrders) => ({ book: { restingOrders } })),
      accountOf: (x: FakeAgent) => ({
        cash: x.cash ?? x.deposit ?? 2 * x.capital,
        reserved: x.reserved ?? 0,
        qty: (m: number) => x.qty?.[m] ?? 0,
      }),
    }) as unknown as Model;
  const sound: FakeAgent[] = [
    { family: 'noise', capital: 1000 },
    { family: 'informed', capital: 500 }, // ⌊500.5⌋: the lowest whole cent of the range
    { family: 'informed', capital: 801 }, // ⌈800.5⌉: the highest
  ];
  const other: FakeAgent[] = [sound[0]!, { family: 'informed', capital: 600 }, sound[2]!];
  // b, built from the same seed, defaults to the same population
  const verdict = (agents: FakeAgent[], resting?: number[], b: FakeAgent[] = agents, c: FakeAgent[] = other) =>
    initialState(config, model(agents, resting), model(b), model(c));
  const allTrue = { flat: true, inRange: true, emptyBooks: true, sameSeedSame: true, nextSeedDiffers: true };
  const change = (i: number, edit: Partial<FakeAgent>) => sound.map((x, j) => (j === i ? { ...x, ...edit } : x));

  it('holds for flat accounts with capital at the ends of the range, deposited once per market, and empty books', () => {
    expect(verdict(sound)).toEqual(allTrue);
  });
  it.each([
    ['a position in the second market', change(2, { qty: [0, 1] }), { flat: false }],
    ['a short position in the first market', change(0, { qty: [-2, 0] }), { flat: false }],
    ['cash reserved for an order', change(1, { reserved: 5 }), { flat: false }],
    ['a noise trader with 1¢ more than its fixed cash', change(0, { capital: 1001 }), { inRange: false }],
    ['a noise trader with 1¢ less', change(0, { capital: 999 }), { inRange: false }],
    ['an informed trader under the range', change(1, { capital: 499 }), { inRange: false }],
    ['an informed trader over the range', change(2, { capital: 802 }), { inRange: false }],
    ['cash that is not the deposit', change(1, { cash: 999 }), { inRange: false }],
    ['a deposit for one market only', change(1, { deposit: 500, cash: 500 }), { inRange: false }],
  ])('fails with %s', (_why, agents, broken) => {
    expect(verdict(agents)).toEqual({ ...allTrue, ...broken });
  });
  it('fails with an order resting in one book', () => {
    expect(verdict(sound, [0, 1])).toEqual({ ...allTrue, emptyBooks: false });
  });
  it('fails when the same seed gives another population, or the next seed the same', () => {
    expect(verdict(sound, undefined, other, other)).toEqual({ ...allTrue, sameSeedSame: false });
    expect(verdict(sound, undefined, sound, sound)).toEqual({ ...allTrue, nextSeedDiffers: false });
  });
});

describe('truth-martingale', () => {
  it('reads p_t at 5 %, 15 %, …, 95 % of a game', () => {
    expect(truthHorizons(1000)).toEqual([50, 150, 250, 350, 450, 550, 650, 750, 850, 950]);
  });

  const params = { source: 'score' as const, volatility: 0.4, jumpProbability: 0.2, jumpSize: 3 };
  /** A scripted stream: the uniform draw, then normal and float draws in turn (the last one repeats), counting the calls. */
  function scripted(p0: number, normals: number[], floats: number[]) {
    const calls = { uniform: [] as number[][], normal: 0, float: 0 };
    const rng = {
      uniform: (lo: number, hi: number) => (calls.uniform.push([lo, hi]), p0),
      normal: () => normals[Math.min(calls.normal++, normals.length - 1)]!,
      float: () => floats[Math.min(calls.float++, floats.length - 1)]!,
    };
    return { rng, calls };
  }

  it('moves the score by volatility·N(0,1) in each of the life steps after the start, recording p_t at the horizons only', () => {
    // no jump: every float is 0.5 > 0.2
    const { rng, calls } = scripted(0.6, [1], [0.5]);
    const r = truthPath(rng, 10, params, [2, 5, 10]);
    const s0 = scoreForProbability(0.6, 10, params);
    expect(calls).toEqual({ uniform: [[0.15, 0.85]], normal: 10, float: 10 });
    expect(Object.keys(r.probabilities)).toEqual(['2', '5', '10']);
    expect(r.probabilities[2]).toBeCloseTo(winProbability(s0 + 2 * 0.4, 8, params), 12);
    expect(r.probabilities[5]).toBeCloseTo(winProbability(s0 + 5 * 0.4, 5, params), 12);
    expect(r.probabilities[10]).toBeCloseTo(winProbability(s0 + 10 * 0.4, 0, params), 12);
    expect(r.outcome).toBe(1);
  });

  it('adds jumpSize·N(0,1) when the float draw is below the jump probability (not at it)', () => {
    // floats: 0.2 (no jump: not below 0.2) in step 1, then 0.1 (a jump) in steps 2 and 3; normals all +1
    const { rng, calls } = scripted(0.5, [1], [0.2, 0.1]);
    const r = truthPath(rng, 3, params, [1, 3]);
    expect(calls.normal).toBe(3 + 2);
    // the score starts at 0 (p = 0.5): +0.4 in step 1, +0.4 + 3 in steps 2 and 3
    expect(r.probabilities[1]).toBeCloseTo(winProbability(0.4, 2, params), 12);
    expect(r.probabilities[3]).toBeCloseTo(winProbability(0.4 + 2 * 3.4, 0, params), 12);
  });

  it('loses a game whose final score is below zero, or exactly zero', () => {
    expect(scoreForProbability(0.5, 4, params)).toBe(0);
    expect(truthPath(scripted(0.5, [0], [0.9]).rng, 4, params, []).outcome).toBe(0);
    expect(truthPath(scripted(0.5, [-1], [0.9]).rng, 4, params, []).outcome).toBe(0);
    expect(truthPath(scripted(0.5, [1], [0.9]).rng, 4, params, []).outcome).toBe(1);
  });
});

describe('stream-independence', () => {
  it('adds one noise and one informed trader, nothing else', () => {
    const c = defaultModelConfig();
    expect(withTwoMoreTraders(c)).toEqual({
      ...c,
      agents: {
        ...c.agents,
        noise: { ...c.agents.noise, count: c.agents.noise.count + 1 },
        informed: { ...c.agents.informed, count: c.agents.informed.count + 1 },
      },
    });
  });
  it('counts the traders whose decisions are the same, in the same order, in both runs', () => {
    const base = new Map([
      [0, [1, 2]],
      [1, [3]],
      [2, [4, 5]],
      [3, [6]],
    ]);
    const more = new Map([
      [0, [1, 2]], // same
      [1, [3, 4]], // one more decision
      [2, [5, 4]], // the same decisions in another order
      [4, [6]], // trader 3 missing
    ]);
    expect(sameDecisions(base, more)).toBe(1);
    expect(sameDecisions(base, base)).toBe(4);
  });
});

describe('gathering from short runs of a small model', () => {
  // one game of 30 steps, 3 noise and 2 informed traders: each gather below takes milliseconds
  const tiny = parseModelConfig({
    markets: { count: 1, life: 30 },
    agents: {
      noise: { count: 3 },
      informed: { count: 2 },
      arbitrageur: { count: 0 },
      marketMaker: { count: 0 },
      homer: { count: 0 },
      llm: { count: 0 },
    },
  });
  const doc = buildOddDocument();
  const gatherOn = (name: string, config: ModelConfig = tiny): unknown => CHECKS[name]!.gather(new CheckContext(config, 1, doc));

  it('sensing-declared: what each family present read, sorted, and the sensing methods restored afterwards', () => {
    const methods = () =>
      Object.getOwnPropertyNames(AgentContext.prototype).map(
        (n) => Object.getOwnPropertyDescriptor(AgentContext.prototype, n)!.value as unknown,
      );
    const before = methods();
    const used = gatherOn('sensing-declared') as Array<{ family: 'noise' | 'informed'; calls: string[] }>;
    expect(methods()).toEqual(before);
    expect(used.map((u) => u.family).sort()).toEqual(['informed', 'noise']);
    for (const { family, calls } of used) {
      expect(calls.length).toBeGreaterThan(0);
      expect(calls).toEqual([...calls].sort());
      for (const c of calls) expect(DECLARED_SENSING[family]).toContain(c);
    }
  });

  it('random-activation: the orders of the first two steps over all agents', () => {
    const e = gatherOn('random-activation') as { first: number[]; second: number[]; agents: number };
    expect(e.agents).toBe(5);
    expect([...e.first].sort()).toEqual([0, 1, 2, 3, 4]);
    expect([...e.second].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('reproducible: the tape hash twice from the seed, and from the seed + 1', () => {
    const e = gatherOn('reproducible') as { a: string; b: string; c: string };
    const next = Model.create({ ...tiny, seed: tiny.seed + 1 }, undefined, { env: {} })
      .run()
      .manifest().tapeHash;
    expect(e).toEqual({ a: e.b, b: e.a, c: next });
    expect(e.a).not.toBe(next);
  });

  it('schedule-matches-code: the phases of 3 steps, each the documented schedule without the LLM consultation', () => {
    const e = gatherOn('schedule-matches-code') as { documented: string[]; traced: string[][] };
    expect(e.documented).toEqual(Model.SCHEDULE.map((s) => s.phase));
    const expected = e.documented.filter((p) => p !== 'consult');
    expect(e.traced).toEqual([expected, expected, expected]);
  });
});

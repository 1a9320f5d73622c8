import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Agent } from '../abm/agents/agent.js';
import type { Homer } from '../abm/agents/homer.js';
import { randomTraderDecisions } from '../abm/analysis.js';
import { DEFAULT_AGENT_REPORTERS, DEFAULT_MODEL_REPORTERS } from '../abm/collector.js';
import { FAMILIES, loadModelConfig, type FamilyName, type ModelConfig, type ModelConfigInput } from '../abm/config.js';
import { AgentContext } from '../abm/context.js';
import { parseDecision } from '../abm/llm/decision.js';
import { Model, type SchedulePhase } from '../abm/model.js';
import { kellyFraction } from '../abm/risk.js';
import { scoreForProbability, winProbability } from '../abm/truth/score.js';
import { projectRoot } from '../core/paths.js';
import { Rng } from '../core/rng.js';
import { calibrationByHorizon } from '../facts/truth-calibration.js';
import { bootstrapCi } from '../facts/suite.js';
import { Exchange } from '../market/exchange.js';
import { makerFee, takerFee } from '../market/fees.js';
import { DECLARED_SENSING } from './document.js';
import { arbitrageCloses, modelFor, type AblationEvidence, type CheckContext } from './evidence.js';
import { renderParameterTable } from './render.js';

export { CheckContext } from './evidence.js';

export interface CheckResult {
  readonly pass: boolean;
  readonly detail: string;
}

/**
 * A check in two parts: `gather` collects the evidence (runs the model, reads files), `judge` decides on
 * it. Tests feed every `judge` evidence that must fail, so no check passes whatever it is shown.
 */
export interface Check<E> {
  readonly gather: (ctx: CheckContext) => E;
  readonly judge: (evidence: E) => CheckResult;
}

const check = <E>(gather: (ctx: CheckContext) => E, judge: (evidence: E) => CheckResult): Check<E> => ({ gather, judge });
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ok = (pass: boolean, detail: string): CheckResult => ({ pass, detail });
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

/** Ablations of statistics that need every game of a season and a dozen seeds; quick checks (facts: false) leave them out. */
export const FULL_SEASON_ABLATIONS: ReadonlySet<string> = new Set(['ablation-liquidity-withdrawal', 'ablation-withdrawal-tails']);
/** How many full seasons those ablations compare (fewer when the check runs fewer seeds). */
const FULL_SEASON_SEEDS = 12;

const withoutJumps = (c: ModelConfig): ModelConfig => ({
  ...c,
  markets: { ...c.markets, truth: { ...c.markets.truth, jumpProbability: 0 } },
});
const withoutWithdrawal = (c: ModelConfig): ModelConfig => ({
  ...c,
  agents: { ...c.agents, marketMaker: { ...c.agents.marketMaker, withdrawalSteps: 0 } },
});

/** A paired ablation judged by the bootstrap CI of the mean per-seed change (off − on) in the expected direction. */
function judgeAblation(e: AblationEvidence, direction: 'rises' | 'falls', what: string, seedShare = 0.5): CheckResult {
  const diffs = e.on.map((v, i) => e.off[i]! - v);
  const [lo, hi] = bootstrapCi(diffs, mean, 1000, Rng.derive(0, 'ablation', e.name));
  const agree = diffs.filter((d) => (direction === 'rises' ? d > 0 : d < 0)).length;
  const pass = (direction === 'rises' ? lo > 0 : hi < 0) && agree >= seedShare * diffs.length;
  return ok(
    pass,
    `${what}: ${f2(mean(e.on))} with the mechanism → ${f2(mean(e.off))} without (change ${f2(mean(diffs))}, 95% CI [${f2(lo)}, ${f2(hi)}]; ${direction} in ${agree}/${diffs.length} seeds)`,
  );
}

/**
 * A one-game model whose only agent is a YES fan that never trades on its own, with these homer parameters: the
 * homer checks drive its observations by hand, so nothing else in the model may move it.
 */
export function loneFanConfig(homer: HomerInput): ModelConfigInput {
  return {
    markets: { count: 1 },
    steps: 10,
    agents: {
      noise: { count: 0 },
      informed: { count: 0 },
      arbitrageur: { count: 0 },
      marketMaker: { count: 0 },
      homer: { count: 1, yesShare: 1, tradeProbability: 0, ...homer },
      llm: { count: 0 },
    },
  };
}
type HomerInput = NonNullable<NonNullable<ModelConfigInput['agents']>['homer']>;
const loneFan = (homer: HomerInput) => modelFor(loneFanConfig(homer)).family('homer')[0] as Homer;

/** The configuration cut to its first 600 steps at most: enough for the checks that compare runs or trace calls. */
export const firstSteps = (config: ModelConfig): ModelConfig => ({ ...config, steps: Math.min(config.steps, 600) });

/** The replies the LLM check parses: a valid decision in a ```json fence, and bad replies named by their one flaw. */
export const LLM_REPLIES = {
  good: '```json\n{"side":"buy","price":55,"size":3,"reason":"momentum"}\n```',
  bad: {
    prose: 'no json here',
    'out-of-range price': '{"side":"buy","price":150,"size":3,"reason":"x"}',
    'unknown side': '{"side":"short","price":50,"size":1,"reason":"x"}',
    'missing reason': '{"side":"buy","price":50,"size":1}',
  },
};

/** The phases of one step, in the order the model ran them (consultation only happens for LLM agents). */
function recordSchedule(config: ModelConfig, steps: number): SchedulePhase[][] {
  const trace: SchedulePhase[][] = [];
  modelFor({ ...config, steps }, undefined, { onPhase: (phase, t) => (trace[t - 1] ??= []).push(phase) }).run();
  return trace;
}

/** The configuration with one more noise trader and one more informed trader (each appended to its family). */
export const withTwoMoreTraders = (c: ModelConfig): ModelConfig => ({
  ...c,
  agents: {
    ...c.agents,
    noise: { ...c.agents.noise, count: c.agents.noise.count + 1 },
    informed: { ...c.agents.informed, count: c.agents.informed.count + 1 },
  },
});

/** How many traders of `base` (family index → decisions) made the same decisions in `more`. */
export function sameDecisions(base: ReadonlyMap<number, number[]>, more: ReadonlyMap<number, number[]>): number {
  let same = 0;
  for (const [i, seq] of base) if (JSON.stringify(more.get(i)) === JSON.stringify(seq)) same++;
  return same;
}

/** A 5-step model that asks for 3 LLM agents, built in this environment: how many LLM agents it got, and its notices. */
export function llmExclusion(env: Readonly<Record<string, string | undefined>>) {
  const requested = 3;
  const m = modelFor({ steps: 5, agents: { llm: { count: requested } } }, 1, { env });
  return { requested, llmAgents: m.family('llm').length, notices: m.notices };
}

/** Flatten a parsed config into `group.name → value` as the ODD tables print defaults. */
export function configValues(config: ModelConfig): Map<string, string> {
  const out = new Map<string, string>();
  const fmt = (v: unknown): string =>
    // JSON.stringify(null) is 'null', as String(null): no null case needed
    Array.isArray(v) ? `[${v.join(', ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === 'object' && !Array.isArray(v) && !['mix'].includes(k)) walk(v as Record<string, unknown>, key);
      else out.set(key, fmt(v));
    }
  };
  walk(config as unknown as Record<string, unknown>, '');
  return out;
}

/** Rows `name → default` of the rendered parameter tables (the Markdown readers see). */
export function renderedDefaults(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const row = /^\| `([^`]+)` \| ([^|]*) \|/.exec(line);
    if (row) rows.set(row[1]!, row[2]!.trim());
  }
  return rows;
}

/**
 * `file:line` (relative to `root`) of each call to Math.random or Date.now in the .ts files under `root`, but on
 * lines that name the clock or say ambient-ok.
 */
export function ambientCalls(root: string): string[] {
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts'))
        readFileSync(p, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/Math\.random\(|Date\.now\(/.test(line) && !/clock|ambient-ok/.test(line)) hits.push(`${path.relative(root, p)}:${i + 1}`);
          });
    }
  };
  walk(root);
  return hits;
}

/**
 * The initial state of `a`, a model built from `config`, beside `b` (built from it again) and `c` (from the next seed):
 * flat accounts, starting capital within its family's cash range and deposited once per market, empty books, and a
 * population that the seed fixes.
 */
export function initialState(config: ModelConfig, a: Model, b: Model, c: Model) {
  const flat = a.agents.every((x) => a.markets.every((_, m) => a.accountOf(x).qty(m) === 0) && a.accountOf(x).reserved === 0);
  const inRange = a.agents.every((x) => {
    const cash = config.agents[x.family].cash;
    const [lo, hi] = typeof cash === 'number' ? [cash, cash] : [cash[0]!, cash[1]!];
    return (
      x.capital >= Math.floor(lo) &&
      x.capital <= Math.ceil(hi) &&
      a.accountOf(x).cash === x.deposit &&
      x.deposit === x.capital * a.markets.length
    );
  });
  const fingerprint = (m: Model) => JSON.stringify(m.agents.map((x) => [x.kind, x.capital]));
  return {
    flat,
    inRange,
    emptyBooks: a.markets.every((s) => s.book.restingOrders === 0),
    sameSeedSame: fingerprint(a) === fingerprint(b),
    nextSeedDiffers: fingerprint(a) !== fingerprint(c),
  };
}

/** The ten steps of a game of `life` steps at which the martingale check reads p_t: 5 %, 15 %, …, 95 % of the way. */
export const truthHorizons = (life: number): number[] =>
  [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95].map((f) => Math.round(f * life));

/**
 * One simulated game as the model's truth process plays it: a score started at a uniform 15–85 % win probability
 * moves each step by volatility·N(0,1), plus jumpSize·N(0,1) with the jump probability; p_t is recorded at the
 * horizons and the game is won (outcome 1) when the final score is above 0 (a tie is lost, as markets settle).
 */
export function truthPath(
  rng: Pick<Rng, 'uniform' | 'normal' | 'float'>,
  life: number,
  params: ModelConfig['markets']['truth'],
  horizons: readonly number[],
): { probabilities: number[]; outcome: number } {
  let score = scoreForProbability(rng.uniform(0.15, 0.85), life, params);
  const probabilities: number[] = [];
  for (let t = 0; t <= life; t++) {
    if (t > 0) {
      score += params.volatility * rng.normal();
      if (rng.float() < params.jumpProbability) score += params.jumpSize * rng.normal();
    }
    if (horizons.includes(t)) probabilities[t] = winProbability(score, life - t, params);
  }
  return { probabilities, outcome: score > 0 ? 1 : 0 };
}

/** Every check a claim may name. `fact:<id>` checks are resolved against the stylized-facts suite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each check's evidence type is its own; callers only hand gather's result to the same check's judge
export const CHECKS: Record<string, Check<any>> = {
  'informed-beat-noise': check(
    (ctx) => ctx.runs().map((r) => ({ informed: r.pnl.informed, noise: r.pnl.noise })),
    (seeds: Array<{ informed: number; noise: number }>) => {
      const inf = mean(seeds.map((s) => s.informed));
      const noise = mean(seeds.map((s) => s.noise));
      const ahead = seeds.filter((s) => s.informed > s.noise).length;
      return ok(
        // no seasons: both means are NaN, and NaN > NaN is false
        inf > noise && ahead >= 0.7 * seeds.length,
        `mean P&L per agent over ${seeds.length} seasons: informed ${inf.toFixed(0)}¢, noise ${noise.toFixed(0)}¢; informed ahead in ${ahead}/${seeds.length}`,
      );
    },
  ),
  'every-family-trades': check(
    (ctx) =>
      FAMILIES.filter((f) => ctx.runs()[0]!.model.family(f).length > 0).map((f) => {
        const share = ctx.runs().map(({ model }) => {
          const traded = new Set<number>();
          const tape = model.exchange.tape;
          for (let i = 0; i < tape.length; i++) (traded.add(tape.makerAccountAt(i)), traded.add(tape.takerAccountAt(i)));
          const members = model.family(f);
          return members.filter((a) => traded.has(a.accountId)).length / Math.max(1, members.length);
        });
        return { family: f, share: mean(share) };
      }),
    (shares: Array<{ family: FamilyName; share: number }>) =>
      ok(
        shares.length > 0 && shares.every((s) => s.share >= 0.8),
        shares.map((s) => `${s.family} ${Math.round(100 * s.share)}%`).join(', ') + ' of agents traded',
      ),
  ),
  'mm-inventory-limits': check(
    (ctx) => Math.max(...ctx.runs().map((r) => r.maxInventoryBreach)),
    (worst: number) =>
      ok(
        worst <= 0,
        worst <= 0
          ? `inventory stayed within limits in every market and step (closest: ${-worst} contracts below)`
          : `a market maker exceeded its limit by ${worst} contracts`,
      ),
  ),
  'homer-loyalty': check(
    () => {
      // a YES fan's loyalty moves back toward its start (L₀ = 0.1) by 1% of the gap per look, grows 0.01 per favorable tick, and never passes the cap 0.3
      const homer = loneFan({ loyalty: 0.1, maxLoyalty: 0.3, loyaltyDecay: 0.01, reinforcement: 0.01 });
      homer.observe(0, 50);
      homer.observe(0, 55);
      const reinforced = homer.loyalty(0);
      for (let i = 0; i < 10; i++) homer.observe(0, 55);
      const faded = homer.loyalty(0);
      for (let i = 0; i < 100; i++) homer.observe(0, 55 + 5 * (i + 1));
      return { reinforced, faded, capped: homer.loyalty(0) };
    },
    (e: { reinforced: number; faded: number; capped: number }) => {
      const expectedFaded = 0.1 + (0.15 - 0.1) * 0.99 ** 10;
      return ok(
        Math.abs(e.reinforced - 0.15) < 1e-12 && Math.abs(e.faded - expectedFaded) < 1e-12 && e.capped === 0.3,
        `+5 ticks: 0.1 → ${e.reinforced.toFixed(5)} (expected 0.15); 10 flat looks → ${e.faded.toFixed(5)} (0.1 + 0.05·0.99¹⁰ = ${expectedFaded.toFixed(5)}); a long rally → ${e.capped} (cap 0.3)`,
      );
    },
  ),
  'homer-bounded': check(
    (ctx) => ({ overCap: Math.max(...ctx.runs().map((r) => r.maxLoyaltyOverCap)), errors: ctx.runs().map((r) => r.stats.meanAbsError) }),
    (e: { overCap: number; errors: number[] }) => {
      const worst = Math.max(...e.errors);
      return ok(
        e.overCap <= 1e-12 && e.errors.length > 0 && worst < 5,
        `loyalty stayed at or below every fan's cap in every market (largest margin ${f2(-e.overCap)}); mean |price − truth| per season ${f2(Math.min(...e.errors))}–${f2(worst)}¢ in ${e.errors.length} seasons (a runaway loop would push a season past 5¢)`,
      );
    },
  ),
  'homer-fallacy': check(
    () => {
      // fixed loyalty (no reinforcement or fading), so only the fallacy moves the value after a streak of 3 rises
      const fixed = { loyalty: 0, loyaltyDecay: 0, reinforcement: 0, streak: 3, fallacyStrength: 0.05 };
      const on = loneFan({ ...fixed, gamblersFallacy: true });
      const off = loneFan(fixed);
      for (const h of [on, off]) for (let i = 0; i < 4; i++) h.observe(0, 50 + i);
      return { on: on.perceivedValue(0.5), off: off.perceivedValue(0.5) };
    },
    (e: { on: number; off: number }) =>
      ok(
        Math.abs(e.off - 0.5) < 1e-12 && Math.abs(e.on - 0.45) < 1e-12,
        `after 3 rises a fallacy-prone fan values YES at ${e.on.toFixed(2)} (expects a fall); without the fallacy ${e.off.toFixed(2)}`,
      ),
  ),
  'llm-excluded-without-endpoint': check(
    () => llmExclusion({}),
    (e: { requested: number; llmAgents: number; notices: string[] }) => {
      const excluded =
        e.llmAgents === 0 && e.notices.some((n) => n.startsWith(`${e.requested} LLM agent(s) left out: no language-model endpoint`));
      return ok(excluded, excluded ? `notice: ${e.notices[0]}` : `${e.llmAgents} LLM agents were created without an endpoint`);
    },
  ),
  'llm-reply-validated': check(
    () => ({ good: parseDecision(LLM_REPLIES.good).ok, bad: Object.values(LLM_REPLIES.bad).map((x) => parseDecision(x).ok) }),
    (e: { good: boolean; bad: boolean[] }) =>
      ok(
        e.good && e.bad.length > 0 && e.bad.every((b) => !b),
        `valid JSON decision ${e.good ? 'accepted' : 'REJECTED'}; ${e.bad.filter((b) => !b).length}/${e.bad.length} bad replies (${Object.keys(LLM_REPLIES.bad).join(', ')}) rejected`,
      ),
  ),
  'mm-two-sided': check(
    (ctx) => mean(ctx.runs().map((r) => r.twoSided)),
    (share: number) => ok(share >= 0.9, `book two-sided in ${(100 * share).toFixed(1)}% of (step, trading market) pairs`),
  ),
  'arbitrageurs-close': check(
    (ctx) => arbitrageCloses(ctx.runs()),
    (e: { attempts: number; closes: number; contracts: number }) =>
      ok(
        e.closes > 0 && e.contracts >= e.closes && e.closes <= e.attempts,
        `${e.closes} of ${e.attempts} close orders filled, closing ${e.contracts} contracts (counted from the position before and after each order)`,
      ),
  ),
  conservation: check(
    (ctx) => ctx.runs().map(({ model }) => model.exchange.audit()),
    (audits: Array<ReturnType<Exchange['audit']>>) => {
      const bad = audits.filter(
        (a) =>
          a.cash + a.reserved + a.openPairValue + a.fees !== a.deposited || a.reserved !== 0 || a.yesHeld.some((y, i) => y !== a.noHeld[i]),
      );
      return ok(
        audits.length > 0 && bad.length === 0,
        bad.length === 0 ? `money and contracts conserved in ${audits.length} settled seasons` : `${bad.length} seasons broke conservation`,
      );
    },
  ),
  reproducible: check(
    (ctx) => {
      const cfg = firstSteps(ctx.config);
      return {
        a: modelFor(cfg).run().manifest().tapeHash,
        b: modelFor(cfg).run().manifest().tapeHash,
        c: modelFor({ ...cfg, seed: cfg.seed + 1 })
          .run()
          .manifest().tapeHash,
      };
    },
    (e: { a: string; b: string; c: string }) =>
      ok(e.a === e.b && e.a !== e.c, `tape ${e.a.slice(0, 12)}… then ${e.b.slice(0, 12)}…; seed+1 gives ${e.c.slice(0, 12)}…`),
  ),
  'stream-independence': check(
    (ctx) => {
      const cfg = firstSteps(ctx.config);
      const decisions = (c: ModelConfig) => randomTraderDecisions(c, undefined, { env: {} });
      const base = decisions(cfg);
      return { same: sameDecisions(base, decisions(withTwoMoreTraders(cfg))), total: base.size };
    },
    (e: { same: number; total: number }) =>
      ok(e.total > 0 && e.same === e.total, `${e.same}/${e.total} random-style traders decided identically after adding two agents`),
  ),
  'random-activation': check(
    (ctx) => {
      const m = modelFor({ ...ctx.config, steps: 50 });
      m.step();
      const first = m.activationOrder();
      m.step();
      return { first, second: m.activationOrder(), agents: m.agents.length };
    },
    (e: { first: number[]; second: number[]; agents: number }) => {
      const isPermutation = e.first.length === e.agents && [...e.first].sort((a, b) => a - b).every((v, i) => v === i);
      return ok(
        isPermutation && JSON.stringify(e.first) !== JSON.stringify(e.second),
        `each step activates all ${e.agents} agents once (${isPermutation ? 'a permutation' : 'NOT a permutation'}); consecutive orders ${JSON.stringify(e.first) !== JSON.stringify(e.second) ? 'differ' : 'are the same'}`,
      );
    },
  ),
  'sensing-declared': check(
    (ctx) => {
      const used = new Map<string, Set<string>>();
      const proto = AgentContext.prototype as unknown as Record<string, unknown>;
      const names = Object.getOwnPropertyNames(AgentContext.prototype).filter(
        (n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(AgentContext.prototype, n)?.value === 'function',
      );
      const originals = new Map(names.map((n) => [n, proto[n] as (...a: unknown[]) => unknown]));
      const sensing = new Set(names.filter((n) => !['submit', 'cancel', 'amend', 'setActive'].includes(n)));
      try {
        for (const n of sensing) {
          const f = originals.get(n)!;
          proto[n] = function (this: AgentContext, ...args: unknown[]) {
            const fam = this.agent?.family;
            if (fam) (used.get(fam) ?? used.set(fam, new Set()).get(fam)!).add(n);
            return f.apply(this, args);
          };
        }
        modelFor(firstSteps(ctx.config)).run();
      } finally {
        for (const [n, f] of originals) proto[n] = f;
      }
      return [...used].map(([family, calls]) => ({ family, calls: [...calls].sort() }));
    },
    (used: Array<{ family: string; calls: string[] }>) => {
      const violations = used.flatMap(({ family, calls }) =>
        calls.filter((c) => !DECLARED_SENSING[family as FamilyName]?.includes(c)).map((c) => `${family} read ${c}`),
      );
      return ok(
        used.length > 0 && violations.length === 0,
        violations.length ? violations.join('; ') : used.map((u) => `${u.family}: ${u.calls.join(', ')}`).join(' | '),
      );
    },
  ),
  'interaction-only-via-orders': check(
    (ctx) => {
      const m = ctx.runs()[0]!.model;
      const leaks: string[] = [];
      for (const a of m.agents)
        for (const [k, v] of Object.entries(a))
          if (v instanceof Agent || v instanceof Model || v instanceof Exchange) leaks.push(`${a.kind}.${k}`);
      return { leaks, agents: m.agents.length };
    },
    (e: { leaks: string[]; agents: number }) =>
      ok(
        e.agents > 0 && e.leaks.length === 0,
        e.leaks.length
          ? `references found: ${e.leaks.join(', ')}`
          : `no agent field refers to another agent, the model or the exchange (${e.agents} agents)`,
      ),
  ),
  'no-ambient-randomness': check(
    () => ambientCalls(path.join(projectRoot(), 'src')),
    (hits: string[]) =>
      ok(
        hits.length === 0,
        hits.length ? `ambient calls at ${hits.join(', ')}` : 'no Math.random or Date.now in src/ outside the clock module',
      ),
  ),
  'observation-reporters': check(
    (ctx) => {
      const m = modelFor({
        ...ctx.config,
        markets: { ...ctx.config.markets, count: 1 },
        steps: 40,
        collectEvery: 2,
        agentCollectEvery: 10,
      }).run();
      return {
        modelCols: Object.keys(m.data.model),
        agentCols: Object.keys(m.data.agents),
        modelRows: m.data.modelRowCount,
        agentRows: m.data.agentRowCount,
        agents: m.agents.length,
      };
    },
    (e: { modelCols: string[]; agentCols: string[]; modelRows: number; agentRows: number; agents: number }) => {
      const wantModel = ['step', 'market', ...Object.keys(DEFAULT_MODEL_REPORTERS)];
      const wantAgent = ['step', ...Object.keys(DEFAULT_AGENT_REPORTERS)];
      // one market, steps 0, 2, …, 40 → 21 model rows; agents at 0, 10, 20, 30, 40 → 5 rows each
      const rowsOk = e.modelRows === 21 && e.agentRows === 5 * e.agents;
      return ok(
        JSON.stringify(e.modelCols) === JSON.stringify(wantModel) && JSON.stringify(e.agentCols) === JSON.stringify(wantAgent) && rowsOk,
        `model columns ${e.modelCols.join(',')}; ${e.modelRows} model rows (21 expected) and ${e.agentRows} agent rows (${5 * e.agents} expected) for 40 steps collected every 2 / 10`,
      );
    },
  ),
  'initial-state': check(
    (ctx) => initialState(ctx.config, modelFor(ctx.config), modelFor(ctx.config), modelFor({ ...ctx.config, seed: ctx.config.seed + 1 })),
    (e: { flat: boolean; inRange: boolean; emptyBooks: boolean; sameSeedSame: boolean; nextSeedDiffers: boolean }) =>
      ok(
        e.flat && e.inRange && e.emptyBooks && e.sameSeedSame && e.nextSeedDiffers,
        `flat: ${e.flat}, capital in range and deposited for every market: ${e.inRange}, empty books: ${e.emptyBooks}, same seed → same population: ${e.sameSeedSame}, next seed → different: ${e.nextSeedDiffers}`,
      ),
  ),
  'truth-martingale': check(
    (ctx) => {
      // the configured game, simulated 4,000 times; p_t evaluated at ten horizons (the whole path is not needed)
      const { life } = ctx.config.markets;
      const params = ctx.config.markets.truth;
      const horizons = truthHorizons(life);
      const paths = Array.from({ length: 4000 }, (_, i) =>
        truthPath(Rng.derive(ctx.config.seed, 'truth-check', i), life, params, horizons),
      );
      return calibrationByHorizon(paths, horizons).map((h) => ({
        step: h.step,
        slope: h.regression.slope.value,
        ci: h.slopeCi,
        calibrated: h.calibrated,
      }));
    },
    (rows: Array<{ step: number; slope: number; ci: [number, number]; calibrated: boolean }>) =>
      ok(
        rows.length > 0 && rows.every((r) => r.calibrated),
        `outcome on p_t at ${rows.length} horizons: slopes ${rows.map((r) => r.slope.toFixed(2)).join(', ')}; ${rows.filter((r) => r.calibrated).length}/${rows.length} intervals (Bonferroni) hold slope 1 and intercept 0`,
      ),
  ),
  'outcome-from-truth': check(
    (ctx) => {
      let markets = 0;
      let agree = 0;
      for (const { model } of ctx.runs()) {
        for (const s of model.markets) {
          markets++;
          const final = s.truth.scores?.[s.truth.scores.length - 1];
          if (
            s.outcome === s.truth.outcome &&
            (final === undefined || s.outcome === (final > 0 ? 1 : 0)) &&
            model.outcomes?.[s.index]?.resolution === (s.outcome === 1 ? 'yes' : 'no')
          )
            agree++;
        }
      }
      return { markets, agree };
    },
    (e: { markets: number; agree: number }) =>
      ok(
        e.markets > 0 && e.agree === e.markets,
        `${e.agree}/${e.markets} markets settled on their game's result (the sign of the final score)`,
      ),
  ),
  'fees-kalshi': check(
    () => [takerFee(10, 50), takerFee(100, 23), makerFee(100, 23)],
    (got: number[]) =>
      ok(
        JSON.stringify(got) === JSON.stringify([18, 124, 31]),
        `taker 10@50 → ${got[0]}¢ (18), taker 100@23 → ${got[1]}¢ (124), maker 100@23 → ${got[2]}¢ (31)`,
      ),
  ),
  'kelly-closed-form': check(
    () => ({ edge: kellyFraction(0.6, 0.5), none: kellyFraction(0.4, 0.5) }),
    (e: { edge: number; none: number }) =>
      ok(
        Math.abs(e.edge - 0.2) < 1e-12 && e.none === 0,
        `f*(p = 0.6, c = 0.5) = ${e.edge.toFixed(6)} (closed form 0.2); f*(0.4, 0.5) = ${e.none} (0)`,
      ),
  ),
  'schedule-matches-code': check(
    (ctx) => ({ documented: ctx.document.processOverview.schedule.map((s) => s.phase), traced: recordSchedule(ctx.config, 3) }),
    (e: { documented: string[]; traced: string[][] }) => {
      // without LLM agents a step runs every documented phase but the consultation
      const expected = e.documented.filter((p) => p !== 'consult');
      const bad = e.traced.findIndex((steps) => JSON.stringify(steps) !== JSON.stringify(expected));
      return ok(
        e.traced.length > 0 && bad < 0,
        bad < 0
          ? `${e.traced.length} steps traced inside Model.step: ${e.traced[0]?.join(' → ')} (the document without the LLM consultation)`
          : `step ${bad + 1} ran ${e.traced[bad]!.join(' → ')}; the document says ${expected.join(' → ')}`,
      );
    },
  ),
  'parameters-match-config': check(
    (ctx) => ({
      rendered: [...renderedDefaults(renderParameterTable(ctx.document))],
      file: [...configValues(loadModelConfig(path.join(projectRoot(), 'configs', 'default.yaml')))],
    }),
    (e: { rendered: Array<[string, string]>; file: Array<[string, string]> }) => {
      const file = new Map(e.file);
      const skip = new Set(['seed', 'steps']);
      const mismatches = e.rendered
        .filter(([k, v]) => !skip.has(k) && file.has(k) && file.get(k) !== v)
        .map(([k, v]) => `${k}: table ${v}, configs/default.yaml ${file.get(k)}`);
      const undocumented = [...file.keys()].filter((k) => !skip.has(k) && !e.rendered.some(([r]) => r === k));
      return ok(
        e.rendered.length > 0 && e.file.length > 0 && mismatches.length === 0 && undocumented.length === 0,
        e.file.length === 0
          ? 'configs/default.yaml gave no parameters'
          : mismatches.length || undocumented.length
            ? [...mismatches, ...undocumented.map((k) => `${k} is not in the ODD tables`)].join('; ')
            : `${e.rendered.length} rendered parameter rows equal configs/default.yaml parsed and validated`,
      );
    },
  ),
  'ablation-order-flow': check(
    (ctx) =>
      ctx.ablation(
        'order-flow',
        (c) => ({ ...c, agents: { ...c.agents, marketMaker: { ...c.agents.marketMaker, flowImpact: 0 } } }),
        (s) => s.acf1,
      ),
    (e: AblationEvidence) => judgeAblation(e, 'rises', 'lag-1 autocorrelation of price changes when market makers stop pricing order flow'),
  ),
  // heavy tails have two sources, the truth's jumps and the book's gaps after withdrawal: each is measured with the other off
  'ablation-jumps': check(
    (ctx) => ctx.ablation('jumps', withoutJumps, (s) => s.excessKurtosis, undefined, 'ablation', withoutWithdrawal),
    (e: AblationEvidence) =>
      judgeAblation(e, 'falls', 'excess kurtosis of returns when the game has no scoring jumps (market makers that never withdraw)'),
  ),
  'ablation-withdrawal-tails': check(
    (ctx) =>
      ctx.ablation(
        'withdrawal-tails',
        withoutWithdrawal,
        (s) => s.excessKurtosis,
        Math.min(ctx.seeds, FULL_SEASON_SEEDS),
        'full',
        withoutJumps,
      ),
    (e: AblationEvidence) =>
      judgeAblation(
        e,
        'falls',
        'excess kurtosis of returns when market makers never withdraw after adverse fills (games without scoring jumps)',
      ),
  ),
  'ablation-information': check(
    (ctx) =>
      ctx.ablation(
        'information',
        (c) => ({
          ...c,
          agents: { ...c.agents, informed: { ...c.agents.informed, count: 0 }, arbitrageur: { ...c.agents.arbitrageur, count: 0 } },
        }),
        (s) => s.meanAbsError,
      ),
    (e: AblationEvidence) => judgeAblation(e, 'rises', 'mean |price − truth| (¢) without informed traders and arbitrageurs'),
  ),
  'ablation-volume-volatility': check(
    (ctx) =>
      ctx.ablation(
        'information-volume',
        (c) => ({
          ...c,
          agents: { ...c.agents, informed: { ...c.agents.informed, count: 0 }, arbitrageur: { ...c.agents.arbitrageur, count: 0 } },
        }),
        (s) => s.volumeVolatility,
      ),
    (e: AblationEvidence) => judgeAblation(e, 'falls', 'volume–volatility correlation without the traders who act on news'),
  ),
  // the Fano factor counts the top 1% of returns: a 12-game season has about 20 of them, so this ablation runs full seasons
  'ablation-liquidity-withdrawal': check(
    (ctx) => ctx.ablation('liquidity-withdrawal', withoutWithdrawal, (s) => s.fano, Math.min(ctx.seeds, FULL_SEASON_SEEDS), 'full'),
    (e: AblationEvidence) =>
      judgeAblation(e, 'falls', 'Fano factor of extreme returns (intermittency) when market makers never withdraw after adverse fills'),
  ),
};

/** Run one named check (`fact:<id>` looks up the stylized-facts suite with its null models). */
export function runCheck(name: string, ctx: CheckContext): CheckResult {
  try {
    if (name.startsWith('fact:')) {
      const id = name.slice(5);
      const v = ctx.suite().verdicts.find((x) => x.fact === id);
      if (!v) return { pass: false, detail: `no stylized fact named ${id}` };
      const nulls = Object.entries(v.differs)
        .map(([n, d]) => `${d ? 'beats' : 'does not beat'} ${n}`)
        .join(', ');
      return {
        pass: v.pass,
        detail: `${v.statistic}: ${v.model.value.toPrecision(3)} (95% CI ${v.model.ciLow.toPrecision(3)} … ${v.model.ciHigh.toPrecision(3)}), threshold ${v.threshold}; ${v.model.detail}${nulls ? `; ${nulls}` : ''}`,
      };
    }
    const c = CHECKS[name];
    if (!c) return { pass: false, detail: `unknown check "${name}" (known: ${Object.keys(CHECKS).join(', ')}, fact:<id>)` };
    return c.judge(c.gather(ctx));
  } catch (e) {
    return { pass: false, detail: `check threw: ${(e as Error).message}` };
  }
}

// What the ODD checks' gathers build and compute (configs, replies, traces, initial states, truth paths), kept
// apart from the checks themselves (checks.ts) as small pure functions that unit tests pin one by one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Homer } from '../abm/agents/homer.js';
import type { ModelConfig, ModelConfigInput } from '../abm/config.js';
import type { Model, SchedulePhase } from '../abm/model.js';
import { scoreForProbability, winProbability } from '../abm/truth/score.js';
import type { Rng } from '../core/rng.js';
import { modelFor } from './evidence.js';

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
export type HomerInput = NonNullable<NonNullable<ModelConfigInput['agents']>['homer']>;
export const loneFan = (homer: HomerInput) => modelFor(loneFanConfig(homer)).family('homer')[0] as Homer;

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
export function recordSchedule(config: ModelConfig, steps: number): SchedulePhase[][] {
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

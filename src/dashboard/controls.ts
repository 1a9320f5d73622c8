import { z } from 'zod';
import { FAMILIES, mergeDeep, parseModelConfig, type ModelConfig } from '../abm/config.js';
import { ValidationError } from '../core/errors.js';
import { parseWith } from '../core/validation.js';
import type { FamilyInfo, Limits, Pace, Settings } from './protocol.js';

/**
 * The dashboard's control inputs: ranges, zod schemas for the POST bodies, and the mapping between
 * the page's settings and a model config. Every POST is parsed here before anything changes.
 */

export const LIMITS: Limits = {
  // the config allows 1,000,000 agents per family; a page that steps live needs a smaller cap
  count: { min: 0, max: 5_000 },
  totalAgents: 20_000,
  initialProbability: { min: 0.01, max: 0.99 },
  stepsPerSecond: { min: 1, max: 100_000 },
  renderInterval: { min: 1, max: 10_000 },
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER },
};

export const DEFAULT_PACE: Pace = { stepsPerSecond: 50, renderInterval: 1 };

const LABELS: Readonly<Record<string, string>> = {
  noise: 'noise traders',
  informed: 'informed traders',
  arbitrageur: 'arbitrageurs',
  marketMaker: 'market makers',
  homer: 'homers (loyal fans)',
  llm: 'LLM agents',
};

export function familyInfo(): FamilyInfo[] {
  return FAMILIES.map((name) => ({ name, label: LABELS[name] ?? name }));
}

/**
 * A number typed into a text box arrives as a string: accept a plain decimal numeral and turn it into
 * a number; anything else stays as it is, so the schema names it ("must be a number (got "abc")").
 */
const NUMERAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
function numeric<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => (typeof v === 'string' && NUMERAL.test(v) ? Number(v) : v), schema);
}
const got = (input: unknown) => (input === undefined ? 'nothing' : JSON.stringify(input));

function wholeNumber(min: number, max: number) {
  const range = `must be a whole number from ${min} to ${max.toLocaleString('en-US')}`;
  return numeric(
    z
      .number({ error: (iss) => `${range} (got ${got(iss.input)})` })
      .int({ error: (iss) => `${range} (got ${got(iss.input)})` })
      .min(min, { error: (iss) => `${range} (got ${got(iss.input)})` })
      .max(max, { error: (iss) => `${range} (got ${got(iss.input)})` }),
  );
}

function decimal(min: number, max: number) {
  const range = `must be a number from ${min} to ${max}`;
  return numeric(
    z
      .number({ error: (iss) => `${range} (got ${got(iss.input)})` })
      .min(min, { error: (iss) => `${range} (got ${got(iss.input)})` })
      .max(max, { error: (iss) => `${range} (got ${got(iss.input)})` }),
  );
}

const probability = decimal(LIMITS.initialProbability.min, LIMITS.initialProbability.max);
/** One probability, or a range "0.4-0.6" / [0.4, 0.6] (what a config file may hold). */
const initialProbabilitySchema = z
  .preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      const m = /^\s*([\d.]+)\s*[-–,]\s*([\d.]+)\s*$/.exec(v);
      return m ? [m[1], m[2]] : v;
    },
    z.union([probability, z.array(probability).length(2, { error: 'must be one probability or a range [min, max]' })]),
  )
  .refine((v) => typeof v === 'number' || v[0]! <= v[1]!, { error: 'range must be [min, max] with min ≤ max' });

const countsSchema = z.record(z.string(), wholeNumber(LIMITS.count.min, LIMITS.count.max)).superRefine((counts, ctx) => {
  for (const k of Object.keys(counts)) {
    if (!(FAMILIES as readonly string[]).includes(k))
      ctx.addIssue({ code: 'custom', path: [k], message: `is not an agent family; use one of ${FAMILIES.join(', ')}` });
  }
});

/** POST /api/reset: every field optional (a missing one keeps the current setting). */
export const ResetRequestSchema = z
  .object({
    seed: wholeNumber(LIMITS.seed.min, LIMITS.seed.max).optional(),
    initialProbability: initialProbabilitySchema.optional(),
    counts: countsSchema.optional(),
  })
  .strict();

/** POST /api/pace. */
export const PaceRequestSchema = z
  .object({
    stepsPerSecond: wholeNumber(LIMITS.stepsPerSecond.min, LIMITS.stepsPerSecond.max).optional(),
    renderInterval: wholeNumber(LIMITS.renderInterval.min, LIMITS.renderInterval.max).optional(),
  })
  .strict();

/** The market a stream or state request charts: `?market=N`, 0-based. */
export function parseMarketIndex(raw: string | null, markets: number): number {
  if (raw === null) return 0;
  return parseWith(
    wholeNumber(0, markets - 1),
    raw,
    `market (${JSON.stringify(raw)}); the run has ${markets} market(s), numbered from 0`,
    'market',
  );
}

/** The settings a config implies (what the page shows before any Reset). */
export function settingsFromConfig(config: ModelConfig): Settings {
  const counts: Record<string, number> = {};
  for (const f of FAMILIES) counts[f] = config.agents[f].count;
  const p = config.markets.initialProbability;
  return { seed: config.seed, counts, initialProbability: typeof p === 'number' ? p : [p[0]!, p[1]!] };
}

/** Merge a parsed reset request over the current settings (missing fields keep their value). */
export function mergeSettings(current: Settings, request: unknown): Settings {
  const r = parseWith(ResetRequestSchema, request ?? {}, 'reset request');
  const counts = { ...current.counts, ...r.counts };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total > LIMITS.totalAgents) {
    const message = `counts add up to ${total.toLocaleString('en-US')} agents; the dashboard runs at most ${LIMITS.totalAgents.toLocaleString('en-US')} (lower some counts)`;
    throw new ValidationError(`invalid reset request:\n  - ${message}`, [{ path: 'counts', message }]);
  }
  const p = r.initialProbability;
  return {
    seed: r.seed ?? current.seed,
    counts,
    initialProbability: p === undefined ? current.initialProbability : typeof p === 'number' ? p : [p[0]!, p[1]!],
  };
}

export function mergePace(current: Pace, request: unknown): Pace {
  const r = parseWith(PaceRequestSchema, request ?? {}, 'pace request');
  return { stepsPerSecond: r.stepsPerSecond ?? current.stepsPerSecond, renderInterval: r.renderInterval ?? current.renderInterval };
}

/**
 * A config the page could not reset to unchanged is refused at start: every family count and the
 * total must be within the dashboard's limits (a bigger population belongs in `omega simulate`).
 */
export function checkDashboardLimits(config: ModelConfig, what = 'dashboard config'): void {
  const issues: { path: string; message: string }[] = [];
  let total = 0;
  for (const f of FAMILIES) {
    const n = config.agents[f].count;
    total += n;
    if (n > LIMITS.count.max)
      issues.push({
        path: `agents.${f}.count`,
        message: `agents.${f}.count is ${n.toLocaleString('en-US')}; the dashboard runs at most ${LIMITS.count.max.toLocaleString('en-US')} per family (use omega simulate for bigger runs)`,
      });
  }
  if (total > LIMITS.totalAgents)
    issues.push({
      path: 'agents',
      message: `the population is ${total.toLocaleString('en-US')} agents; the dashboard runs at most ${LIMITS.totalAgents.toLocaleString('en-US')} (use omega simulate for bigger runs)`,
    });
  if (issues.length) throw new ValidationError(`invalid ${what}:\n${issues.map((i) => `  - ${i.message}`).join('\n')}`, issues);
}

/** The model config for `settings`: the base config with the seed, counts and initial probability replaced. */
export function configFor(base: ModelConfig, settings: Settings): ModelConfig {
  const agents: Record<string, { count: number }> = {};
  for (const [f, count] of Object.entries(settings.counts)) agents[f] = { count };
  const p = settings.initialProbability;
  const overrides = { seed: settings.seed, markets: { initialProbability: typeof p === 'number' ? p : [p[0], p[1]] }, agents };
  return parseModelConfig(mergeDeep(base as unknown as Record<string, unknown>, overrides), 'dashboard settings');
}

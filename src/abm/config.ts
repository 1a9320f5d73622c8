import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import { parseWith } from '../core/validation.js';
import { spread } from './params.js';

/** Metadata every parameter carries: it feeds `--help`, the README and the ODD parameter table. */
export interface ParamMeta {
  readonly description: string;
  readonly unit: string;
  [key: string]: unknown;
}

function p<S extends z.ZodType>(schema: S, fallback: z.input<S>, description: string, unit = '') {
  return schema.default(fallback as never).meta({ description, unit } satisfies ParamMeta);
}

const unitInterval = (what: string) => spread(0, 1, { unit: what });

export const NoiseParamsSchema = z
  .object({
    count: p(z.number().int().min(0, { error: 'must be a whole number ≥ 0' }).max(1_000_000), 50, 'number of noise traders', 'agents'),
    cash: p(spread(0, 1e9), [5_000, 15_000], 'starting cash per agent', '¢'),
    mix: p(
      z
        .object({ random: z.number().min(0), contrarian: z.number().min(0), trend: z.number().min(0) })
        .strict()
        .refine((m) => m.random + m.contrarian + m.trend > 0, { error: 'needs at least one style with a positive weight' }),
      { random: 0.8, contrarian: 0.1, trend: 0.1 },
      'share of each style: random, contrarian (against recent returns), trend follower (moving-average crossover)',
      'weights',
    ),
    tradeProbability: p(
      unitInterval('probability'),
      [0.05, 0.2],
      'chance a random-style trader submits an order in a step',
      'probability/step',
    ),
    orderSize: p(spread(1, 1e6, { int: true }), [1, 10], 'base order size before overconfidence', 'contracts'),
    overconfidence: p(spread(1, 10), [1, 2], 'multiplier on order size (overconfident traders trade bigger)', '×'),
    recencyBias: p(
      unitInterval('weight'),
      [0.1, 0.5],
      'weight of the latest return in the trader’s return memory (EWMA); higher = more recency bias',
      'weight',
    ),
    priceOffset: p(spread(0, 50, { int: true }), [0, 6], 'how far from the touch a passive order rests', 'ticks'),
    aggressiveness: p(unitInterval('probability'), [0.2, 0.5], 'chance an order crosses the spread (takes liquidity)', 'probability'),
    signalThreshold: p(spread(0, 50), [0.5, 2], 'contrarian/trend signal (in ¢) needed before trading', '¢'),
    shortWindow: p(spread(1, 1000, { int: true }), [3, 8], 'trend followers: short moving-average window', 'steps'),
    longWindow: p(spread(2, 5000, { int: true }), [15, 40], 'trend followers: long moving-average window', 'steps'),
    orderLifetime: p(spread(1, 1e6, { int: true }), [5, 20], 'steps before an unfilled order is canceled', 'steps'),
    maxPositionFraction: p(
      unitInterval('fraction'),
      0.5,
      'cap on position value as a share of the agent’s own starting capital',
      'fraction of capital',
    ),
  })
  .strict();

export const InformedParamsSchema = z
  .object({
    count: p(z.number().int().min(0, { error: 'must be a whole number ≥ 0' }).max(1_000_000), 20, 'number of informed traders', 'agents'),
    cash: p(spread(0, 1e9), [10_000, 30_000], 'starting cash per agent', '¢'),
    signalQuality: p(
      unitInterval('quality'),
      [0.8, 0.99],
      'quality of the private signal about the true probability (1 = exact)',
      'quality in [0,1]',
    ),
    signalNoise: p(spread(0, 1), 0.15, 'standard deviation of the signal error at quality 0 (scaled by 1 − quality)', 'probability'),
    threshold: p(
      spread(0, 1),
      [0.01, 0.03],
      'divergence between signal and price needed to trade (on top of the taker fee)',
      'probability',
    ),
    attention: p(unitInterval('probability'), [0.6, 1], 'chance the trader reads its signal of the market it looks at', 'probability/step'),
    splitSteps: p(
      spread(1, 1000, { int: true }),
      [1, 3],
      'a large order is split into this many child orders over consecutive activations',
      'steps',
    ),
    kellyFraction: p(unitInterval('fraction'), [0.4, 0.9], 'fraction of the Kelly stake to target', 'fraction'),
    maxPositionFraction: p(
      unitInterval('fraction'),
      0.6,
      'cap on position value as a share of the agent’s own starting capital',
      'fraction of capital',
    ),
  })
  .strict();

export const ArbitrageurParamsSchema = z
  .object({
    count: p(z.number().int().min(0, { error: 'must be a whole number ≥ 0' }).max(1_000_000), 10, 'number of arbitrageurs', 'agents'),
    cash: p(spread(0, 1e9), [20_000, 40_000], 'starting cash per agent', '¢'),
    detectionSpeed: p(unitInterval('probability'), [0.5, 0.9], 'chance per look of noticing a divergence', 'probability/step'),
    referenceLag: p(
      spread(0, 1000, { int: true }),
      [0, 1],
      'the reference (an outside fair value, e.g. a sportsbook line) lags the truth by this many steps',
      'steps',
    ),
    referenceNoise: p(spread(0, 1), 0.01, 'standard deviation of the reference around the lagged truth', 'probability'),
    threshold: p(
      spread(0, 1),
      [0.02, 0.04],
      'divergence between reference and price that opens a trade (on top of the taker fee)',
      'probability',
    ),
    closeThreshold: p(spread(0, 1), 0.01, 'divergence below which the position is closed (prices converged)', 'probability'),
    orderSize: p(spread(1, 1e6, { int: true }), [5, 20], 'contracts per arbitrage order', 'contracts'),
    maxPositionFraction: p(
      unitInterval('fraction'),
      0.5,
      'cap on position value as a share of the agent’s own starting capital',
      'fraction of capital',
    ),
  })
  .strict();

export const MarketMakerParamsSchema = z
  .object({
    count: p(z.number().int().min(0, { error: 'must be a whole number ≥ 0' }).max(1_000_000), 5, 'number of market makers', 'agents'),
    cash: p(spread(0, 1e9), [50_000, 100_000], 'starting cash per agent', '¢'),
    riskAversion: p(spread(0.0001, 100), [0.01, 0.05], 'Avellaneda–Stoikov risk aversion γ (inventory skew of the quotes)', '1/contract'),
    liquidity: p(spread(0.01, 100), 1.5, 'Avellaneda–Stoikov order-arrival decay k (higher = tighter optimal spread)', '1/tick'),
    minSpread: p(spread(1, 98, { int: true }), [2, 4], 'spread target: the narrowest spread quoted', 'ticks'),
    maxSpread: p(spread(2, 98, { int: true }), [8, 12], 'widest spread quoted, however volatile the market', 'ticks'),
    quoteSize: p(spread(1, 1e6, { int: true }), [10, 30], 'contracts quoted on each side', 'contracts'),
    maxInventory: p(spread(1, 1e7, { int: true }), [100, 300], 'stop quoting the side that would push |inventory| past this', 'contracts'),
    horizon: p(spread(1, 1e7, { int: true }), [5, 20], 'inventory horizon T − t of the reservation price, in steps', 'steps'),
    fairValueSmoothing: p(unitInterval('weight'), [0.25, 0.5], 'EWMA weight of the latest mid/trade in the fair-value estimate', 'weight'),
    flowImpact: p(
      spread(0, 10),
      [0.03, 0.08],
      'fair-value shift per contract of net taker flow (a Kyle-λ adverse-selection adjustment)',
      'ticks/contract',
    ),
    withdrawalTrigger: p(
      spread(0, 100),
      [3, 6],
      'liquidity withdrawal: an adverse move of the fair value against the maker’s fills since its last look of at least this many ticks makes it withdraw',
      'ticks',
    ),
    withdrawalSteps: p(
      spread(0, 1e6, { int: true }),
      [20, 50],
      'liquidity withdrawal: steps the maker stays withdrawn after an adverse fill (0 = never withdraws)',
      'steps',
    ),
    withdrawalSize: p(
      unitInterval('fraction'),
      0,
      'liquidity withdrawal: share of the quote size shown while withdrawn, at its widest spread (0 = pulls its quotes)',
      'fraction',
    ),
  })
  .strict();

export const HomerParamsSchema = z
  .object({
    count: p(
      z.number().int().min(0, { error: 'must be a whole number ≥ 0' }).max(1_000_000),
      30,
      'number of homer (loyal fan) traders',
      'agents',
    ),
    cash: p(spread(0, 1e9), [5_000, 15_000], 'starting cash per agent', '¢'),
    yesShare: p(unitInterval('share'), 0.7, 'share of homers loyal to YES (the home team); the rest are loyal to NO', 'share'),
    loyalty: p(
      unitInterval('strength'),
      [0.05, 0.15],
      'initial loyalty: perceived value = price pulled this share of the way toward the favored outcome',
      'strength in [0,1]',
    ),
    loyaltyDecay: p(
      spread(0, 1),
      0.02,
      'share of the gap between loyalty and its starting level closed at each look at a market (reinforcement fades back)',
      '1/look',
    ),
    reinforcement: p(spread(0, 1), 0.003, 'loyalty gained per tick the market has moved the homer’s way since its last look', '1/tick'),
    maxLoyalty: p(unitInterval('strength'), 0.25, 'loyalty never exceeds this (no runaway reinforcement)', 'strength in [0,1]'),
    threshold: p(spread(0, 1), [0.03, 0.06], 'perceived edge over the price needed to trade', 'probability'),
    tradeProbability: p(unitInterval('probability'), [0.05, 0.2], 'chance a homer looks at the market in a step', 'probability/step'),
    orderSize: p(spread(1, 1e6, { int: true }), [1, 10], 'contracts per order', 'contracts'),
    gamblersFallacy: p(
      z.boolean({ error: 'must be true or false' }),
      false,
      'expect a reversal after a streak of moves (gambler’s fallacy)',
      '',
    ),
    streak: p(spread(2, 100, { int: true }), 3, 'consecutive mid moves that count as a streak', 'steps'),
    fallacyStrength: p(unitInterval('shift'), 0.05, 'perceived-value shift against a streak (gambler’s fallacy)', 'probability'),
    maxPositionFraction: p(
      unitInterval('fraction'),
      0.02,
      'cap on position value in a market as a share of the fan’s capital per market (fans stake little per game)',
      'fraction of capital',
    ),
  })
  .strict();

export const LlmParamsSchema = z
  .object({
    count: p(
      z.number().int().min(0, { error: 'must be a whole number ≥ 0' }).max(10_000),
      5,
      'number of LLM agents (active only when an endpoint is configured)',
      'agents',
    ),
    cash: p(spread(0, 1e9), [20_000, 40_000], 'starting cash per agent', '¢'),
    endpoint: p(
      z.string().url({ error: 'must be a URL like http://127.0.0.1:8080/v1/chat/completions' }).or(z.literal('')),
      '',
      'OpenAI-compatible chat-completions URL (or $OMEGA_LLM_URL); empty = LLM agents are left out',
      '',
    ),
    model: p(z.string(), 'gpt-4o-mini', 'model name sent to the endpoint (or $OMEGA_LLM_MODEL)', ''),
    apiKeyEnv: p(
      z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'must name an environment variable, e.g. OMEGA_LLM_API_KEY' }),
      'OMEGA_LLM_API_KEY',
      'environment variable holding the API key (keys never live in config files)',
      '',
    ),
    share: p(unitInterval('share'), 0.2, 'share of decisions sent to the language model; the rest use the rule', 'probability'),
    complexityTrigger: p(spread(0, 100), 3, 'a mid move of at least this many ticks since the last step always goes to the model', 'ticks'),
    tradeProbability: p(unitInterval('probability'), [0.2, 0.4], 'chance an LLM agent decides in a step', 'probability/step'),
    orderSize: p(spread(1, 1e6, { int: true }), [5, 15], 'contracts per rule-based order and the cap on model-proposed sizes', 'contracts'),
    inputPricePerMTok: p(spread(0, 1000), 0.15, 'price of input tokens (dollars per million)', '$/Mtok'),
    outputPricePerMTok: p(spread(0, 1000), 0.6, 'price of output tokens (dollars per million)', '$/Mtok'),
    budget: p(spread(0, 1e6), 1, 'spending cap for the whole run; model calls stop when it is spent', '$'),
    timeoutMs: p(spread(100, 600_000, { int: true }), 10_000, 'timeout of one model call', 'ms'),
    retries: p(spread(0, 10, { int: true }), 2, 'retries after a timeout, 429 or 5xx', ''),
    maxOutputTokens: p(
      z
        .number()
        .int({ error: 'must be a whole number' })
        .min(16, { error: 'must be a whole number in [16,100000]' })
        .max(100_000, { error: 'must be a whole number in [16,100000]' }),
      300,
      'cap on reply tokens (sent as max_tokens); prices an unanswered request',
      'tokens',
    ),
    stepDeadlineMs: p(
      z
        .number()
        .int({ error: 'must be a whole number' })
        .min(100, { error: 'must be a whole number in [100,3600000]' })
        .max(3_600_000, { error: 'must be a whole number in [100,3600000]' }),
      30_000,
      'wall-clock allowance for one step’s model calls; later ones fall back to the rule',
      'ms',
    ),
    runDeadlineMs: p(
      z
        .number()
        .int({ error: 'must be a whole number' })
        .min(100, { error: 'must be a whole number in [100,86400000]' })
        .max(86_400_000, { error: 'must be a whole number in [100,86400000]' }),
      600_000,
      'wall-clock allowance for all model calls of a run; later ones fall back to the rule',
      'ms',
    ),
    cacheFile: p(
      z.string(),
      '.cache/omega/llm-cache.jsonl',
      'response cache (JSON lines, keyed by endpoint, model and prompt): reruns are reproducible and free',
      '',
    ),
    maxPositionFraction: p(
      unitInterval('fraction'),
      0.5,
      'cap on position value as a share of the agent’s own starting capital',
      'fraction of capital',
    ),
  })
  .strict();

const AgentsSchema = z
  .object({
    noise: NoiseParamsSchema.default(NoiseParamsSchema.parse({})),
    informed: InformedParamsSchema.default(InformedParamsSchema.parse({})),
    arbitrageur: ArbitrageurParamsSchema.default(ArbitrageurParamsSchema.parse({})),
    marketMaker: MarketMakerParamsSchema.default(MarketMakerParamsSchema.parse({})),
    homer: HomerParamsSchema.default(HomerParamsSchema.parse({})),
    llm: LlmParamsSchema.default(LlmParamsSchema.parse({})),
  })
  .strict();

export const TruthSchema = z
  .object({
    source: p(
      z.enum(['score', 'nfl'], { error: 'must be score (the simulated game) or nfl (recorded NFL win-probability paths)' }),
      'score',
      'what drives each market’s true probability: a simulated game score, or recorded in-game win probability of real NFL games (needs the play-by-play data)',
      '',
    ),
    volatility: p(
      z.number().min(0.001, { error: 'must be in [0.001,100]' }).max(100, { error: 'must be in [0.001,100]' }),
      0.38,
      'score: standard deviation of the margin’s Gaussian step',
      'points/step',
    ),
    jumpProbability: p(
      z.number().min(0, { error: 'must be in [0,0.5]' }).max(0.5, { error: 'must be in [0,0.5]' }),
      0.01,
      'score: chance of a scoring event per step (0 = no jumps)',
      'probability/step',
    ),
    jumpSize: p(
      z.number().min(0, { error: 'must be in [0,100]' }).max(100, { error: 'must be in [0,100]' }),
      2.5,
      'score: standard deviation of a scoring event',
      'points',
    ),
  })
  .strict();

export const MarketsSchema = z
  .object({
    count: p(
      z
        .number()
        .int()
        .min(1, { error: 'must be a whole number in [1,10000]' })
        .max(10_000, { error: 'must be a whole number in [1,10000]' }),
      36,
      'markets (games) in a run; each resolves when its game ends',
      'markets',
    ),
    life: p(
      z
        .number()
        .int()
        .min(10, { error: 'must be a whole number in [10,1000000]' })
        .max(1_000_000, { error: 'must be a whole number in [10,1000000]' }),
      1000,
      'steps each market trades before it resolves',
      'steps',
    ),
    stagger: p(
      z.number().int().min(0, { error: 'must be a whole number ≥ 0' }).max(1_000_000),
      250,
      'steps between consecutive markets opening (0 = all open at step 0)',
      'steps',
    ),
    initialProbability: p(
      spread(0.01, 0.99),
      [0.15, 0.85],
      'true probability when a market opens (a range draws one per market)',
      'probability',
    ),
    fees: p(
      z.enum(['kalshi', 'kalshi_maker', 'none'], { error: 'must be one of kalshi, kalshi_maker, none' }),
      'kalshi',
      'fee schedule: Kalshi taker fees, also maker fees, or none',
      '',
    ),
    truth: TruthSchema.default(TruthSchema.parse({})),
  })
  .strict();

export const ModelConfigSchema = z
  .object({
    seed: p(
      z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must be a whole number ≥ 0' }).max(Number.MAX_SAFE_INTEGER),
      42,
      'root seed: every random stream derives from it',
      '',
    ),
    steps: p(
      z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must be a whole number ≥ 0' }).max(100_000_000),
      0,
      'steps to run (0 = until the last market resolves); markets not yet open at the end are left out, markets still trading resolve with their game’s result',
      'steps',
    ),
    collectEvery: p(
      z.number().int().min(1, { error: 'must be a whole number ≥ 1' }),
      1,
      'model-level data are collected every this many steps',
      'steps',
    ),
    agentCollectEvery: p(
      z.number().int().min(1, { error: 'must be a whole number ≥ 1' }),
      100,
      'agent-level data are collected every this many steps (and at the end)',
      'steps',
    ),
    markets: MarketsSchema.default(MarketsSchema.parse({})),
    agents: AgentsSchema.default(AgentsSchema.parse({})),
  })
  .strict();

/** A validated model configuration: every field present, every range checked. */
export type ModelConfig = z.output<typeof ModelConfigSchema>;
/** What a config file or a caller may give: any field may be left out. */
export type ModelConfigInput = z.input<typeof ModelConfigSchema>;
export type NoiseParams = z.output<typeof NoiseParamsSchema>;
export type InformedParams = z.output<typeof InformedParamsSchema>;
export type ArbitrageurParams = z.output<typeof ArbitrageurParamsSchema>;
export type MarketMakerParams = z.output<typeof MarketMakerParamsSchema>;
export type HomerParams = z.output<typeof HomerParamsSchema>;
export type LlmParams = z.output<typeof LlmParamsSchema>;
export type FamilyName = keyof ModelConfig['agents'];
export type TruthParams = z.output<typeof TruthSchema>;
export const FAMILIES: readonly FamilyName[] = ['noise', 'informed', 'arbitrageur', 'marketMaker', 'homer', 'llm'];

/**
 * The most agents one model may hold, all families together. Memory and time grow linearly (about 5 KB per
 * agent and a fraction of a microsecond per decision); a million agents took 257 s and 5.4 GB before
 * anything was printed, so a count past this is refused up front rather than discovered by the machine.
 */
const MAX_AGENTS = 100_000;

/** Validate a config object; throws a {@link ValidationError} naming every bad field. */
export function parseModelConfig(input: unknown = {}, what = 'model config'): ModelConfig {
  const markets = (input as { markets?: Record<string, unknown> } | null)?.markets;
  if (markets && typeof markets === 'object' && 'fundamental' in markets) {
    throw new ValidationError(
      `invalid ${what}:\n  - markets.fundamental was replaced by markets.truth (a game score that resolves at a known time: volatility, jumpProbability, jumpSize in points; see configs/default.yaml)`,
      [{ path: 'markets.fundamental', message: 'replaced by markets.truth' }],
    );
  }
  const parsed = parseWith(ModelConfigSchema, input ?? {}, what);
  const cfg = parsed.steps === 0 ? { ...parsed, steps: scheduleLength(parsed.markets) } : parsed;
  const total = FAMILIES.reduce((s, f) => s + cfg.agents[f].count, 0);
  if (total > MAX_AGENTS) {
    throw new ValidationError(
      `invalid ${what}:\n  - agents: ${total.toLocaleString('en-US')} agents in total is more than the ${MAX_AGENTS.toLocaleString('en-US')} one model supports (about 5 KB and one decision per agent per step); lower the agents.*.count values`,
      [{ path: 'agents', message: 'too many agents' }],
    );
  }
  const n = cfg.agents.noise;
  const lo = (v: number | readonly number[]) => (typeof v === 'number' ? v : v[0]!);
  const hi = (v: number | readonly number[]) => (typeof v === 'number' ? v : v[1]!);
  if (hi(n.shortWindow) >= lo(n.longWindow)) {
    throw new ValidationError(
      `invalid ${what}:\n  - agents.noise.shortWindow must be shorter than agents.noise.longWindow (got ${JSON.stringify(n.shortWindow)} and ${JSON.stringify(n.longWindow)})`,
      [{ path: 'agents.noise.shortWindow', message: 'must be shorter than agents.noise.longWindow' }],
    );
  }
  return cfg;
}

/** Steps until the last market resolves: the last one opens at (count − 1) · stagger and lives `life` steps. */
export function scheduleLength(markets: { count: number; life: number; stagger: number }): number {
  return (markets.count - 1) * markets.stagger + markets.life;
}

/**
 * A run that is meant to trade (the `omega simulate` command) needs at least one agent: a model with none is
 * valid (the dashboard's sliders reach it) but has no trades and no price, so a command refuses it up front.
 */
export function requireAgents(config: ModelConfig, what = 'model config'): void {
  if (FAMILIES.some((f) => config.agents[f].count > 0)) return;
  throw new ValidationError(
    `invalid ${what}:\n  - agents: every family's count is 0, so nobody would trade; give at least one of agents.${FAMILIES.join(', agents.')} a count ≥ 1`,
    [{ path: 'agents', message: 'no agents' }],
  );
}

/**
 * The default model: the reference system's population of 50 noise, 20 informed, 10 arbitrageurs,
 * 5 market makers, 30 homers and 5 LLM agents (the LLM agents take part only when an endpoint is configured).
 */
export function defaultModelConfig(): ModelConfig {
  return parseModelConfig({});
}

/** Read and validate a YAML (.yaml/.yml) or JSON config file. Errors name the file and the field. */
export function loadModelConfig(file: string, overrides: ModelConfigInput = {}): ModelConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ValidationError(`cannot read config file ${file}: ${(e as Error).message}`);
  }
  let raw: unknown;
  const ext = path.extname(file).toLowerCase();
  try {
    if (ext === '.json') raw = JSON.parse(text);
    else if (ext === '.yaml' || ext === '.yml') raw = YAML.parse(text, { prettyErrors: true });
    else throw new Error(`unknown extension ${ext || '(none)'}; use .yaml, .yml or .json`);
  } catch (e) {
    throw new ValidationError(`config file ${file} is not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
  if (raw === null || raw === undefined || (typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0)) {
    throw new ValidationError(
      `config file ${file} has no settings (it is empty or only comments); write the settings to change (see configs/default.yaml), or leave --config out to run the default model`,
    );
  }
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ValidationError(
      `config file ${file} must hold a mapping of settings (seed, steps, markets, agents), got ${Array.isArray(raw) ? 'a list' : typeof raw}`,
    );
  return parseModelConfig(mergeDeep(raw as Record<string, unknown>, overrides as Record<string, unknown>), `config file ${file}`);
}

/** Overrides win; nested objects merge. */
export function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? mergeDeep(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** Canonical JSON (sorted keys): equal configs give equal strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the canonical config without its seed: the same model at different seeds shares a hash. */
export function configHash(config: ModelConfig): string {
  const { seed: _seed, ...rest } = config;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

import type { z } from 'zod';
import {
  ArbitrageurParamsSchema,
  TruthSchema,
  HomerParamsSchema,
  InformedParamsSchema,
  LlmParamsSchema,
  MarketMakerParamsSchema,
  MarketsSchema,
  ModelConfigSchema,
  NoiseParamsSchema,
} from '../abm/config.js';
import { Model } from '../abm/model.js';
import type { Entity, ParameterRow } from './schema.js';

type AnySchema = z.ZodType & {
  meta(): Record<string, unknown> | undefined;
  unwrap?: () => AnySchema;
  shape?: Record<string, AnySchema>;
  def?: { defaultValue?: unknown; type?: string };
  minValue?: number | null;
  maxValue?: number | null;
};

const fmt = (v: unknown): string =>
  Array.isArray(v) ? `[${v.join(', ')}]` : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * The parameter table of one config group, read from its zod schema: default, unit, description (the
 * `.meta()` every parameter carries) and range (a per-agent spread's range, or the number's bounds).
 */
export function parameterRows(group: string, schema: { shape: Record<string, unknown> }): ParameterRow[] {
  const rows: ParameterRow[] = [];
  for (const [name, raw] of Object.entries(schema.shape)) {
    const s = raw as AnySchema;
    const meta = s.meta() ?? {};
    if (!('description' in meta)) continue; // nested groups are documented as their own tables
    const inner = s.unwrap?.();
    const innerMeta = inner?.meta?.() ?? {};
    const range = Array.isArray(innerMeta.range)
      ? `[${(innerMeta.range as number[]).join(', ')}]`
      : inner && (inner.minValue != null || inner.maxValue != null)
        ? `[${inner.minValue ?? '−∞'}, ${inner.maxValue ?? '∞'}]`
        : '';
    rows.push({
      group,
      name,
      default: fmt(s.def?.defaultValue),
      unit: String(meta.unit ?? ''),
      range,
      perAgent: innerMeta.perAgent === true,
      description: String(meta.description),
    });
  }
  return rows;
}

/** Every parameter of the model, grouped as the config file is. */
export function allParameters(): Record<string, ParameterRow[]> {
  return {
    run: parameterRows('run', ModelConfigSchema),
    markets: parameterRows('markets', MarketsSchema),
    truth: parameterRows('markets.truth', TruthSchema),
    noise: parameterRows('agents.noise', NoiseParamsSchema),
    informed: parameterRows('agents.informed', InformedParamsSchema),
    arbitrageur: parameterRows('agents.arbitrageur', ArbitrageurParamsSchema),
    marketMaker: parameterRows('agents.marketMaker', MarketMakerParamsSchema),
    homer: parameterRows('agents.homer', HomerParamsSchema),
    llm: parameterRows('agents.llm', LlmParamsSchema),
  };
}

const typeOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : ArrayBuffer.isView(v)
        ? 'typed array'
        : typeof v === 'object'
          ? ((v as object).constructor?.name ?? 'object')
          : typeof v;
const initialOf = (v: unknown): string =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? String(v)
      : Number.isNaN(v)
        ? 'unset (NaN)'
        : v.toPrecision(4)
    : typeof v === 'string' || typeof v === 'boolean'
      ? String(v)
      : '—';

/**
 * Entities and their state variables, read off a freshly built default model (one agent of each
 * family, an account, a market): names, types and initial values come from the objects themselves.
 */
export function entities(): Entity[] {
  const model = Model.create({ steps: 10 }, 1);
  const skip = new Set(['rng', 'id', 'family', 'familyIndex', 'accountId']);
  const vars = (obj: object, exclude: Set<string> = new Set()): Entity['stateVariables'] =>
    Object.entries(obj)
      .filter(([k, v]) => !skip.has(k) && !exclude.has(k) && typeof v !== 'function')
      .map(([name, v]) => ({ name, type: typeOf(v), initial: initialOf(v) }));
  const out: Entity[] = [];
  const seen = new Set<string>();
  for (const a of model.agents) {
    if (seen.has(a.family)) continue;
    seen.add(a.family);
    // per-market fields live in the family's shared array (FamilyState): list them by name, not the array
    const layout = (a.constructor as { STATE?: Readonly<Record<string, number>> }).STATE ?? {};
    const perMarket = Object.entries(layout).map(([name, v]) => ({
      name,
      type: 'number per market',
      initial: name === 'loyalty' ? 'L₀ (its loyalty draw)' : initialOf(v),
    }));
    out.push({
      name: `agent: ${a.family}`,
      description: `${a.constructor.name} (src/abm/agents); parameters are drawn per agent from the config ranges`,
      stateVariables: [...vars(a, new Set(['state', 'offset', 'stride'])), ...perMarket],
    });
  }
  const acct = model.accountOf(model.agents[0]!);
  out.push({
    name: 'account',
    description: 'exchange account of one agent (src/market/account.ts): money in cents, positions per market',
    stateVariables: vars(acct, new Set(['positions', 'name'])),
  });
  const market = model.markets[0]!;
  out.push({
    name: 'market',
    description:
      'a binary contract (a game) with its order book (src/market) and the model’s per-market series and schedule (src/abm/market-state.ts)',
    stateVariables: vars(market, new Set(['market', 'truth'])),
  });
  out.push({
    name: 'true probability',
    description:
      'the truth behind a market: a game score path drawn in advance from the market’s own stream and its win probability at every step (src/abm/truth/)',
    stateVariables: [
      { name: 'probabilities', type: 'typed array', initial: `p₀ = ${initialOf(market.truth.probabilities[0])}` },
      { name: 'scores', type: 'typed array', initial: initialOf(market.truth.scores?.[0]) },
      { name: 'outcome', type: 'number', initial: 'decided by the final score' },
      { name: 'jumps', type: 'number', initial: 'scoring events on the path' },
    ],
  });
  return out;
}

/** The schedule, exactly as Model.step runs it. */
export function schedule(): Array<{ phase: string; description: string }> {
  return Model.SCHEDULE.map((p) => ({ phase: p.phase, description: p.description }));
}

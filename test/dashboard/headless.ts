import { FAMILIES, Model, parseModelConfig, type ModelConfigInput } from '../../src/abm/index.js';

/** A small population for dashboard tests (every family but LLM present). */
export const SMALL: ModelConfigInput = {
  steps: 400,
  markets: { count: 1, life: 400 },
  agents: {
    noise: { count: 20 },
    informed: { count: 6 },
    arbitrageur: { count: 3 },
    marketMaker: { count: 2 },
    homer: { count: 8 },
    llm: { count: 0 },
  },
};

export interface Expected {
  step: number[];
  mid: (number | null)[];
  lastPrice: (number | null)[];
  truth: (number | null)[];
  volume: (number | null)[];
  spread: (number | null)[];
  midChange: (number | null)[];
  wealth: Record<string, (number | null)[]>;
}

const nn = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The series the dashboard must chart, computed the independent way: a separate headless `Model`
 * stepped `steps` times, its data collector's columns, and mean wealth per family from `model.wealth`.
 */
export function headlessSeries(config: ModelConfigInput, steps: number, market = 0): Expected {
  const m = Model.create(parseModelConfig({ ...config, collectEvery: 1 }));
  const families = FAMILIES.filter((f) => m.family(f).length > 0);
  const mean = (f: (typeof FAMILIES)[number]) => m.family(f).reduce((s, a) => s + m.wealth(a), 0) / m.family(f).length;
  const wealth: Record<string, (number | null)[]> = Object.fromEntries(families.map((f) => [f, [mean(f)]]));
  for (let i = 0; i < steps; i++) {
    m.step();
    for (const f of families) wealth[f]!.push(mean(f));
  }
  const c = m.data.model;
  const ticker = m.markets[market]!.market.ticker;
  const units = m.markets[market]!.units;
  const idx = c.market!.flatMap((t, i) => (t === ticker ? [i] : []));
  const col = (k: string) => idx.map((i) => nn(c[k]![i]));
  const mid = col('mid');
  return {
    step: idx.map((i) => c.step![i] as number),
    mid,
    lastPrice: col('last_price'),
    truth: idx.map((i) => (c.true_probability![i] as number) * units),
    volume: col('volume'),
    spread: col('spread'),
    midChange: mid.map((v, i) => (i === 0 || v === null || mid[i - 1] === null ? null : v - mid[i - 1]!)),
    wealth,
  };
}

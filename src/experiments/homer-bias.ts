import type { ModelConfig } from '../abm/config.js';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { runTasks, type PoolOptions } from './pool.js';

/** Prices of one market at the sample points, with and without homers (same seed: same truth, same other agents' streams). */
export interface HomerPairMarket {
  readonly truth: number[];
  readonly withHomers: number[];
  readonly without: number[];
  readonly outcome: 0 | 1;
}

export interface BiasEstimate {
  /** Mean difference (with − without homers) in ¢, and its 95% CI (cluster-robust by market). */
  readonly cents: number;
  readonly ci: [number, number];
  readonly n: number;
}

export interface HomerBiasResult {
  readonly seeds: number;
  readonly markets: number;
  /** Price difference overall (+: YES dearer with homers; 70% of them back YES by default). */
  readonly yesBias: BiasEstimate;
  /** Price difference on the cheap side of each observation: + means homers make longshots dearer. */
  readonly longshotBias: BiasEstimate;
  /** By the truth's level: the difference where YES is a longshot (p < 0.3), a toss-up, or a favourite (p > 0.7). */
  readonly byLevel: ReadonlyArray<{ readonly level: string } & BiasEstimate>;
  /** Mean |price − truth| (¢) with and without homers at the sample points. */
  readonly absError: { readonly withHomers: number; readonly without: number };
}

function clusteredMean(values: readonly number[], clusters: readonly number[]): BiasEstimate {
  const n = values.length;
  if (n < 3) return { cents: Number.NaN, ci: [Number.NaN, Number.NaN], n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sums = new Map<number, number>();
  values.forEach((v, i) => sums.set(clusters[i]!, (sums.get(clusters[i]!) ?? 0) + v - mean));
  let s2 = 0;
  for (const s of sums.values()) s2 += s * s;
  const k = sums.size;
  const se = Math.sqrt((s2 * (k > 1 ? k / (k - 1) : 1)) / (n * n));
  const z = normalQuantile(0.975, 0, 1);
  return { cents: 100 * mean, ci: [100 * (mean - z * se), 100 * (mean + z * se)], n };
}

/**
 * The bias homers add, measured by pairing: each seed runs twice, with the configured homers and with none.
 * The truth paths and every other agent's random stream are the same in both runs, so the price difference
 * at each sample point is the homers' doing (plus the chaos of a different order flow, which averages out).
 */
export async function homerBias(
  config: ModelConfig,
  options: PoolOptions & { seeds?: number; firstSeed?: number } = {},
): Promise<HomerBiasResult> {
  const seeds = options.seeds ?? 30;
  const first = options.firstSeed ?? 1;
  const out = await runTasks(
    'homerPair',
    Array.from({ length: seeds }, (_, i) => ({ config, seed: first + i })),
    options,
  );
  const all: Array<{ d: number; truth: number; price: number; c: number }> = [];
  let errWith = 0;
  let errWithout = 0;
  out.forEach((markets, s) =>
    markets.forEach((m, mi) =>
      m.truth.forEach((p, i) => {
        all.push({ d: m.withHomers[i]! - m.without[i]!, truth: p, price: m.without[i]!, c: s * 100_000 + mi });
        errWith += Math.abs(m.withHomers[i]! - p);
        errWithout += Math.abs(m.without[i]! - p);
      }),
    ),
  );
  const pick = (f: (x: (typeof all)[number]) => boolean) => all.filter(f);
  const est = (xs: typeof all, sign: (x: (typeof all)[number]) => number = () => 1) =>
    clusteredMean(
      xs.map((x) => sign(x) * x.d),
      xs.map((x) => x.c),
    );
  return {
    seeds,
    markets: new Set(all.map((x) => x.c)).size,
    yesBias: est(all),
    longshotBias: est(
      pick((x) => x.price !== 0.5),
      (x) => (x.price < 0.5 ? 1 : -1),
    ),
    byLevel: [
      { level: 'YES a longshot (p < 0.3)', ...est(pick((x) => x.truth < 0.3)) },
      { level: 'toss-up (0.3 ≤ p ≤ 0.7)', ...est(pick((x) => x.truth >= 0.3 && x.truth <= 0.7)) },
      { level: 'YES a favourite (p > 0.7)', ...est(pick((x) => x.truth > 0.7)) },
    ],
    absError: { withHomers: (100 * errWith) / all.length, without: (100 * errWithout) / all.length },
  };
}

import { absAcfDecay } from './acf-decay.js';
import { acf } from './acf.js';
import { archLm } from './arch-lm.js';
import { spearman } from './convergence.js';
import { excessKurtosis } from './excess-kurtosis.js';
import { hillTailIndex } from './hill.js';
import { hurstDfa } from './hurst-dfa.js';
import { leverageCorrelation } from './leverage.js';
import { aggregateReturns, logitChanges } from './returns.js';
import { skewness } from './skewness.js';
import { volumeVolatilityCorrelation } from './volume-volatility.js';

/** What one simulated market contributes to the suite: its series, truth and outcome. */
export interface MarketRun {
  readonly seed: number;
  /** Mid price per step (¢). */
  readonly mids: ArrayLike<number>;
  /** Contracts traded per step. */
  readonly volume: ArrayLike<number>;
  /** True probability per step. */
  readonly truth: ArrayLike<number>;
  readonly outcome: 0 | 1;
  readonly unitsPerContract: number;
}

/** Per-seed statistics (plain numbers, cheap to send between worker threads). */
export interface SeedStats {
  readonly seed: number;
  readonly n: number;
  readonly acf1: number;
  readonly acfInsideBand: number;
  readonly excessKurtosis: number;
  readonly hillAlpha: number;
  readonly aggregationSpearman: number;
  readonly absAcf1: number;
  readonly archRejects: number;
  readonly absAcfBeta: number;
  readonly hurstAbs: number;
  readonly volumeVolatility: number;
  readonly skewness: number;
  readonly leverage: number;
  readonly meanAbsError: number;
  /** Prices (probabilities) sampled through the market's life, for the pooled prediction-market facts. */
  readonly sampledPrices: number[];
  readonly outcome: 0 | 1;
}

const safe = (f: () => number): number => {
  try {
    const v = f();
    return Number.isFinite(v) ? v : Number.NaN;
  } catch {
    return Number.NaN;
  }
};

/**
 * Statistics of one market at the analysis scale: returns are Δlogit(mid) summed over `scale` steps
 * (one-step mid changes are dominated by the tick grid and quote flicker).
 */
export function seedStats(run: MarketRun, scale = 5, samples = 40): SeedStats {
  const r = aggregateReturns(logitChanges(run.mids, run.unitsPerContract), scale);
  const vol = aggregateReturns(Array.from(run.volume).slice(1), scale);
  const a = r.length > 21 ? acf(r, 20) : [];
  const band = 1.96 / Math.sqrt(r.length);
  const kurts = [1, 2, 4, 8].map((k) => safe(() => excessKurtosis(aggregateReturns(r, k))));
  let err = 0;
  let errN = 0;
  for (let t = 0; t < run.mids.length; t++) {
    const m = run.mids[t]!;
    if (Number.isFinite(m)) (err += Math.abs(m - run.truth[t]! * run.unitsPerContract), errN++);
  }
  const sampled: number[] = [];
  const step = Math.max(1, Math.floor(run.mids.length / samples));
  for (let t = 0; t < run.mids.length; t += step) {
    const m = run.mids[t]!;
    if (Number.isFinite(m)) sampled.push(Math.min(1, Math.max(0, m / run.unitsPerContract)));
  }
  return {
    seed: run.seed,
    n: r.length,
    acf1: a[0] ?? Number.NaN,
    acfInsideBand: a.length ? a.slice(1).filter((x) => Math.abs(x) < band).length / (a.length - 1) : Number.NaN,
    excessKurtosis: safe(() => excessKurtosis(r)),
    hillAlpha: safe(() => hillTailIndex(r).alpha),
    aggregationSpearman: spearman([1, 2, 4, 8], kurts),
    absAcf1: safe(() => acf(r.map(Math.abs), 1)[0]!),
    archRejects: safe(() => (archLm(r, 5).p_value < 0.05 ? 1 : 0)),
    absAcfBeta: safe(() => absAcfDecay(r, Math.min(30, r.length - 2)).beta),
    hurstAbs: safe(() => hurstDfa(r.map(Math.abs))),
    volumeVolatility: safe(() => volumeVolatilityCorrelation(vol, r)),
    skewness: safe(() => skewness(r)),
    leverage: safe(() => leverageCorrelation(r, 1)[0]!),
    meanAbsError: errN ? err / errN : Number.NaN,
    sampledPrices: sampled,
    outcome: run.outcome,
  };
}

/** Each per-seed fact's statistic, by fact id (the suite and the single-run verdicts share it). */
export const SEED_STATISTIC: Readonly<Record<string, (s: SeedStats) => number>> = {
  no_autocorrelation: (s) => s.acf1,
  acf_inside_band: (s) => s.acfInsideBand,
  heavy_tails: (s) => s.excessKurtosis,
  tail_index: (s) => s.hillAlpha,
  aggregational_gaussianity: (s) => s.aggregationSpearman,
  volatility_clustering: (s) => s.absAcf1,
  arch_effects: (s) => s.archRejects,
  slow_abs_acf_decay: (s) => s.absAcfBeta,
  long_memory: (s) => s.hurstAbs,
  volume_volatility: (s) => s.volumeVolatility,
  gain_loss_asymmetry: (s) => s.skewness,
  leverage: (s) => s.leverage,
  tracks_truth: (s) => s.meanAbsError,
};

import { mathjs } from '../stats/mathjs.js';
import { linearRegression } from 'simple-statistics';
import { spearman } from './convergence.js';
import { chiSquareSurvival } from '../stats/distributions.js';
import { excessKurtosis } from './excess-kurtosis.js';
import { fitGarch11 } from './garch.js';
import { hillTailIndex } from './hill.js';
import { hurstDfa } from './hurst-dfa.js';
import { intermittency } from './intermittency.js';
import { aggregateEach, analysisReturns, concat, standardizeEach, type AnalysisOptions, type MarketSeries } from './market-series.js';
import { demeanEach, panelCorrelation, pooledAcf, robustPortmanteau } from './panel.js';
import { adjustedExcessKurtosis } from './sample-kurtosis.js';
import { skewness } from './skewness.js';
import { timeScaleAsymmetry } from './time-scale-asymmetry.js';
import { shuffledReturns } from './nulls.js';
import type { Rng } from '../core/rng.js';

/** Life fractions at which prices are sampled for the calibration and longshot facts. */
export const SAMPLE_FRACTIONS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/**
 * The statistics of one group of markets — the markets of one seed, or a group of real games — as plain
 * numbers (cheap to send between worker threads). NaN where a statistic does not exist for the group (no
 * volume, no truth, too few returns).
 */
export interface GroupStats {
  readonly markets: number;
  /** Returns at the analysis scale. */
  readonly n: number;
  readonly acf1: number;
  readonly portmanteauP: number;
  readonly lag1Z: number;
  readonly acfInsideBand: number;
  readonly excessKurtosis: number;
  readonly truthExcessKurtosis: number;
  readonly hillAlpha: number;
  readonly skewness: number;
  readonly aggregationDrop: number;
  readonly fano: number;
  readonly absAcf1: number;
  readonly absAcfBeta: number;
  readonly archP: number;
  readonly garchPersistence: number;
  readonly garchTailRatio: number;
  readonly hurstAbs: number;
  readonly volumeVolatility: number;
  readonly leverage: number;
  readonly timeScaleAsymmetry: number;
  /** Mean |price − truth| over every market's life, in cents. */
  readonly meanAbsError: number;
  readonly convergence: number;
  readonly excessMovement: number;
  /** Prices at {@link SAMPLE_FRACTIONS} of each market's life, market by market, with each market's outcome. */
  readonly samplePrices: number[];
  readonly sampleOutcomes: number[];
  readonly sampleMarket: number[];
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
 * Engle's ARCH-LM test pooled over series: r²_t on a constant and r²_{t−1..t−q}, rows formed within each
 * series only; LM = N·R² ~ χ²(q).
 */
export function pooledArchLm(series: readonly ArrayLike<number>[], q = 5): { lm: number; p_value: number; n: number } {
  const k = q + 1;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  let n = 0;
  let sy = 0;
  let syy = 0;
  const row = new Array<number>(k);
  for (const s of series) {
    for (let t = q; t < s.length; t++) {
      row[0] = 1;
      for (let j = 1; j <= q; j++) row[j] = s[t - j]! ** 2;
      const y = s[t]! ** 2;
      for (let a = 0; a < k; a++) {
        xty[a] += row[a]! * y;
        for (let b = 0; b < k; b++) xtx[a]![b] += row[a]! * row[b]!;
      }
      sy += y;
      syy += y * y;
      n++;
    }
  }
  if (n <= 2 * k) throw new RangeError(`pooledArchLm needs more than ${2 * k} rows, got ${n}`);
  const { inv, multiply } = mathjs();
  const beta = multiply(inv(xtx), xty) as number[];
  // SSE = y'y − β'X'y (normal equations); SST = Σ(y − ȳ)²
  const sse = syy - beta.reduce((s, b, i) => s + b * xty[i]!, 0);
  const sst = syy - (sy * sy) / n;
  const lm = sst > 0 ? n * (1 - sse / sst) : Number.NaN;
  return { lm, p_value: Number.isFinite(lm) ? chiSquareSurvival(lm, q) : Number.NaN, n };
}

/** The power-law decay exponent of a pooled ACF (negative log–log slope over the positive lags). */
function decayExponent(rho: readonly number[]): number {
  const pts: number[][] = [];
  rho.forEach((r, i) => r > 0 && pts.push([Math.log(i + 1), Math.log(r)]));
  return pts.length < 3 ? Number.NaN : -linearRegression(pts).m;
}

const LAGS_2_11 = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const LAGS_2_20 = Array.from({ length: 19 }, (_, i) => i + 2);

/** Prediction-market statistics of a group: convergence by life decile, Augenblick–Rabin excess movement, sampled prices. */
function predictionStats(markets: readonly MarketSeries[]) {
  const dist = new Float64Array(10);
  const cnt = new Float64Array(10);
  let movement = 0;
  let reduction = 0;
  const samplePrices: number[] = [];
  const sampleOutcomes: number[] = [];
  const sampleMarket: number[] = [];
  markets.forEach((m, idx) => {
    const life = m.prices.length - 1;
    for (let t = 0; t <= life; t++) {
      const d = Math.min(9, Math.floor((10 * t) / (life + 1)));
      dist[d] += Math.abs(m.prices[t]! - m.outcome);
      cnt[d]++;
    }
    const path = [m.prices[0]!, ...SAMPLE_FRACTIONS.map((f) => m.prices[Math.round(f * life)]!), m.outcome];
    for (let i = 1; i < path.length; i++) movement += (path[i]! - path[i - 1]!) ** 2;
    reduction += path[0]! * (1 - path[0]!);
    for (let i = 1; i < path.length - 1; i++) {
      samplePrices.push(path[i]!);
      sampleOutcomes.push(m.outcome);
      sampleMarket.push(idx);
    }
  });
  const deciles = Array.from(dist, (s, i) => s / cnt[i]!);
  return {
    convergence: spearman(
      deciles.map((_, i) => i),
      deciles,
    ),
    excessMovement: reduction > 0 ? movement / reduction - 1 : Number.NaN,
    samplePrices,
    sampleOutcomes,
    sampleMarket,
  };
}

/**
 * Statistics of one group of markets at the analysis scale (see {@link analysisReturns}). With `shuffle`,
 * the shuffled-returns null of the group: its returns are permuted within each market first, and the
 * statistics that need prices in order (tracking, prediction-market facts) are left out.
 */
export function groupStats(markets: readonly MarketSeries[], options: AnalysisOptions = {}, null_: { shuffle?: Rng } = {}): GroupStats {
  if (markets.length === 0) throw new RangeError('groupStats needs at least one market');
  const analysis = analysisReturns(markets, options);
  const { returns, standardized, volume, changes } = null_.shuffle ? shuffledReturns(analysis, null_.shuffle) : analysis;
  const ordered = !null_.shuffle;
  const n = returns.reduce((s, r) => s + r.length, 0);
  const pooledStd = concat(standardized);
  const abs = returns.map((r) => r.map(Math.abs));
  const absAcf = pooledAcf(abs, 20);
  // the martingale test: price changes, taken as mean-zero (see AnalysisReturns.changes)
  const robustLag1 = robustPortmanteau(changes, [1], { demean: false });
  const robust = robustPortmanteau(changes, LAGS_2_11, { demean: false });
  const band = robustPortmanteau(changes, LAGS_2_20, { demean: false });
  const garch = (() => {
    try {
      return fitGarch11(standardized);
    } catch {
      return undefined;
    }
  })();
  const truthStd =
    ordered && markets.every((m) => m.truth)
      ? concat(
          analysisReturns(
            markets.map((m) => ({ prices: m.truth!, outcome: m.outcome })),
            options,
          ).standardized,
        )
      : undefined;
  let err = 0;
  let errN = 0;
  for (const m of markets) {
    if (!m.truth || !ordered) continue;
    let s = 0;
    for (let t = 0; t < m.prices.length; t++) s += Math.abs(m.prices[t]! - m.truth[t]!);
    err += (100 * s) / m.prices.length;
    errN++;
  }
  const hasVolume = volume.some((v) => v.length > 0);
  const pm = ordered
    ? predictionStats(markets)
    : { convergence: Number.NaN, excessMovement: Number.NaN, samplePrices: [], sampleOutcomes: [], sampleMarket: [] };
  const kurt = safe(() => excessKurtosis(pooledStd));
  return {
    markets: markets.length,
    n,
    acf1: safe(() => pooledAcf(changes, 1, { demean: false })[0]!),
    portmanteauP: robust.p_value,
    lag1Z: robustLag1.z[0]!,
    acfInsideBand: band.z.filter(Number.isFinite).length
      ? band.z.filter((z) => Math.abs(z) < 1.96).length / band.z.filter(Number.isFinite).length
      : Number.NaN,
    excessKurtosis: kurt,
    truthExcessKurtosis: truthStd ? safe(() => excessKurtosis(truthStd)) : Number.NaN,
    hillAlpha: safe(() => hillTailIndex(pooledStd).alpha),
    skewness: safe(() => skewness(pooledStd)),
    aggregationDrop: safe(
      () => adjustedExcessKurtosis(pooledStd) - adjustedExcessKurtosis(concat(standardizeEach(aggregateEach(returns, 8)))),
    ),
    fano: safe(() => intermittency(standardized).fano),
    absAcf1: absAcf[0] ?? Number.NaN,
    absAcfBeta: safe(() => decayExponent(absAcf)),
    archP: safe(() => pooledArchLm(standardized, 5).p_value),
    garchPersistence: garch ? garch.alpha + garch.beta : Number.NaN,
    garchTailRatio: garch ? safe(() => garch.residualExcessKurtosis / garch.rawExcessKurtosis) : Number.NaN,
    hurstAbs: safe(() => {
      const hs = abs.filter((a) => a.length >= 64).map((a) => safe(() => hurstDfa(a)));
      const f = hs.filter(Number.isFinite);
      return f.length ? f.reduce((s, x) => s + x, 0) / f.length : Number.NaN;
    }),
    volumeVolatility: hasVolume ? safe(() => panelCorrelation(returns.map((r, i) => [volume[i]!, r.map(Math.abs)] as const))) : Number.NaN,
    leverage: safe(() =>
      panelCorrelation(demeanEach(returns).map((r) => [r.subarray(0, r.length - 1), r.subarray(1).map(Math.abs)] as const)),
    ),
    timeScaleAsymmetry: safe(() => timeScaleAsymmetry(returns, 4).asymmetry),
    meanAbsError: errN ? err / errN : Number.NaN,
    convergence: pm.convergence,
    excessMovement: pm.excessMovement,
    samplePrices: pm.samplePrices,
    sampleOutcomes: pm.sampleOutcomes,
    sampleMarket: pm.sampleMarket,
  };
}

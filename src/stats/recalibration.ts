import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { chiSquareSurvival } from './distributions.js';

/** An estimate with its 95% confidence interval. */
export interface Estimate {
  readonly value: number;
  readonly se: number;
  readonly ci: [number, number];
}

export interface CalibrationRegression {
  readonly n: number;
  /** Number of clusters the standard errors allow for (= n without clusters). */
  readonly clusters: number;
  readonly intercept: Estimate;
  readonly slope: Estimate;
  /** Covariance of the intercept and slope estimates (same robust estimator). */
  readonly covariance: number;
  /** Joint Wald test of calibration, H0: a = 0 and b = 1 (χ² with 2 degrees of freedom). */
  readonly wald: { readonly statistic: number; readonly p_value: number };
}

const Z975 = normalQuantile(0.975, 0, 1);
const est = (value: number, se: number): Estimate => ({ value, se, ci: [value - Z975 * se, value + Z975 * se] });

/** Group observation indices by cluster label (each observation its own cluster without labels). */
function clusterSums(
  n: number,
  clusters: ArrayLike<number> | undefined,
  score: (i: number) => [number, number],
): { s00: number; s01: number; s11: number; g: number } {
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  if (!clusters) {
    for (let i = 0; i < n; i++) {
      const [a, b] = score(i);
      s00 += a * a;
      s01 += a * b;
      s11 += b * b;
    }
    return { s00, s01, s11, g: n };
  }
  const sums = new Map<number, [number, number]>();
  for (let i = 0; i < n; i++) {
    const [a, b] = score(i);
    const c = sums.get(clusters[i]!);
    if (c) ((c[0] += a), (c[1] += b));
    else sums.set(clusters[i]!, [a, b]);
  }
  for (const [a, b] of sums.values()) {
    s00 += a * a;
    s01 += a * b;
    s11 += b * b;
  }
  return { s00, s01, s11, g: sums.size };
}

/**
 * Sandwich covariance (X'WX)⁻¹ M (X'WX)⁻¹ for two coefficients, with the small-sample factor
 * g/(g−1) (Liang & Zeger 1986 with the usual CR1 correction; with one observation per cluster this is
 * White's HC1 up to (n−1)/(n−k)). Returns the two standard errors.
 */
function sandwich(
  h00: number,
  h01: number,
  h11: number,
  m: { s00: number; s01: number; s11: number; g: number },
): [number, number, number] {
  const det = h00 * h11 - h01 * h01;
  const i00 = h11 / det;
  const i01 = -h01 / det;
  const i11 = h00 / det;
  const f = m.g > 1 ? m.g / (m.g - 1) : 1;
  // V = I M I with I symmetric 2×2
  const v00 = f * (i00 * (i00 * m.s00 + i01 * m.s01) + i01 * (i00 * m.s01 + i01 * m.s11));
  const v11 = f * (i01 * (i01 * m.s00 + i11 * m.s01) + i11 * (i01 * m.s01 + i11 * m.s11));
  const v01 = f * (i00 * (i01 * m.s00 + i11 * m.s01) + i01 * (i01 * m.s01 + i11 * m.s11));
  return [v00, v01, v11];
}

/** The regression result with its joint Wald test of (a, b) = (0, 1). */
function result(n: number, g: number, a: number, b: number, [v00, v01, v11]: [number, number, number]): CalibrationRegression {
  const da = a;
  const db = b - 1;
  const det = v00 * v11 - v01 * v01;
  const statistic = det > 0 ? (v11 * da * da - 2 * v01 * da * db + v00 * db * db) / det : Number.NaN;
  return {
    n,
    clusters: g,
    intercept: est(a, Math.sqrt(v00)),
    slope: est(b, Math.sqrt(v11)),
    covariance: v01,
    wald: { statistic, p_value: Number.isFinite(statistic) ? chiSquareSurvival(statistic, 2) : Number.NaN },
  };
}

/**
 * Linear calibration regression y = a + b·p (Mincer & Zarnowitz 1969 for forecasts; for probabilities,
 * calibrated forecasts have a = 0, b = 1). Standard errors are heteroskedasticity-robust (y is 0/1, so
 * Var(y | p) = p(1 − p)), clustered when `clusters` labels the observations that share an outcome.
 */
export function linearCalibration(
  forecasts: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  clusters?: ArrayLike<number>,
): CalibrationRegression {
  const n = forecasts.length;
  if (n !== outcomes.length) throw new RangeError(`linearCalibration: ${n} forecasts but ${outcomes.length} outcomes`);
  if (n < 3) throw new RangeError(`linearCalibration requires at least 3 forecasts, got ${n}`);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) ((sx += forecasts[i]!), (sy += outcomes[i]!));
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = forecasts[i]! - mx;
    sxx += dx * dx;
    sxy += dx * (outcomes[i]! - my);
  }
  if (!(sxx > 0)) throw new RangeError('linearCalibration: the forecasts do not vary');
  const b = sxy / sxx;
  const a = my - b * mx;
  const m = clusterSums(n, clusters, (i) => {
    const e = outcomes[i]! - a - b * forecasts[i]!;
    return [e, e * forecasts[i]!];
  });
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) ((s1 += forecasts[i]!), (s2 += forecasts[i]! ** 2));
  return result(n, m.g, a, b, sandwich(n, s1, s2, m));
}

const clampLogit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/**
 * Cox (1958) recalibration: logistic regression logit P(y = 1) = a + b·logit(p), fitted by Newton–Raphson
 * (IRLS). Calibrated probabilities have a = 0 (calibration in the large) and b = 1 (b < 1: too extreme,
 * overconfident; b > 1: too timid, underconfident). Standard errors are cluster-robust by `clusters`.
 * Written here because no npm package fits a two-parameter logistic regression with clustered errors.
 */
export function logisticCalibration(
  forecasts: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  clusters?: ArrayLike<number>,
): CalibrationRegression {
  const n = forecasts.length;
  if (n !== outcomes.length) throw new RangeError(`logisticCalibration: ${n} forecasts but ${outcomes.length} outcomes`);
  if (n < 3) throw new RangeError(`logisticCalibration requires at least 3 forecasts, got ${n}`);
  const x = Float64Array.from(forecasts as ArrayLike<number>, clampLogit);
  let a = 0;
  let b = 1;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  for (let it = 0; it < 100; it++) {
    let g0 = 0;
    let g1 = 0;
    h00 = h01 = h11 = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a + b * x[i]!)));
      const w = p * (1 - p);
      const e = outcomes[i]! - p;
      g0 += e;
      g1 += e * x[i]!;
      h00 += w;
      h01 += w * x[i]!;
      h11 += w * x[i]! * x[i]!;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0))
      throw new RangeError('logisticCalibration: the information matrix is singular (forecasts do not vary, or outcomes are all equal)');
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (!Number.isFinite(a) || !Number.isFinite(b))
      throw new RangeError('logisticCalibration: the fit diverged (outcomes perfectly separated by the forecasts)');
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  const m = clusterSums(n, clusters, (i) => {
    const e = outcomes[i]! - 1 / (1 + Math.exp(-(a + b * x[i]!)));
    return [e, e * x[i]!];
  });
  return result(n, m.g, a, b, sandwich(h00, h01, h11, m));
}

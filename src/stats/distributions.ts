import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * Upper-tail probability P(χ²_k ≥ x) = Q(k/2, x/2), the regularized upper incomplete gamma function
 * from stdlib — computed directly, so tiny p-values keep their precision (1 − CDF would round to 0).
 */
export function chiSquareSurvival(x: number, k: number): number {
  if (!(x > 0)) return 1;
  return gammainc(x / 2, k / 2, true, true);
}

/** Two-sided p-value of a standard-normal z statistic. */
export function normalTwoSided(z: number): number {
  return 2 * (1 - normalCdf(Math.abs(z), 0, 1));
}

/** Two-sided p-value of a Student-t statistic with `df` degrees of freedom. */
export function tTwoSided(t: number, df: number): number {
  return 2 * (1 - tCdf(Math.abs(t), df));
}

export function normalQuantileStd(p: number): number {
  return normalQuantile(p, 0, 1);
}

export function tQuantileDf(p: number, df: number): number {
  return tQuantile(p, df);
}

import { centralMoment } from './central-moment.js';

/**
 * Skewness g1 = m3 / m2^{3/2} with biased (1/n) moments — scipy.stats.skew's default (bias=True).
 * NaN for a constant series.
 */
export function skewness(xs: ArrayLike<number>): number {
  if (xs.length < 3) throw new RangeError(`skewness requires at least 3 values, got ${xs.length}`);
  const m2 = centralMoment(xs, 2);
  return m2 === 0 ? Number.NaN : centralMoment(xs, 3) / m2 ** 1.5;
}

import { centralMoment } from './central-moment.js';

/**
 * Excess kurtosis g2 = m4 / m2² − 3 with biased moments — scipy.stats.kurtosis's default
 * (fisher=True, bias=True): 0 for a normal distribution. NaN for a constant series.
 */
export function excessKurtosis(xs: ArrayLike<number>): number {
  if (xs.length < 4) throw new RangeError(`excessKurtosis requires at least 4 values, got ${xs.length}`);
  const m2 = centralMoment(xs, 2);
  return m2 === 0 ? Number.NaN : centralMoment(xs, 4) / (m2 * m2) - 3;
}

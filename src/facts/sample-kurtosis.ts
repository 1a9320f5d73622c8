import { excessKurtosis } from './excess-kurtosis.js';

/**
 * The adjusted excess kurtosis G2 = ((n + 1) g2 + 6)(n − 1) / ((n − 2)(n − 3)) — scipy.stats.kurtosis(bias=False),
 * unbiased for normal samples. The plain g2 is biased low by about 6/n, which made aggregated (shorter)
 * Gaussian samples look "more Gaussian" and passed aggregational Gaussianity for i.i.d. normal returns.
 */
export function adjustedExcessKurtosis(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 5) throw new RangeError(`adjustedExcessKurtosis requires at least 5 values, got ${n}`);
  const g2 = excessKurtosis(xs);
  return (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

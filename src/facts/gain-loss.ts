import { quantile } from 'simple-statistics';

/**
 * Gain/loss asymmetry (Cont 2001 fact 3): |Q(α)| / Q(1 − α) of the return distribution, α = 0.01 by default.
 * Above 1: large losses are larger than large gains.
 */
export function gainLossAsymmetry(returns: ArrayLike<number>, alpha = 0.01): number {
  const xs = Array.from(returns);
  if (xs.length < 10) throw new RangeError('gainLossAsymmetry requires at least 10 returns');
  const lo = quantile(xs, alpha);
  const hi = quantile(xs, 1 - alpha);
  return hi === 0 ? Number.NaN : Math.abs(lo) / hi;
}

import { tQuantileDf } from '../stats/distributions.js';
import { ols } from '../stats/ols.js';

/**
 * Favourite–longshot bias: regress the outcome (0/1) on the price (a linear probability model),
 * outcome = a + b · price. Calibrated prices give b = 1; b > 1 means favourites win more often than
 * priced and longshots less (the classic bias, e.g. Snowberg & Wolfers 2010); b < 1 the reverse.
 * Returns b with its 95% confidence interval (t distribution, n − 2 df).
 */
export function favouriteLongshotSlope(
  prices: ArrayLike<number>,
  outcomes: ArrayLike<number>,
): { slope: number; intercept: number; ci: [number, number]; n: number } {
  const n = prices.length;
  if (n !== outcomes.length) throw new RangeError(`favouriteLongshotSlope: ${n} prices but ${outcomes.length} outcomes`);
  const X = Array.from(prices, (p) => [1, p]);
  const r = ols(outcomes, X);
  const t = tQuantileDf(0.975, n - 2);
  return { slope: r.beta[1]!, intercept: r.beta[0]!, ci: [r.beta[1]! - t * r.se[1]!, r.beta[1]! + t * r.se[1]!], n };
}

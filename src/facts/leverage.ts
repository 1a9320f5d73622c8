import { pearson } from '../stats/correlation.js';

/**
 * Leverage correlation corr(r_t, |r_{t+τ}|) for τ = 1..maxLag (Cont 2001 fact 9; the lagged form, not the
 * same-time corr(r, |r|) that ABIDES reports). Negative values: falls raise future volatility.
 */
export function leverageCorrelation(returns: ArrayLike<number>, maxLag = 10): number[] {
  const r = Array.from(returns);
  const out: number[] = [];
  for (let tau = 1; tau <= maxLag; tau++) {
    if (r.length - tau < 3) break;
    out.push(pearson(r.slice(0, r.length - tau), r.slice(tau).map(Math.abs)));
  }
  return out;
}

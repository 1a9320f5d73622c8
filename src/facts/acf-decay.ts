import { linearRegression } from 'simple-statistics';
import { acf } from './acf.js';

/**
 * Power-law decay exponent β of the autocorrelation of absolute returns, ρ_|r|(τ) ≈ c τ^{−β}: the negative
 * slope of log ρ(τ) on log τ over the lags 1..maxLag where ρ > 0 (Cont 2001: β ∈ [0.2, 0.4] in real markets).
 * NaN with fewer than three positive lags.
 */
export function absAcfDecay(returns: ArrayLike<number>, maxLag = 50): { beta: number; lagsUsed: number } {
  const rho = acf(Array.from(returns, Math.abs), maxLag);
  const lx: number[] = [];
  const ly: number[] = [];
  rho.forEach((r, i) => {
    if (r > 0) {
      lx.push(Math.log(i + 1));
      ly.push(Math.log(r));
    }
  });
  if (lx.length < 3) return { beta: Number.NaN, lagsUsed: lx.length };
  return { beta: -linearRegression(lx.map((x, i) => [x, ly[i]!])).m, lagsUsed: lx.length };
}

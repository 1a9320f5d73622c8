import { acf } from './acf.js';
import { chiSquareSurvival } from '../stats/distributions.js';

/**
 * Ljung–Box portmanteau test for autocorrelation up to lag h:
 *   Q = n (n + 2) Σ_{k=1}^{h} ρ_k² / (n − k),  p = P(χ²_h ≥ Q)
 * (Ljung & Box 1978) — as statsmodels.stats.diagnostic.acorr_ljungbox(x, lags=[h]).
 */
export function ljungBox(xs: ArrayLike<number>, lags: number): { lags: number; q: number; p_value: number } {
  return ljungBoxFromAcf(acf(xs, lags), xs.length, lags);
}

/** {@link ljungBox} from autocorrelations already computed (ρ_1 … ρ_h of a series of length n). */
export function ljungBoxFromAcf(rho: readonly number[], n: number, lags: number): { lags: number; q: number; p_value: number } {
  if (rho.length < lags) throw new RangeError(`ljungBoxFromAcf: ${lags} lags need ${lags} autocorrelations, got ${rho.length}`);
  let q = 0;
  for (let k = 1; k <= lags; k++) q += (rho[k - 1]! * rho[k - 1]!) / (n - k);
  q *= n * (n + 2);
  return { lags, q, p_value: chiSquareSurvival(q, lags) };
}

import { chiSquareSurvival } from '../stats/distributions.js';
import { ols } from '../stats/ols.js';

/**
 * Engle's (1982) ARCH-LM test: regress r²_t on a constant and r²_{t−1} … r²_{t−q}; LM = n · R² with n
 * the regression sample size (len − q); p from χ²(q). Same as statsmodels.stats.diagnostic.het_arch(r, nlags=q).
 */
export function archLm(returns: ArrayLike<number>, lags: number): { lags: number; lm: number; p_value: number } {
  const r2 = Array.from(returns, (r) => r * r);
  const n = r2.length - lags;
  if (n <= lags + 1) throw new RangeError(`archLm requires more than ${2 * lags + 1} returns, got ${r2.length}`);
  const y: number[] = [];
  const X: number[][] = [];
  for (let t = lags; t < r2.length; t++) {
    y.push(r2[t]!);
    const row = [1];
    for (let j = 1; j <= lags; j++) row.push(r2[t - j]!);
    X.push(row);
  }
  const { rSquared } = ols(y, X);
  const lm = n * rSquared;
  return { lags, lm, p_value: chiSquareSurvival(lm, lags) };
}

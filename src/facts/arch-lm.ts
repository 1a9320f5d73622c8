import { chiSquareSurvival } from '../stats/distributions.js';
import { olsRows } from '../stats/ols.js';

/**
 * Engle's (1982) ARCH-LM test: regress r²_t on a constant and r²_{t−1} … r²_{t−q}; LM = n · R² with n
 * the regression sample size (len − q); p from χ²(q). Same as statsmodels.stats.diagnostic.het_arch(r, nlags=q).
 * The lagged rows are produced one at a time into one buffer, so long series need no n × q matrix.
 */
export function archLm(returns: ArrayLike<number>, lags: number): { lags: number; lm: number; p_value: number } {
  const r2 = Float64Array.from(returns, (r) => r * r);
  const n = r2.length - lags;
  if (n <= lags + 1) throw new RangeError(`archLm requires more than ${2 * lags + 1} returns, got ${r2.length}`);
  const row = new Float64Array(lags + 1);
  row[0] = 1;
  const { rSquared } = olsRows(
    n,
    lags + 1,
    (i) => {
      const t = i + lags;
      for (let j = 1; j <= lags; j++) row[j] = r2[t - j]!;
      return row;
    },
    (i) => r2[i + lags]!,
  );
  const lm = n * rSquared;
  return { lags, lm, p_value: chiSquareSurvival(lm, lags) };
}

import { pearson } from '../stats/correlation.js';

/**
 * Volume–volatility correlation corr(V_t, |r_t|) (Cont 2001 fact 10): volume in a period against the
 * absolute return of the same period. Pairs where either is non-finite are dropped.
 */
export function volumeVolatilityCorrelation(volume: ArrayLike<number>, returns: ArrayLike<number>): number {
  const v: number[] = [];
  const r: number[] = [];
  const n = Math.min(volume.length, returns.length);
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(volume[i]!) && Number.isFinite(returns[i]!)) {
      v.push(volume[i]!);
      r.push(Math.abs(returns[i]!));
    }
  }
  return pearson(v, r);
}

import { normalTwoSided } from '../stats/distributions.js';
import type { ResolvedMarket } from './resolved-market.js';

/**
 * Augenblick & Rabin (2021, QJE) test of excess belief movement. For a market whose price is a
 * martingale ending at its 0/1 outcome, expected movement m = Σ (Δp_t)² equals the uncertainty
 * reduction r = p_0 (1 − p_0) − p_T (1 − p_T) (= p_0 (1 − p_0) at resolution). The statistic is the
 * mean of m − r over markets, its z score (mean / standard error) and two-sided p-value, and the
 * normalized excess movement X = mean(m) / mean(r) − 1 (0 under rational updating, > 0 excess movement).
 * Each path is closed with the resolution (p_T = outcome).
 */
export function excessMovement(markets: readonly ResolvedMarket[]): {
  n: number;
  meanMovement: number;
  meanReduction: number;
  excess: number;
  z: number;
  p_value: number;
} {
  if (markets.length < 2) throw new RangeError('excessMovement requires at least two resolved markets');
  const diffs: number[] = [];
  let sm = 0;
  let sr = 0;
  for (const mk of markets) {
    const p = Array.from(mk.prices).filter(Number.isFinite);
    if (p.length === 0) continue;
    p.push(mk.outcome);
    let m = 0;
    for (let i = 1; i < p.length; i++) m += (p[i]! - p[i - 1]!) ** 2;
    const r = p[0]! * (1 - p[0]!);
    sm += m;
    sr += r;
    diffs.push(m - r);
  }
  const n = diffs.length;
  const mean = diffs.reduce((s, d) => s + d, 0) / n;
  const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1));
  const z = sd === 0 ? Number.NaN : mean / (sd / Math.sqrt(n));
  return {
    n,
    meanMovement: sm / n,
    meanReduction: sr / n,
    excess: sr === 0 ? Number.NaN : sm / sr - 1,
    z,
    p_value: Number.isFinite(z) ? normalTwoSided(z) : Number.NaN,
  };
}

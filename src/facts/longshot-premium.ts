import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Estimate } from '../stats/recalibration.js';

/**
 * The favourite–longshot bias as a price: the mean of (price − outcome) on the cheap side of each
 * observation — the YES contract when it costs less than 50¢, the NO contract (1 − price) when YES costs
 * more. Calibrated prices give 0; overpriced longshots give a positive premium (Bürgi, Deng & Whelan 2025
 * find cheap Kalshi contracts win far below break-even). Standard error cluster-robust by `clusters`
 * (observations of one market share its outcome). Observations at exactly 50¢ have no cheap side.
 */
export function longshotPremium(
  prices: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  clusters?: ArrayLike<number>,
): Estimate & { n: number } {
  const n0 = prices.length;
  if (n0 !== outcomes.length) throw new RangeError(`longshotPremium: ${n0} prices but ${outcomes.length} outcomes`);
  const z: number[] = [];
  const g: number[] = [];
  for (let i = 0; i < n0; i++) {
    const p = prices[i]!;
    if (p === 0.5) continue;
    z.push(p < 0.5 ? p - outcomes[i]! : outcomes[i]! - p);
    g.push(clusters ? clusters[i]! : i);
  }
  const n = z.length;
  if (n < 3) throw new RangeError(`longshotPremium needs at least 3 prices away from 50¢, got ${n}`);
  const mean = z.reduce((s, v) => s + v, 0) / n;
  const sums = new Map<number, number>();
  for (let i = 0; i < n; i++) sums.set(g[i]!, (sums.get(g[i]!) ?? 0) + z[i]! - mean);
  let s2 = 0;
  for (const s of sums.values()) s2 += s * s;
  const k = sums.size;
  const se = Math.sqrt((s2 * (k > 1 ? k / (k - 1) : 1)) / (n * n));
  const q = normalQuantile(0.975, 0, 1);
  return { value: mean, se, ci: [mean - q * se, mean + q * se], n };
}

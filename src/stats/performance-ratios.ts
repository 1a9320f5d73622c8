import { mean } from './mean.js';
import { std } from './standard-deviation.js';

/**
 * Sharpe ratio of periodic returns: mean / sample standard deviation (n − 1), times √(periods per year).
 * The convention of empyrical's `sharpe_ratio` (np.std with ddof=1) with a zero risk-free rate.
 * 0 when there are fewer than two returns or they do not vary.
 */
export function sharpeRatio(returns: ArrayLike<number>, periodsPerYear = 1): number {
  if (returns.length < 2) return 0;
  const s = std(returns);
  return s > 0 ? (mean(returns) / s) * Math.sqrt(periodsPerYear) : 0;
}

/**
 * Sortino ratio: mean / downside deviation, times √(periods per year), with target 0. The downside
 * deviation is √(mean over all n returns of min(0, r)²) — Sortino & Price (1994), as empyrical's
 * `downside_risk` computes it. 0 when no return is negative.
 */
export function sortinoRatio(returns: ArrayLike<number>, periodsPerYear = 1): number {
  const n = returns.length;
  if (n < 1) return 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.min(0, returns[i]!);
    sq += d * d;
  }
  const downside = Math.sqrt(sq / n);
  return downside > 0 ? (mean(returns) / downside) * Math.sqrt(periodsPerYear) : 0;
}

export interface DrawdownSummary {
  /** Largest fall from a running peak, as a fraction of that peak (0.25 = 25%). */
  readonly maxDrawdown: number;
  /** Longest run of consecutive points below the previous peak. */
  readonly longestUnderwater: number;
}

/**
 * Drawdowns of an equity (wealth) series that starts from `start`: the running peak includes `start`,
 * drawdown at a point is 1 − equity / peak. A point equal to the peak ends an underwater run.
 */
export function drawdowns(equity: ArrayLike<number>, start: number): DrawdownSummary {
  let peak = start;
  let maxDrawdown = 0;
  let under = 0;
  let longestUnderwater = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e >= peak) {
      peak = e;
      under = 0;
      continue;
    }
    under++;
    if (under > longestUnderwater) longestUnderwater = under;
    const dd = peak > 0 ? 1 - e / peak : 0;
    if (dd > maxDrawdown) maxDrawdown = dd;
  }
  return { maxDrawdown, longestUnderwater };
}

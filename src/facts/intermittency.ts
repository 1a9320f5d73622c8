import { quantile } from 'simple-statistics';

/**
 * Intermittency (Cont 2001 fact 5): bursts of extreme returns. Count the returns whose |r| exceeds the
 * `q`-quantile of all |r| (pooled over the series) in each non-overlapping window of `window` returns
 * within a series; the Fano factor F = var/mean of those counts (sample variance). Extremes that arrive
 * independently give F ≈ 1 (slightly below, as the count is fixed); bursts give F > 1 (Ratliff-Crain et al. 2025).
 */
export function intermittency(
  series: readonly ArrayLike<number>[],
  options: { window?: number; q?: number } = {},
): { fano: number; threshold: number; windows: number; exceedances: number } {
  const window = options.window ?? 10;
  const q = options.q ?? 0.99;
  if (!Number.isInteger(window) || window < 2) throw new RangeError(`intermittency: window must be a whole number ≥ 2, got ${window}`);
  const abs: number[] = [];
  for (const s of series) for (let i = 0; i < s.length; i++) abs.push(Math.abs(s[i]!));
  if (abs.length < window * 2) throw new RangeError(`intermittency needs at least ${window * 2} returns, got ${abs.length}`);
  const threshold = quantile(abs, q);
  const counts: number[] = [];
  for (const s of series) {
    for (let start = 0; start + window <= s.length; start += window) {
      let c = 0;
      for (let i = start; i < start + window; i++) if (Math.abs(s[i]!) > threshold) c++;
      counts.push(c);
    }
  }
  const n = counts.length;
  const mean = counts.reduce((a, b) => a + b, 0) / n;
  const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { fano: mean > 0 ? variance / mean : Number.NaN, threshold, windows: n, exceedances: mean * n };
}

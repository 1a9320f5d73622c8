import type { ResolvedMarket } from './resolved-market.js';

/**
 * Convergence to the resolved outcome: the mean distance |p − outcome| in each of `segments` equal
 * slices of the market's life, averaged over markets, and the Spearman correlation between slice index
 * and distance (negative: prices move towards the outcome as resolution nears).
 */
export function convergence(
  markets: readonly ResolvedMarket[],
  segments = 10,
): { distanceBySegment: number[]; spearman: number; first: number; last: number } {
  if (markets.length === 0) throw new RangeError('convergence requires at least one resolved market');
  const sums = new Array<number>(segments).fill(0);
  const counts = new Array<number>(segments).fill(0);
  for (const mk of markets) {
    const n = mk.prices.length;
    for (let i = 0; i < n; i++) {
      const p = mk.prices[i]!;
      if (!Number.isFinite(p)) continue;
      const s = Math.min(segments - 1, Math.floor((i * segments) / n));
      sums[s] += Math.abs(p - mk.outcome);
      counts[s]++;
    }
  }
  const d = sums.map((s, i) => (counts[i] ? s / counts[i]! : Number.NaN));
  return {
    distanceBySegment: d,
    spearman: spearman(
      d.map((_, i) => i),
      d,
    ),
    first: d[0]!,
    last: d[segments - 1]!,
  };
}

/** Spearman rank correlation (average ranks for ties); NaN pairs dropped. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const pairs = a.map((x, i) => [x, b[i]!] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const rank = (xs: number[]) => {
    const idx = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(xs.length);
    for (let i = 0; i < idx.length;) {
      let j = i;
      while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
      for (let k = i; k <= j; k++) r[idx[k]![1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(pairs.map((p) => p[0]));
  const rb = rank(pairs.map((p) => p[1]));
  const n = ra.length;
  if (n < 3) return Number.NaN;
  const ma = ra.reduce((s, v) => s + v, 0) / n;
  const mb = rb.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return da === 0 || db === 0 ? Number.NaN : num / Math.sqrt(da * db);
}

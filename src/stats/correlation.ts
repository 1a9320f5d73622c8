import { sampleCorrelation } from 'simple-statistics';

/** Pearson correlation of two equally long series (simple-statistics); NaN when either is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`pearson: series lengths differ (${a.length} vs ${b.length})`);
  if (a.length < 3) throw new RangeError('pearson requires at least 3 pairs');
  const r = sampleCorrelation(Array.from(a), Array.from(b));
  return Number.isFinite(r) ? r : Number.NaN;
}

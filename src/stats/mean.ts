import { mean as ssMean } from 'simple-statistics';

/** Arithmetic mean (simple-statistics). Throws on an empty series. */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length < 1) throw new RangeError('mean requires at least 1 value, got 0');
  return ssMean(Array.from(xs));
}

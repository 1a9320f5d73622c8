import { sampleStandardDeviation } from 'simple-statistics';

/** Sample standard deviation, n − 1 in the denominator (simple-statistics; numpy ddof=1). */
export function std(xs: ArrayLike<number>): number {
  if (xs.length < 2) throw new RangeError(`std requires at least 2 values, got ${xs.length}`);
  return sampleStandardDeviation(Array.from(xs));
}

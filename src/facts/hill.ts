/**
 * Hill (1975) tail index from the k largest absolute values: sort |x| descending,
 *   α̂ = 1 / ( (1/k) Σ_{i=1}^{k} ln(X_(i) / X_(k+1)) ).
 * Default k = max(10, ⌊5% of n⌋). NaN when X_(k+1) is 0 (too few non-zero values) or all top values tie.
 */
export function hillTailIndex(xs: ArrayLike<number>, k?: number): { k: number; alpha: number } {
  // a typed array sorts numerically without a comparator: several times faster on long series
  const asc = Float64Array.from(xs, Math.abs).sort();
  const n = asc.length;
  const a = (i: number) => asc[n - 1 - i]!; // i-th largest
  const kk = k ?? Math.max(10, Math.floor(0.05 * n));
  if (!Number.isInteger(kk) || kk < 1 || kk >= n)
    throw new RangeError(`hillTailIndex: k must be a whole number in [1, n−1] (n = ${n}), got ${kk}`);
  const threshold = a(kk);
  if (!(threshold > 0)) return { k: kk, alpha: Number.NaN };
  let s = 0;
  for (let i = 0; i < kk; i++) s += Math.log(a(i) / threshold);
  return { k: kk, alpha: s > 0 ? kk / s : Number.NaN };
}

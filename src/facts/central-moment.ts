/** Biased central moment m_k = (1/n) Σ (x − x̄)^k, the building block of skewness and kurtosis. */
export function centralMoment(xs: ArrayLike<number>, k: number): number {
  const n = xs.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i]!;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i]! - m) ** k;
  return s / n;
}

/**
 * Exact binomial tails for "how many seeds pass": P(X ≥ k) for X ~ Binomial(n, p), each pmf term built in
 * log space from the ratio C(n, j) = C(n, j−1)·(n − j + 1)/j (exact enough for the n ≤ 10⁴ used here).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!(Number.isInteger(k) && Number.isInteger(n) && n >= 0))
    throw new RangeError(`binomialUpperTail: k and n must be whole numbers, got ${k}, ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialUpperTail: p must be in [0,1], got ${p}`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  let logC = 0;
  let sum = 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  for (let j = 1; j <= n; j++) {
    logC += Math.log((n - j + 1) / j);
    if (j >= k) sum += Math.exp(logC + j * lp + (n - j) * lq);
  }
  return Math.min(1, sum);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  return k < 0 ? 0 : k >= n ? 1 : 1 - binomialUpperTail(k + 1, n, p);
}

/** The p in [0,1] where a monotone function of p crosses `target` (60 bisections: below 1e-18). */
function bisect(f: (p: number) => number, target: number, increasing: boolean): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target === increasing) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Clopper–Pearson (1934) exact confidence interval for a binomial proportion k/n: the lower end is the p with
 * P(X ≥ k | p) = α/2, the upper end the p with P(X ≤ k | p) = α/2.
 */
export function clopperPearson(k: number, n: number, level = 0.95): [number, number] {
  if (!(Number.isInteger(k) && Number.isInteger(n) && n > 0 && k >= 0 && k <= n))
    throw new RangeError(`clopperPearson: need whole numbers 0 ≤ k ≤ n, n > 0; got k = ${k}, n = ${n}`);
  const a = (1 - level) / 2;
  const lower = k === 0 ? 0 : bisect((p) => binomialUpperTail(k, n, p), a, true);
  const upper = k === n ? 1 : bisect((p) => binomialLowerTail(k, n, p), a, false);
  return [lower, upper];
}

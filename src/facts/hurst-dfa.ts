import { linearRegression } from 'simple-statistics';

/**
 * Hurst exponent by detrended fluctuation analysis (Peng et al. 1994, order-1 DFA):
 * profile Y_t = Σ_{s≤t} (x_s − x̄); for each window size w (log-spaced from `minWindow` to n/4), cut Y
 * into non-overlapping windows, remove a least-squares line from each, F(w) = √(mean squared residual);
 * the exponent is the slope of log F(w) on log w. ≈0.5 for white noise, ≈1.5 for a random walk,
 * > 0.5 for long memory.
 */
export function hurstDfa(xs: ArrayLike<number>, minWindow = 8): number {
  const n = xs.length;
  if (n < 4 * minWindow * 2) throw new RangeError(`hurstDfa requires at least ${8 * minWindow} values, got ${n}`);
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i]!;
  m /= n;
  const y = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) y[i] = acc += xs[i]! - m;
  const sizes: number[] = [];
  const maxW = Math.floor(n / 4);
  for (let e = Math.log(minWindow); e <= Math.log(maxW) + 1e-9; e += (Math.log(maxW) - Math.log(minWindow)) / 15) {
    const w = Math.round(Math.exp(e));
    if (sizes.at(-1) !== w) sizes.push(w);
  }
  const lx: number[] = [];
  const ly: number[] = [];
  for (const w of sizes) {
    const windows = Math.floor(n / w);
    let total = 0;
    // x = 0..w−1 has closed-form sums for the line fit
    const sx = (w * (w - 1)) / 2;
    const sxx = ((w - 1) * w * (2 * w - 1)) / 6;
    const den = w * sxx - sx * sx;
    for (let j = 0; j < windows; j++) {
      let sy = 0;
      let sxy = 0;
      for (let i = 0; i < w; i++) {
        const v = y[j * w + i]!;
        sy += v;
        sxy += i * v;
      }
      const b = (w * sxy - sx * sy) / den;
      const a = (sy - b * sx) / w;
      for (let i = 0; i < w; i++) {
        const e = y[j * w + i]! - (a + b * i);
        total += e * e;
      }
    }
    const f = Math.sqrt(total / (windows * w));
    if (f > 0) {
      lx.push(Math.log(w));
      ly.push(Math.log(f));
    }
  }
  if (lx.length < 3) return Number.NaN;
  return linearRegression(lx.map((x, i) => [x, ly[i]!])).m;
}

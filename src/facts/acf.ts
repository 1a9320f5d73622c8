import type { Complex } from 'mathjs';
import { mathjs } from '../stats/mathjs.js';

/**
 * Sample autocorrelation at lags 1..maxLag: ρ_k = Σ_{t=k+1}^{n} (x_t − x̄)(x_{t−k} − x̄) / Σ (x_t − x̄)²,
 * demeaned with the full-sample denominator — as statsmodels.tsa.stattools.acf (adjusted=False).
 * Long series (n ≥ 512) use the FFT (mathjs), zero-padded to a power of two ≥ 2n to avoid wrap-around;
 * short ones the direct sum. Returns ρ_1 … ρ_maxLag (NaN for a constant series).
 */
export function acf(xs: ArrayLike<number>, maxLag: number): number[] {
  const n = xs.length;
  if (!Number.isInteger(maxLag) || maxLag < 1) throw new RangeError(`acf: maxLag must be a whole number ≥ 1, got ${maxLag}`);
  if (n <= maxLag) throw new RangeError(`acf requires more values (${n}) than lags (${maxLag})`);
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i]!;
  m /= n;
  const d = new Float64Array(n);
  let denom = 0;
  for (let i = 0; i < n; i++) {
    d[i] = xs[i]! - m;
    denom += d[i]! * d[i]!;
  }
  if (denom === 0) return new Array<number>(maxLag).fill(Number.NaN);
  const out: number[] = [];
  if (n < 512) {
    for (let k = 1; k <= maxLag; k++) {
      let s = 0;
      for (let t = k; t < n; t++) s += d[t]! * d[t - k]!;
      out.push(s / denom);
    }
    return out;
  }
  let size = 1;
  while (size < 2 * n) size *= 2;
  const padded: number[] = new Array<number>(size).fill(0);
  for (let i = 0; i < n; i++) padded[i] = d[i]!;
  const { fft, ifft, complex } = mathjs();
  const f = fft(padded) as unknown as Complex[];
  const power = f.map((c) => complex(c.re * c.re + c.im * c.im, 0));
  const r = ifft(power as unknown as number[]) as unknown as Complex[];
  for (let k = 1; k <= maxLag; k++) out.push(r[k]!.re / r[0]!.re);
  return out;
}

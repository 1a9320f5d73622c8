import FFT from 'fft.js';

/**
 * Sample autocorrelation at lags 1..maxLag: ρ_k = Σ_{t=k+1}^{n} (x_t − x̄)(x_{t−k} − x̄) / Σ (x_t − x̄)²,
 * demeaned with the full-sample denominator — as statsmodels.tsa.stattools.acf (adjusted=False, fft=True).
 * Computed for every length by the FFT (fft.js, radix-4): the demeaned series zero-padded to a power of two
 * ≥ 2n (no wrap-around), its power spectrum transformed back gives every lag's sum at once, O(n log n). Returns ρ_1 … ρ_maxLag (NaN for a constant series).
 */
export function acf(xs: ArrayLike<number>, maxLag: number): number[] {
  const n = xs.length;
  if (!Number.isInteger(maxLag) || maxLag < 1) throw new RangeError(`acf: maxLag must be a whole number ≥ 1, got ${maxLag}`);
  if (n <= maxLag) throw new RangeError(`acf requires more values (${n}) than lags (${maxLag})`);
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i]!;
  m /= n;
  let size = 4; // fft.js needs a power of two ≥ 4
  while (size < 2 * n) size *= 2;
  const padded = new Float64Array(size);
  let denom = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    padded[i] = d;
    denom += d * d;
  }
  if (denom === 0) return new Array<number>(maxLag).fill(Number.NaN);
  const f = new FFT(size);
  const spectrum = new Float64Array(2 * size); // fft.js takes any indexable array; typed ones are faster
  f.realTransform(spectrum, padded);
  f.completeSpectrum(spectrum);
  // the power spectrum |X_j|² is real and even, so its inverse transform is its forward transform / size:
  // a second real transform (half the work of a complex inverse) gives the lag sums in the real parts
  const power = padded; // reused: the demeaned series is no longer needed
  for (let j = 0; j < size; j++) power[j] = spectrum[2 * j]! * spectrum[2 * j]! + spectrum[2 * j + 1]! * spectrum[2 * j + 1]!;
  f.realTransform(spectrum, power);
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) out.push(spectrum[2 * k]! / spectrum[0]!);
  return out;
}

/**
 * Calibration of probability forecasts against binary outcomes.
 * - reliability table: forecasts in `bins` equal-width bins (10¢ by default) with n, mean forecast, observed frequency;
 * - ECE = Σ_b (n_b / N) |f̄_b − ō_b|;
 * - Brier score = (1/N) Σ (f − o)² and Murphy's (1973) decomposition over the same bins,
 *   Brier ≈ reliability − resolution + uncertainty, with reliability = Σ n_b (f̄_b − ō_b)² / N,
 *   resolution = Σ n_b (ō_b − ō)² / N, uncertainty = ō (1 − ō). (Exact when forecasts within a bin are equal;
 *   the within-bin variance is the small remainder.)
 */
export interface CalibrationResult {
  readonly n: number;
  readonly brier: number;
  readonly ece: number;
  readonly reliability: number;
  readonly resolution: number;
  readonly uncertainty: number;
  readonly table: ReadonlyArray<{ bin: string; lo: number; hi: number; n: number; meanForecast: number; observed: number }>;
}

export function calibration(forecasts: ArrayLike<number>, outcomes: ArrayLike<number>, bins = 10): CalibrationResult {
  const n = forecasts.length;
  if (n !== outcomes.length) throw new RangeError(`calibration: ${n} forecasts but ${outcomes.length} outcomes`);
  if (n === 0) throw new RangeError('calibration requires at least one forecast');
  const count = new Array<number>(bins).fill(0);
  const sumF = new Array<number>(bins).fill(0);
  const sumO = new Array<number>(bins).fill(0);
  let brier = 0;
  let obar = 0;
  for (let i = 0; i < n; i++) {
    const f = forecasts[i]!;
    const o = outcomes[i]!;
    if (!(f >= 0 && f <= 1)) throw new RangeError(`calibration: forecast ${i} is ${f}; forecasts must be probabilities in [0,1]`);
    if (o !== 0 && o !== 1) throw new RangeError(`calibration: outcome ${i} is ${o}; outcomes must be 0 or 1`);
    const b = Math.min(bins - 1, Math.floor(f * bins));
    count[b]++;
    sumF[b] += f;
    sumO[b] += o;
    brier += (f - o) ** 2;
    obar += o;
  }
  brier /= n;
  obar /= n;
  let ece = 0;
  let rel = 0;
  let res = 0;
  const table = [];
  for (let b = 0; b < bins; b++) {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    if (count[b] === 0) {
      table.push({ bin: `${lo.toFixed(2)}–${hi.toFixed(2)}`, lo, hi, n: 0, meanForecast: Number.NaN, observed: Number.NaN });
      continue;
    }
    const fb = sumF[b]! / count[b]!;
    const ob = sumO[b]! / count[b]!;
    ece += (count[b]! / n) * Math.abs(fb - ob);
    rel += (count[b]! * (fb - ob) ** 2) / n;
    res += (count[b]! * (ob - obar) ** 2) / n;
    table.push({ bin: `${lo.toFixed(2)}–${hi.toFixed(2)}`, lo, hi, n: count[b]!, meanForecast: fb, observed: ob });
  }
  return { n, brier, ece, reliability: rel, resolution: res, uncertainty: obar * (1 - obar), table };
}

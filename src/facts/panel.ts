import { chiSquareSurvival } from '../stats/distributions.js';

/**
 * Statistics pooled over many short series (the markets of one run): each series is demeaned on its own
 * and cross products never span two series, so a market boundary never pairs unrelated returns.
 */
export function demeanEach(series: readonly ArrayLike<number>[]): Float64Array[] {
  return series.map((s) => {
    let m = 0;
    for (let i = 0; i < s.length; i++) m += s[i]!;
    m /= s.length || 1;
    return Float64Array.from(s as ArrayLike<number>, (x) => x - m);
  });
}

/** Pooled autocorrelation at lags 1..maxLag: ρ_k = Σ_m Σ_t d_t d_{t−k} / Σ_m Σ_t d_t² (each series demeaned unless `demean: false`). NaN when every series is constant. */
export function pooledAcf(series: readonly ArrayLike<number>[], maxLag: number, options: { demean?: boolean } = {}): number[] {
  if (!Number.isInteger(maxLag) || maxLag < 1) throw new RangeError(`pooledAcf: maxLag must be a whole number ≥ 1, got ${maxLag}`);
  const d = options.demean === false ? series : demeanEach(series);
  let denom = 0;
  for (const x of d) for (let t = 0; t < x.length; t++) denom += x[t]! * x[t]!;
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (const x of d) for (let t = k; t < x.length; t++) s += x[t]! * x[t - k]!;
    out.push(denom > 0 ? s / denom : Number.NaN);
  }
  return out;
}

/**
 * Heteroskedasticity-robust portmanteau test (Lobato, Nankervis & Savin 2001, JASA 96:1066–1076), pooled
 * over series: z_k = Σ d_t d_{t−k} / √(Σ d_t² d_{t−k}²) is asymptotically N(0,1) for a martingale
 * difference sequence even when volatility changes, and Q* = Σ_{k ∈ lags} z_k² ~ χ² with one degree of
 * freedom per lag. (The classical Ljung–Box test over-rejects under volatility clustering.) With
 * `demean: false` the series are taken as mean-zero (price changes of a martingale): demeaning many short
 * series biases every cross product by about −σ² per series, which inflates Q*.
 */
export function robustPortmanteau(
  series: readonly ArrayLike<number>[],
  lags: readonly number[],
  options: { demean?: boolean } = {},
): { z: number[]; q: number; df: number; p_value: number } {
  if (lags.length === 0) throw new RangeError('robustPortmanteau needs at least one lag');
  const d = options.demean === false ? series : demeanEach(series);
  const z = lags.map((k) => {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`robustPortmanteau: lags must be whole numbers ≥ 1, got ${k}`);
    let num = 0;
    let den = 0;
    for (const x of d) {
      for (let t = k; t < x.length; t++) {
        const p = x[t]! * x[t - k]!;
        num += p;
        den += p * p;
      }
    }
    return den > 0 ? num / Math.sqrt(den) : Number.NaN;
  });
  const q = z.reduce((s, v) => s + v * v, 0);
  return { z, q, df: lags.length, p_value: Number.isFinite(q) ? chiSquareSurvival(q, lags.length) : Number.NaN };
}

/** Within-series (panel) Pearson correlation: each series' pair demeaned on its own, then pooled (one pair = the plain Pearson correlation). */
export function panelCorrelation(pairs: ReadonlyArray<readonly [ArrayLike<number>, ArrayLike<number>]>): number {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    const n = Math.min(x.length, y.length);
    if (n < 2) continue;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) ((mx += x[i]!), (my += y[i]!));
    mx /= n;
    my /= n;
    for (let i = 0; i < n; i++) {
      const a = x[i]! - mx;
      const b = y[i]! - my;
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

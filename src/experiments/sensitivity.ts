import { Rng } from '../core/rng.js';
import type { ParameterRange } from './designs.js';

export interface MorrisIndex {
  readonly parameter: string;
  /** Mean elementary effect. */
  readonly mu: number;
  /** Mean absolute elementary effect (Campolongo et al. 2007): the importance ranking. */
  readonly muStar: number;
  /** Standard deviation of the effects: non-linearity or interactions. */
  readonly sigma: number;
  readonly n: number;
}

/**
 * Morris elementary effects EE_i = (y(x + Δe_i) − y(x)) / Δ from consecutive points of each trajectory,
 * summarized per parameter as μ, μ* and σ.
 */
export function morrisIndices(
  params: readonly ParameterRange[],
  rows: ReadonlyArray<{ trajectory: number; step: number; varied: string | null; unit: readonly number[] }>,
  outputs: readonly number[],
): MorrisIndex[] {
  const effects = new Map<string, number[]>(params.map((p) => [p.name, []]));
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const prev = rows[i - 1]!;
    if (r.varied === null || prev.trajectory !== r.trajectory) continue;
    const j = params.findIndex((p) => p.name === r.varied);
    const delta = r.unit[j]! - prev.unit[j]!;
    const y1 = outputs[i]!;
    const y0 = outputs[i - 1]!;
    if (Number.isFinite(y1) && Number.isFinite(y0) && delta !== 0) effects.get(r.varied)!.push((y1 - y0) / delta);
  }
  return params.map((p) => {
    const e = effects.get(p.name)!;
    const n = e.length;
    const mu = n ? e.reduce((a, b) => a + b, 0) / n : Number.NaN;
    const muStar = n ? e.reduce((a, b) => a + Math.abs(b), 0) / n : Number.NaN;
    const sigma = n > 1 ? Math.sqrt(e.reduce((s, x) => s + (x - mu) ** 2, 0) / (n - 1)) : Number.NaN;
    return { parameter: p.name, mu, muStar, sigma, n };
  });
}

export interface SobolIndex {
  readonly parameter: string;
  /** First-order index S_i (Saltelli et al. 2010 estimator). */
  readonly first: number;
  readonly firstCi: [number, number];
  /** Total-effect index S_Ti (Jansen 1999 estimator). */
  readonly total: number;
  readonly totalCi: [number, number];
}

function estimate(fA: readonly number[], fB: readonly number[], fAB: readonly number[], idx: readonly number[]): [number, number] {
  const n = idx.length;
  let mean = 0;
  for (const r of idx) mean += fA[r]! + fB[r]!;
  mean /= 2 * n;
  let v = 0;
  for (const r of idx) v += (fA[r]! - mean) ** 2 + (fB[r]! - mean) ** 2;
  v /= 2 * n - 1;
  let s1 = 0;
  let st = 0;
  for (const r of idx) {
    // centered on the mean, as SALib does: same expectation, far less variance when |mean| ≫ sd
    s1 += (fB[r]! - mean) * (fAB[r]! - fA[r]!);
    st += (fA[r]! - fAB[r]!) ** 2;
  }
  return v > 0 ? [s1 / n / v, st / (2 * n) / v] : [Number.NaN, Number.NaN];
}

/**
 * Sobol indices from a Saltelli design: S_i = (1/N) Σ (f(B) − f̄)(f(A_B^i) − f(A)) / V (Saltelli et al. 2010, centered) and
 * S_Ti = (1/2N) Σ (f(A) − f(A_B^i))² / V (Jansen 1999), V the variance of f over A and B; percentile
 * bootstrap CIs from resampling the N rows.
 */
export function sobolIndices(
  params: readonly ParameterRange[],
  fA: readonly number[],
  fB: readonly number[],
  fAB: ReadonlyArray<readonly number[]>,
  options: { resamples?: number; seed?: number } = {},
): SobolIndex[] {
  const n = fA.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const rng = Rng.derive(options.seed ?? 0, 'sobol-bootstrap');
  const resamples = options.resamples ?? 500;
  return params.map((p, i) => {
    const [first, total] = estimate(fA, fB, fAB[i]!, all);
    const s1: number[] = [];
    const st: number[] = [];
    for (let b = 0; b < resamples; b++) {
      const idx = all.map(() => rng.int(0, n - 1));
      const [a, t] = estimate(fA, fB, fAB[i]!, idx);
      if (Number.isFinite(a)) s1.push(a);
      if (Number.isFinite(t)) st.push(t);
    }
    const ci = (xs: number[]): [number, number] => {
      const s = [...xs].sort((x, y) => x - y);
      return s.length ? [s[Math.floor(0.025 * (s.length - 1))]!, s[Math.ceil(0.975 * (s.length - 1))]!] : [Number.NaN, Number.NaN];
    };
    return { parameter: p.name, first, firstCi: ci(s1), total, totalCi: ci(st) };
  });
}

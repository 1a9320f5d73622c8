import { mathjs } from './mathjs.js';

export interface OlsResult {
  /** Coefficients, in the order of the design matrix's columns. */
  readonly beta: number[];
  /** Classical (homoskedastic) standard errors. */
  readonly se: number[];
  /** Centered R². */
  readonly rSquared: number;
  readonly n: number;
  readonly k: number;
  readonly residuals: number[];
}

/**
 * Ordinary least squares y = X β + e via the normal equations: β = (X'X)⁻¹X'y (the k × k inverse by mathjs, loaded on first use),
 * se = sqrt(diag(σ̂² (X'X)⁻¹)), σ̂² = e'e / (n − k), R² = 1 − e'e / Σ (y − ȳ)². X'X and X'y are accumulated
 * row by row, so a million rows cost two passes and no n × k copies. Collinear regressors (a constant
 * series, say) throw a RangeError that says so.
 */
export function ols(y: ArrayLike<number>, X: ArrayLike<ArrayLike<number>>): OlsResult {
  const n = y.length;
  const k = X[0]?.length ?? 0;
  if (X.length !== n) throw new RangeError(`ols: y has ${n} rows but X has ${X.length}`);
  if (n <= k) throw new RangeError(`ols requires more observations (${n}) than regressors (${k})`);
  return olsRows(
    n,
    k,
    (i) => X[i]!,
    (i) => y[i]!,
  );
}

/** {@link ols} over rows produced on demand: `row(i)` gives the i-th row of X (it may reuse one buffer). */
export function olsRows(n: number, k: number, row: (i: number) => ArrayLike<number>, yAt: (i: number) => number): OlsResult {
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  let ysum = 0;
  for (let i = 0; i < n; i++) {
    const r = row(i);
    const yi = yAt(i);
    ysum += yi;
    for (let a = 0; a < k; a++) {
      const ra = r[a]!;
      xty[a]! += ra * yi;
      const xa = xtx[a]!;
      for (let b = a; b < k; b++) xa[b]! += ra * r[b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) xtx[a]![b] = xtx[b]![a]!;
  let xtxInv: number[][];
  try {
    xtxInv = mathjs().inv(xtx) as number[][];
  } catch (e) {
    throw new RangeError(
      `ols: the regressors are collinear (X'X is singular: ${(e as Error).message}); a constant series has no regression`,
    );
  }
  if (xtxInv.some((r) => r.some((v) => !Number.isFinite(v))))
    throw new RangeError(`ols: the regressors are collinear (X'X is singular); a constant series has no regression`);
  const beta = xtxInv.map((r) => r.reduce((s, v, j) => s + v * xty[j]!, 0));
  const ybar = ysum / n;
  const residuals = new Array<number>(n);
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const r = row(i);
    let fit = 0;
    for (let a = 0; a < k; a++) fit += r[a]! * beta[a]!;
    const yi = yAt(i);
    const e = yi - fit;
    residuals[i] = e;
    sse += e * e;
    sst += (yi - ybar) ** 2;
  }
  const sigma2 = sse / (n - k);
  const se = xtxInv.map((r, i) => Math.sqrt(sigma2 * r[i]!));
  return { beta, se, rSquared: sst === 0 ? Number.NaN : 1 - sse / sst, n, k, residuals };
}

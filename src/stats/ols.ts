import { mathjs } from './mathjs.js';

export interface OlsResult {
  /** Coefficients, in the order of the design matrix's columns. */
  readonly beta: number[];
  /** Classical (homoskedastic) standard errors. */
  readonly se: number[];
  /** Centred R². */
  readonly rSquared: number;
  readonly n: number;
  readonly k: number;
  readonly residuals: number[];
}

/**
 * Ordinary least squares y = X β + e via the normal equations (mathjs matrix inverse): β = (X'X)⁻¹X'y,
 * se = sqrt(diag(σ̂² (X'X)⁻¹)), σ̂² = e'e / (n − k), R² = 1 − e'e / Σ (y − ȳ)². Fine for the few
 * regressors used here (ARCH-LM lags, herding and longshot regressions).
 */
export function ols(y: ArrayLike<number>, X: number[][]): OlsResult {
  const n = y.length;
  const k = X[0]?.length ?? 0;
  if (X.length !== n) throw new RangeError(`ols: y has ${n} rows but X has ${X.length}`);
  if (n <= k) throw new RangeError(`ols requires more observations (${n}) than regressors (${k})`);
  const yv = Array.from(y);
  const { inv, multiply, transpose } = mathjs();
  const Xt = transpose(X);
  const XtXinv = inv(multiply(Xt, X)) as number[][];
  const beta = multiply(XtXinv, multiply(Xt, yv)) as number[];
  const fitted = multiply(X, beta) as number[];
  const residuals = yv.map((v, i) => v - fitted[i]!);
  const sse = residuals.reduce((s, e) => s + e * e, 0);
  const ybar = yv.reduce((s, v) => s + v, 0) / n;
  const sst = yv.reduce((s, v) => s + (v - ybar) ** 2, 0);
  const sigma2 = sse / (n - k);
  const se = XtXinv.map((row, i) => Math.sqrt(sigma2 * row[i]!));
  return { beta, se, rSquared: sst === 0 ? Number.NaN : 1 - sse / sst, n, k, residuals };
}

/**
 * Nelder–Mead downhill simplex minimization (Nelder & Mead 1965; the adaptive coefficients of Gao & Han
 * 2012 are not used — standard ρ=1, χ=2, γ=½, σ=½).
 * Written here because the npm options do not work under Node ESM: fmin 0.0.4 ships extensionless ESM
 * imports that Node cannot resolve, and 0.0.2 pulls in a plotting stack of ~160 packages.
 */
export interface MinimizeResult {
  readonly x: number[];
  readonly fx: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: { maxIterations?: number; tolerance?: number; step?: number } = {},
): MinimizeResult {
  const n = x0.length;
  const maxIt = options.maxIterations ?? 400 * n;
  const tol = options.tolerance ?? 1e-10;
  const step = options.step ?? 0.1;
  const safe = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex: Array<{ x: number[]; fx: number }> = [{ x: [...x0], fx: safe([...x0]) }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] = x[i] !== 0 ? x[i]! * (1 + step) : step;
    simplex.push({ x, fx: safe(x) });
  }
  let it = 0;
  for (; it < maxIt; it++) {
    simplex.sort((a, b) => a.fx - b.fx);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (
      Math.abs(worst.fx - best.fx) <= tol * (Math.abs(best.fx) + tol) &&
      simplex.every((s) => s.x.every((v, j) => Math.abs(v - best.x[j]!) <= 1e-8 * (1 + Math.abs(v))))
    )
      break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i]!.x[j]! / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const xr = along(-1);
    const fr = safe(xr);
    if (fr < best.fx) {
      const xe = along(-2);
      const fe = safe(xe);
      simplex[n] = fe < fr ? { x: xe, fx: fe } : { x: xr, fx: fr };
    } else if (fr < simplex[n - 1]!.fx) {
      simplex[n] = { x: xr, fx: fr };
    } else {
      const outside = fr < worst.fx;
      const xc = along(outside ? -0.5 : 0.5);
      const fc = safe(xc);
      if (fc < (outside ? fr : worst.fx)) simplex[n] = { x: xc, fx: fc };
      else
        simplex = simplex.map((s, i) =>
          i === 0 ? s : ((x) => ({ x, fx: safe(x) }))(s.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!))),
        );
    }
  }
  simplex.sort((a, b) => a.fx - b.fx);
  return { x: simplex[0]!.x, fx: simplex[0]!.fx, iterations: it, converged: it < maxIt };
}

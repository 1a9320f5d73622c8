import { nelderMead } from '../models/optimize.js';
import { excessKurtosis } from './excess-kurtosis.js';

export interface Garch11Fit {
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  /** Gaussian log-likelihood at the optimum (constant term included). */
  readonly logLikelihood: number;
  readonly n: number;
  /** Excess kurtosis of the returns and of the standardized residuals r_t / √h_t. */
  readonly rawExcessKurtosis: number;
  readonly residualExcessKurtosis: number;
  readonly converged: boolean;
}

/**
 * GARCH(1,1) (Bollerslev 1986) by Gaussian quasi-maximum likelihood over one or more segments (the markets
 * of a run; the variance restarts at the sample variance of all returns at each segment's start):
 *   h_t = ω + α r²_{t−1} + β h_{t−1},   log L = −½ Σ (ln 2π + ln h_t + r_t² / h_t).
 * Parameters are kept valid by ω = e^w, α = e^u/(1 + e^u + e^v), β = e^v/(1 + e^u + e^v) (so α + β < 1)
 * and found by Nelder–Mead. Cont's fact 7 (conditional heavy tails) asks whether the residuals are still
 * heavy-tailed: 0 < κ_resid < κ_raw.
 */
export function fitGarch11(segments: readonly ArrayLike<number>[]): Garch11Fit {
  const n = segments.reduce((s, x) => s + x.length, 0);
  if (n < 50) throw new RangeError(`fitGarch11 needs at least 50 returns, got ${n}`);
  let s2 = 0;
  for (const x of segments) for (let i = 0; i < x.length; i++) s2 += x[i]! * x[i]!;
  s2 /= n;
  if (!(s2 > 0)) throw new RangeError('fitGarch11: the returns are all zero');
  const unpack = (p: readonly number[]) => {
    const eu = Math.exp(p[1]!);
    const ev = Math.exp(p[2]!);
    return { omega: Math.exp(p[0]!), alpha: eu / (1 + eu + ev), beta: ev / (1 + eu + ev) };
  };
  const negLogLik = (p: readonly number[]) => {
    const { omega, alpha, beta } = unpack(p);
    let ll = 0;
    for (const x of segments) {
      let h = s2;
      for (let t = 0; t < x.length; t++) {
        if (t > 0) h = omega + alpha * x[t - 1]! * x[t - 1]! + beta * h;
        ll += Math.log(h) + (x[t]! * x[t]!) / h;
      }
    }
    return 0.5 * (ll + n * Math.log(2 * Math.PI));
  };
  // start at α = 0.05, β = 0.9, ω = 0.05·s²
  const start = [Math.log(0.05 * s2), Math.log(0.05 / 0.05), Math.log(0.9 / 0.05)];
  const fit = nelderMead(negLogLik, start, { maxIterations: 3000, tolerance: 1e-12, step: 0.5 });
  const { omega, alpha, beta } = unpack(fit.x);
  const raw: number[] = [];
  const resid: number[] = [];
  for (const x of segments) {
    let h = s2;
    for (let t = 0; t < x.length; t++) {
      if (t > 0) h = omega + alpha * x[t - 1]! * x[t - 1]! + beta * h;
      raw.push(x[t]!);
      resid.push(x[t]! / Math.sqrt(h));
    }
  }
  return {
    omega,
    alpha,
    beta,
    logLikelihood: -fit.fx,
    n,
    rawExcessKurtosis: excessKurtosis(raw),
    residualExcessKurtosis: excessKurtosis(resid),
    converged: fit.converged,
  };
}

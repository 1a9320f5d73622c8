import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { Rng } from '../../core/rng.js';
import type { JumpPath } from './merton.js';

/**
 * Kou (2002) double-exponential jump diffusion for the logit of a probability:
 *   dx = μ dt + σ dW + J dN,  J = +Exp(η₊) with probability p, −Exp(η₋) otherwise
 * (mean up-jump 1/η₊, mean down-jump 1/η₋): asymmetric, heavier-tailed jumps than Merton's.
 */
export interface KouParams {
  readonly mu: number;
  readonly sigma: number;
  readonly lambda: number;
  /** Probability a jump is upward. */
  readonly pUp: number;
  readonly etaUp: number;
  readonly etaDown: number;
}

export function simulateKou(params: KouParams, options: { steps: number; dt?: number; x0?: number; rng: Rng }): JumpPath {
  const dt = options.dt ?? 1;
  const { mu, sigma, lambda, pUp, etaUp, etaDown } = params;
  const rng = options.rng;
  const n = options.steps;
  const inc = new Float64Array(n);
  let jumps = 0;
  for (let i = 0; i < n; i++) {
    let d = mu * dt + sigma * Math.sqrt(dt) * rng.normal();
    const k = rng.poisson(lambda * dt);
    for (let j = 0; j < k; j++) d += rng.float() < pUp ? rng.exponential(1 / etaUp) : -rng.exponential(1 / etaDown);
    jumps += k;
    inc[i] = d;
  }
  const logit = new Float64Array(n + 1);
  const probability = new Float64Array(n + 1);
  logit[0] = options.x0 ?? 0;
  probability[0] = 1 / (1 + Math.exp(-logit[0]!));
  for (let i = 0; i < n; i++) {
    logit[i + 1] = logit[i]! + inc[i]!;
    probability[i + 1] = 1 / (1 + Math.exp(-logit[i + 1]!));
  }
  return { logit, probability, increments: inc, jumps };
}

/** log of the exponentially modified Gaussian density: N(m, s²) + Exp(η) at x. */
function logEmg(x: number, m: number, s: number, eta: number): number {
  const z = (x - m - eta * s * s) / s;
  const phi = normalCdf(z, 0, 1);
  return Math.log(eta) + eta * (m - x) + 0.5 * eta * eta * s * s + Math.log(Math.max(phi, 1e-300));
}

/**
 * Density of one increment with at most one jump per step: (1 − w)·N(μdt, σ²dt) + w·[p·EMG₊ + (1 − p)·EMG₋],
 * w = λdt e^{−λdt} / (e^{−λdt} + λdt e^{−λdt}) (the Poisson weights of 0 and 1 jump, renormalized).
 * Exact up to O((λdt)²), the chance of two jumps in a step; keep λdt small (≤ 0.1).
 */
export function kouLogDensity(dx: number, params: KouParams, dt = 1): number {
  const { mu, sigma, lambda, pUp, etaUp, etaDown } = params;
  const s = sigma * Math.sqrt(dt);
  const m = mu * dt;
  const lt = lambda * dt;
  const w = lt / (1 + lt);
  const logN = -0.5 * Math.log(2 * Math.PI) - Math.log(s) - ((dx - m) * (dx - m)) / (2 * s * s);
  const up = logEmg(dx, m, s, etaUp);
  const down = logEmg(-dx, -m, s, etaDown);
  const a = Math.log(1 - w) + logN;
  const b = Math.log(w * pUp) + up;
  const c = Math.log(w * (1 - pUp)) + down;
  const mx = Math.max(a, b, c);
  return mx + Math.log(Math.exp(a - mx) + Math.exp(b - mx) + Math.exp(c - mx));
}

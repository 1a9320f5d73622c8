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

/** The constants of an exponentially modified Gaussian N(m, s²) + Exp(η): log η, η s² and ½ η² s². */
interface EmgTerms {
  readonly eta: number;
  readonly logEta: number;
  readonly etaS2: number;
  readonly half: number;
}

const emgTerms = (s: number, eta: number): EmgTerms => ({ eta, logEta: Math.log(eta), etaS2: eta * s * s, half: 0.5 * eta * eta * s * s });

/** log of the exponentially modified Gaussian density: N(m, s²) + Exp(η) at x. */
function logEmg(x: number, m: number, s: number, e: EmgTerms): number {
  const z = (x - m - e.etaS2) / s;
  const phi = normalCdf(z, 0, 1);
  return e.logEta + e.eta * (m - x) + e.half + Math.log(Math.max(phi, 1e-300));
}

/**
 * The parts of {@link kouLogDensity} that depend only on the parameters. A likelihood computes them once for the
 * whole sample instead of once per increment (six logarithms saved per increment), with the same operations in
 * the same order, so every density is bit-for-bit the one computed from the parameters.
 */
export interface KouTerms {
  readonly m: number;
  readonly s: number;
  /** −log√(2π) − log s */
  readonly normalOffset: number;
  /** 2s² */
  readonly twoS2: number;
  readonly logNoJump: number;
  readonly logUp: number;
  readonly logDown: number;
  readonly up: EmgTerms;
  readonly down: EmgTerms;
}

export function kouTerms(params: KouParams, dt = 1): KouTerms {
  const { mu, sigma, lambda, pUp, etaUp, etaDown } = params;
  const s = sigma * Math.sqrt(dt);
  const lt = lambda * dt;
  const w = lt / (1 + lt);
  return {
    m: mu * dt,
    s,
    normalOffset: -0.5 * Math.log(2 * Math.PI) - Math.log(s),
    twoS2: 2 * s * s,
    logNoJump: Math.log(1 - w),
    logUp: Math.log(w * pUp),
    logDown: Math.log(w * (1 - pUp)),
    up: emgTerms(s, etaUp),
    down: emgTerms(s, etaDown),
  };
}

/** {@link kouLogDensity} from precomputed {@link kouTerms}. */
export function kouLogDensityOf(dx: number, t: KouTerms): number {
  const { m, s } = t;
  const logN = t.normalOffset - ((dx - m) * (dx - m)) / t.twoS2;
  const up = logEmg(dx, m, s, t.up);
  const down = logEmg(-dx, -m, s, t.down);
  const a = t.logNoJump + logN;
  const b = t.logUp + up;
  const c = t.logDown + down;
  const mx = Math.max(a, b, c);
  return mx + Math.log(Math.exp(a - mx) + Math.exp(b - mx) + Math.exp(c - mx));
}

/**
 * Density of one increment with at most one jump per step: (1 − w)·N(μdt, σ²dt) + w·[p·EMG₊ + (1 − p)·EMG₋],
 * w = λdt e^{−λdt} / (e^{−λdt} + λdt e^{−λdt}) (the Poisson weights of 0 and 1 jump, renormalized).
 * Exact up to O((λdt)²), the chance of two jumps in a step; keep λdt small (≤ 0.1).
 */
export function kouLogDensity(dx: number, params: KouParams, dt = 1): number {
  return kouLogDensityOf(dx, kouTerms(params, dt));
}

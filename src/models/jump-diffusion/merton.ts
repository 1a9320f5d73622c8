import type { Rng } from '../../core/rng.js';

/**
 * Merton (1976) jump diffusion for the logit of a probability, so the probability stays in (0, 1):
 *   dx = μ dt + σ dW + J dN,  N a Poisson process of intensity λ, J ~ N(μ_J, σ_J²).
 * Increments over a step dt are  μ dt + σ √dt Z + Σ_{i=1}^{K} J_i,  K ~ Poisson(λ dt).
 */
export interface MertonParams {
  readonly mu: number;
  readonly sigma: number;
  readonly lambda: number;
  readonly jumpMean: number;
  readonly jumpSd: number;
}

export interface JumpPath {
  /** Logit path x_0 … x_n. */
  readonly logit: Float64Array;
  /** Probability path 1/(1 + e^{−x}). */
  readonly probability: Float64Array;
  /** Increments x_t − x_{t−1}. */
  readonly increments: Float64Array;
  readonly jumps: number;
}

function path(x0: number, increments: Float64Array, jumps: number): JumpPath {
  const n = increments.length;
  const logit = new Float64Array(n + 1);
  const probability = new Float64Array(n + 1);
  logit[0] = x0;
  probability[0] = 1 / (1 + Math.exp(-x0));
  for (let i = 0; i < n; i++) {
    logit[i + 1] = logit[i]! + increments[i]!;
    probability[i + 1] = 1 / (1 + Math.exp(-logit[i + 1]!));
  }
  return { logit, probability, increments, jumps };
}

/** Simulate `steps` increments of size `dt` from logit x0, drawing from `rng`. */
export function simulateMerton(params: MertonParams, options: { steps: number; dt?: number; x0?: number; rng: Rng }): JumpPath {
  const dt = options.dt ?? 1;
  const { mu, sigma, lambda, jumpMean, jumpSd } = params;
  const rng = options.rng;
  const inc = new Float64Array(options.steps);
  let jumps = 0;
  for (let i = 0; i < options.steps; i++) {
    let d = mu * dt + sigma * Math.sqrt(dt) * rng.normal();
    const k = rng.poisson(lambda * dt);
    for (let j = 0; j < k; j++) d += jumpMean + jumpSd * rng.normal();
    jumps += k;
    inc[i] = d;
  }
  return path(options.x0 ?? 0, inc, jumps);
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The parts of {@link mertonLogDensity}'s sum that depend only on the parameters: the mean, twice the variance and
 * log(Pois(k; λdt)) − log√(2π) − ½ log v of each term kept. A likelihood computes them once for the whole sample
 * instead of once per increment (four logarithms per term saved), with the same operations in the same order, so
 * every density is bit-for-bit the one computed term by term.
 */
export interface MertonTerms {
  readonly mean: Float64Array;
  readonly twoVariance: Float64Array;
  readonly offset: Float64Array;
}

export function mertonTerms(params: MertonParams, dt = 1): MertonTerms {
  const { mu, sigma, lambda, jumpMean, jumpSd } = params;
  const lt = lambda * dt;
  const mean: number[] = [];
  const twoVariance: number[] = [];
  const offset: number[] = [];
  let logPois = -lt; // log P(K = 0)
  for (let k = 0; k < 50; k++) {
    if (k > 0) logPois += Math.log(lt) - Math.log(k);
    const v = sigma * sigma * dt + k * jumpSd * jumpSd;
    mean.push(mu * dt + k * jumpMean);
    twoVariance.push(2 * v);
    offset.push(logPois - LOG_SQRT_2PI - 0.5 * Math.log(v));
    // the truncation depends on k and the parameters only: every increment sums the same terms
    if (k > lt && logPois < Math.log(1e-12)) break;
  }
  return { mean: Float64Array.from(mean), twoVariance: Float64Array.from(twoVariance), offset: Float64Array.from(offset) };
}

/** {@link mertonLogDensity} from precomputed {@link mertonTerms}. */
export function mertonLogDensityOf(dx: number, terms: MertonTerms): number {
  const { mean, twoVariance, offset } = terms;
  let total = 0;
  for (let k = 0; k < offset.length; k++) {
    const d = dx - mean[k]!;
    total += Math.exp(offset[k]! - (d * d) / twoVariance[k]!);
  }
  return Math.log(total);
}

/**
 * Density of one increment: Σ_k Pois(k; λdt) · N(dx; μdt + kμ_J, σ²dt + kσ_J²), truncated once the
 * Poisson weights are below 1e−12 (at most 50 terms).
 */
export function mertonLogDensity(dx: number, params: MertonParams, dt = 1): number {
  return mertonLogDensityOf(dx, mertonTerms(params, dt));
}

/** Cumulants κ1…κ4 of one increment (closed form). */
export function mertonCumulants(params: MertonParams, dt = 1): [number, number, number, number] {
  const { mu, sigma, lambda: l, jumpMean: m, jumpSd: s } = params;
  return [
    dt * (mu + l * m),
    dt * (sigma * sigma + l * (m * m + s * s)),
    dt * l * (m ** 3 + 3 * m * s * s),
    dt * l * (m ** 4 + 6 * m * m * s * s + 3 * s ** 4),
  ];
}

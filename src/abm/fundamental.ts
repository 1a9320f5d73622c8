import type { Rng } from '../core/rng.js';

export interface FundamentalParams {
  /** Standard deviation of the logit's Gaussian step. */
  readonly volatility: number;
  /** Chance of a news jump in a step. */
  readonly jumpProbability: number;
  /** Standard deviation of a jump in logit space. */
  readonly jumpSize: number;
  /** The logit is reflected at ±bound, keeping the probability away from 0 and 1. */
  readonly bound: number;
}

export const logit = (p: number): number => Math.log(p / (1 - p));
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * The latent true probability of one market. It moves in logit space as a Gaussian random walk with
 * Bernoulli news jumps (a discrete Merton-style jump diffusion), reflected at ±bound:
 *   x_{t+1} = reflect(x_t + σ ε_t + J_t),  ε_t ~ N(0,1),  J_t ~ Bernoulli(λ) · N(0, s²),  p_t = 1/(1+e^{−x_t}).
 * Its draws come from its own stream, so no agent can change the path.
 */
export class Fundamental {
  private x: number;
  /** Jumps so far (news events). */
  jumps = 0;

  constructor(
    initialProbability: number,
    private readonly params: FundamentalParams,
    private readonly rng: Rng,
  ) {
    this.x = Math.max(-params.bound, Math.min(params.bound, logit(initialProbability)));
  }

  get probability(): number {
    return sigmoid(this.x);
  }

  get logit(): number {
    return this.x;
  }

  step(): number {
    const { volatility, jumpProbability, jumpSize, bound } = this.params;
    let x = this.x + (volatility > 0 ? volatility * this.rng.normal() : 0);
    if (jumpProbability > 0 && this.rng.float() < jumpProbability) {
      x += jumpSize * this.rng.normal();
      this.jumps++;
    }
    // reflect at the bounds (repeatedly, for a jump larger than the band)
    while (x > bound || x < -bound) x = x > bound ? 2 * bound - x : -2 * bound - x;
    this.x = x;
    return this.probability;
  }
}

import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { Rng } from '../../core/rng.js';
import type { TruthPath } from './path.js';

/**
 * A latent game score that resolves at a known time. The home team's margin S moves each step by a
 * Gaussian diffusion and, with probability `jumpProbability`, a scoring event of Gaussian size:
 *   S_{t+1} = S_t + σ ε_t + B_t J_t,   ε_t ~ N(0,1),  B_t ~ Bernoulli(λ),  J_t ~ N(0, s²).
 * The contract pays if S_T > 0. The true probability is the conditional probability of that event given
 * the score so far, p_t = P(S_T > 0 | S_t), so p_t is a martingale and p_T is the outcome itself.
 */
export interface ScoreTruthParams {
  /** Standard deviation of the margin's Gaussian step (points per step). */
  readonly volatility: number;
  /** Chance of a scoring event in a step. */
  readonly jumpProbability: number;
  /** Standard deviation of a scoring event (points). */
  readonly jumpSize: number;
}

/** Beyond this many expected scoring events the jump count is summed as a normal (its error is far below a cent). */
const MANY_JUMPS = 200;

/**
 * P(S_T > 0 | S_t = score) with `stepsLeft` steps to go. Given n jumps in the remaining k steps, the
 * remaining increment is N(0, kσ² + n s²) and n ~ Binomial(k, λ), so
 *   p = Σ_n C(k,n) λ^n (1−λ)^{k−n} Φ(score / √(kσ² + n s²)),
 * summed until the binomial tail left is below 1e-12. With nothing left to happen, p is 1, 0 or ½ (a tie).
 */
export function winProbability(score: number, stepsLeft: number, params: ScoreTruthParams): number {
  const { volatility: sigma, jumpProbability: lambda, jumpSize: s } = params;
  const k = stepsLeft;
  const diffusion = k * sigma * sigma;
  const step = (v: number) => (v > 0 ? normalCdf(score / Math.sqrt(v), 0, 1) : score > 0 ? 1 : score < 0 ? 0 : 0.5);
  if (k <= 0) return step(0);
  if (lambda <= 0 || s <= 0) return step(diffusion);
  if (k * lambda > MANY_JUMPS) return step(diffusion + k * lambda * s * s);
  if (lambda >= 1) return step(diffusion + k * s * s);
  let pmf = Math.pow(1 - lambda, k);
  let mass = 0;
  let p = 0;
  const odds = lambda / (1 - lambda);
  for (let n = 0; n <= k; n++) {
    p += pmf * step(diffusion + n * s * s);
    mass += pmf;
    if (1 - mass < 1e-12 && n >= k * lambda) break;
    pmf *= ((k - n) / (n + 1)) * odds;
  }
  return p;
}

/** The score at which the home team wins with probability `probability` with `stepsLeft` steps to go (bisection). */
export function scoreForProbability(probability: number, stepsLeft: number, params: ScoreTruthParams): number {
  if (!(probability > 0 && probability < 1)) throw new RangeError(`scoreForProbability: probability must be in (0,1), got ${probability}`);
  const sd = Math.sqrt(stepsLeft * (params.volatility ** 2 + params.jumpProbability * params.jumpSize ** 2));
  if (!(sd > 0)) throw new RangeError('scoreForProbability: the score cannot move (volatility and jumps are zero)');
  let lo = -20 * sd;
  let hi = 20 * sd;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * sd; i++) {
    const mid = (lo + hi) / 2;
    if (winProbability(mid, stepsLeft, params) < probability) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * One market's truth: a score path over `life` steps that starts where the home team wins with probability
 * `initialProbability`, with p_t computed at every step. Draws come from `rng` only (the market's own stream).
 */
export function scoreTruthPath(initialProbability: number, life: number, params: ScoreTruthParams, rng: Rng): TruthPath {
  if (!Number.isInteger(life) || life < 1) throw new RangeError(`scoreTruthPath: life must be a whole number ≥ 1, got ${life}`);
  let score = scoreForProbability(initialProbability, life, params);
  const probabilities = new Float64Array(life + 1);
  const scores = new Float64Array(life + 1);
  probabilities[0] = winProbability(score, life, params);
  scores[0] = score;
  let jumps = 0;
  for (let t = 1; t <= life; t++) {
    score += params.volatility * rng.normal();
    if (params.jumpProbability > 0 && rng.float() < params.jumpProbability) {
      score += params.jumpSize * rng.normal();
      jumps++;
    }
    scores[t] = score;
    probabilities[t] = winProbability(score, life - t, params);
  }
  return { probabilities, outcome: score > 0 ? 1 : 0, source: 'score', jumps, scores };
}

import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
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
  return mixture(score, stepsLeft, params, false);
}

/** d p / d score: the same mixture of normal densities (for Newton steps). */
function winDensity(score: number, stepsLeft: number, params: ScoreTruthParams): number {
  return mixture(score, stepsLeft, params, true);
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

function mixture(score: number, stepsLeft: number, params: ScoreTruthParams, density: boolean): number {
  const { volatility: sigma, jumpProbability: lambda, jumpSize: s } = params;
  const k = stepsLeft;
  const diffusion = k * sigma * sigma;
  const term = (v: number) => {
    if (v > 0) {
      const sd = Math.sqrt(v);
      return density ? (INV_SQRT_2PI * Math.exp(-0.5 * (score / sd) ** 2)) / sd : normalCdf(score / sd, 0, 1);
    }
    return density ? 0 : score > 0 ? 1 : score < 0 ? 0 : 0.5;
  };
  if (k <= 0) return term(0);
  if (lambda <= 0 || s <= 0) return term(diffusion);
  if (k * lambda > MANY_JUMPS) return term(diffusion + k * lambda * s * s);
  if (lambda >= 1) return term(diffusion + k * s * s);
  let pmf = Math.pow(1 - lambda, k);
  let mass = 0;
  let p = 0;
  const odds = lambda / (1 - lambda);
  for (let n = 0; n <= k; n++) {
    p += pmf * term(diffusion + n * s * s);
    mass += pmf;
    if (1 - mass < 1e-12 && n >= k * lambda) break;
    pmf *= ((k - n) / (n + 1)) * odds;
  }
  return p;
}

/** The score at which the home team wins with probability `probability` with `stepsLeft` steps to go (Newton's method inside a bisection bracket). */
export function scoreForProbability(probability: number, stepsLeft: number, params: ScoreTruthParams): number {
  if (!(probability > 0 && probability < 1)) throw new RangeError(`scoreForProbability: probability must be in (0,1), got ${probability}`);
  const sd = Math.sqrt(stepsLeft * (params.volatility ** 2 + params.jumpProbability * params.jumpSize ** 2));
  if (!(sd > 0)) throw new RangeError('scoreForProbability: the score cannot move (volatility and jumps are zero)');
  let lo = -20 * sd;
  let hi = 20 * sd;
  let x = sd * normalQuantile(probability, 0, 1);
  for (let i = 0; i < 200 && hi - lo > 1e-12 * sd; i++) {
    const f = winProbability(x, stepsLeft, params) - probability;
    if (Math.abs(f) < 1e-14) break;
    if (f < 0) lo = x;
    else hi = x;
    const d = winDensity(x, stepsLeft, params);
    const next = d > 0 ? x - f / d : Number.NaN;
    x = next > lo && next < hi ? next : (lo + hi) / 2;
  }
  return x;
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

/**
 * The default game: about 14 points of final-margin standard deviation over 1,000 steps (an NFL margin's
 * is ≈ 13.5), ten scoring events of 2.5 points on average; chosen so the truth's returns at the analysis
 * scale have the tails of real in-game win-probability paths per play (excess kurtosis ≈ 5, Hill α ≈ 3 for
 * nflfastR/nflscrapR games; `omega validate` shows both).
 */
export const DEFAULT_SCORE_TRUTH: ScoreTruthParams = { volatility: 0.38, jumpProbability: 0.01, jumpSize: 2.5 };

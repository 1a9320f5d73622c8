import type { Rng } from '../../core/rng.js';
import { metropolisHastings, summarizeDraws, type PosteriorSummary } from '../mcmc.js';
import { nelderMead } from '../optimize.js';
import { kouLogDensityOf, kouTerms, type KouParams } from './kou.js';
import { mertonLogDensityOf, mertonTerms, type MertonParams } from './merton.js';

function centralMoments(x: ArrayLike<number>): { mean: number; m2: number; m3: number; m4: number; m6: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let m6 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    m6 += d2 * d2 * d2;
  }
  return { mean, m2: m2 / n, m3: m3 / n, m4: m4 / n, m6: m6 / n };
}

/**
 * Method of moments for Merton with symmetric jumps (μ_J = 0): the increment cumulants are
 * κ2 = (σ² + λσ_J²)dt, κ4 = 3λσ_J⁴dt, κ6 = 15λσ_J⁶dt, so σ_J² = κ6 / (5κ4), λ = κ4 / (3σ_J⁴dt),
 * σ² = κ2/dt − λσ_J², μ = mean/dt. Sample cumulants from central moments: κ4 = m4 − 3m2²,
 * κ6 = m6 − 15m4m2 − 10m3² + 30m2³. Needs a long sample (κ6 is noisy); returns NaN where undefined.
 */
export function calibrateMertonMoments(increments: ArrayLike<number>, dt = 1): MertonParams {
  const { mean, m2, m3, m4, m6 } = centralMoments(increments);
  const k4 = m4 - 3 * m2 * m2;
  const k6 = m6 - 15 * m4 * m2 - 10 * m3 * m3 + 30 * m2 ** 3;
  if (!(k4 > 0 && k6 > 0)) return { mu: mean / dt, sigma: Math.sqrt(m2 / dt), lambda: Number.NaN, jumpMean: 0, jumpSd: Number.NaN };
  const sj2 = k6 / (5 * k4);
  const lambda = k4 / (3 * sj2 * sj2 * dt);
  const s2 = m2 / dt - lambda * sj2;
  return { mu: mean / dt, sigma: s2 > 0 ? Math.sqrt(s2) : Number.NaN, lambda, jumpMean: 0, jumpSd: Math.sqrt(sj2) };
}

const toMerton = (t: readonly number[]): MertonParams => ({
  mu: t[0]!,
  sigma: Math.exp(t[1]!),
  lambda: Math.exp(t[2]!),
  jumpMean: t[3]!,
  jumpSd: Math.exp(t[4]!),
});
const fromMerton = (p: MertonParams): number[] => [p.mu, Math.log(p.sigma), Math.log(p.lambda), p.jumpMean, Math.log(p.jumpSd)];

export function mertonLogLikelihood(increments: ArrayLike<number>, params: MertonParams, dt = 1): number {
  const terms = mertonTerms(params, dt);
  let ll = 0;
  for (let i = 0; i < increments.length; i++) ll += mertonLogDensityOf(increments[i]!, terms);
  return ll;
}

function mertonStart(increments: ArrayLike<number>, dt: number, init?: MertonParams): MertonParams {
  if (init) return init;
  const mom = calibrateMertonMoments(increments, dt);
  const sd = Math.sqrt(centralMoments(increments).m2 / dt);
  const ok = (v: number) => Number.isFinite(v) && v > 0;
  return {
    mu: mom.mu,
    sigma: ok(mom.sigma) ? mom.sigma : 0.7 * sd,
    lambda: ok(mom.lambda) ? Math.min(mom.lambda, 0.5) : 0.05,
    jumpMean: 0,
    jumpSd: ok(mom.jumpSd) ? mom.jumpSd : 3 * sd,
  };
}

export interface MleResult<P> {
  readonly params: P;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Maximum likelihood for Merton's five parameters (Nelder–Mead on log-scales; started from the moments). */
export function calibrateMertonMle(increments: ArrayLike<number>, dt = 1, init?: MertonParams): MleResult<MertonParams> {
  const start = fromMerton(mertonStart(increments, dt, init));
  const r = nelderMead((t) => -mertonLogLikelihood(increments, toMerton(t), dt), start, { maxIterations: 3000 });
  return { params: toMerton(r.x), logLikelihood: -r.fx, iterations: r.iterations, converged: r.converged };
}

export interface McmcCalibration<P> {
  readonly posterior: Record<keyof P & string, PosteriorSummary>;
  readonly acceptanceRate: number;
  readonly samples: number;
}

/**
 * Bayesian calibration of Merton by Metropolis–Hastings on (μ, log σ, log λ, μ_J, log σ_J), flat priors on
 * that scale within wide bounds, started at the MLE. Posterior means, sds and 95% intervals are reported in
 * natural units.
 */
export function calibrateMertonMcmc(
  increments: ArrayLike<number>,
  options: { rng: Rng; dt?: number; samples?: number; burnIn?: number; init?: MertonParams },
): McmcCalibration<MertonParams> {
  const dt = options.dt ?? 1;
  const start = options.init ?? calibrateMertonMle(increments, dt).params;
  const inBounds = (t: number[]) => t[1]! > -12 && t[1]! < 5 && t[2]! > -12 && t[2]! < 3 && t[4]! > -12 && t[4]! < 5;
  const res = metropolisHastings(
    (t) => (inBounds(t) ? mertonLogLikelihood(increments, toMerton(t), dt) : Number.NEGATIVE_INFINITY),
    fromMerton(start),
    {
      samples: options.samples ?? 3000,
      burnIn: options.burnIn ?? 1000,
      proposalSd: [0.01, 0.02, 0.1, 0.05, 0.05],
      rng: options.rng,
    },
  );
  const draws = res.chain.map(toMerton);
  const pick = (k: keyof MertonParams) => summarizeDraws(draws.map((d) => d[k]));
  return {
    posterior: { mu: pick('mu'), sigma: pick('sigma'), lambda: pick('lambda'), jumpMean: pick('jumpMean'), jumpSd: pick('jumpSd') },
    acceptanceRate: res.acceptanceRate,
    samples: res.chain.length,
  };
}

const toKou = (t: readonly number[]): KouParams => ({
  mu: t[0]!,
  sigma: Math.exp(t[1]!),
  lambda: Math.exp(t[2]!),
  pUp: 1 / (1 + Math.exp(-t[3]!)),
  etaUp: Math.exp(t[4]!),
  etaDown: Math.exp(t[5]!),
});
const fromKou = (p: KouParams): number[] => [
  p.mu,
  Math.log(p.sigma),
  Math.log(p.lambda),
  Math.log(p.pUp / (1 - p.pUp)),
  Math.log(p.etaUp),
  Math.log(p.etaDown),
];

export function kouLogLikelihood(increments: ArrayLike<number>, params: KouParams, dt = 1): number {
  const terms = kouTerms(params, dt);
  let ll = 0;
  for (let i = 0; i < increments.length; i++) ll += kouLogDensityOf(increments[i]!, terms);
  return ll;
}

/** Maximum likelihood for Kou's six parameters (one-jump-per-step density; Nelder–Mead on transformed scales). */
export function calibrateKouMle(increments: ArrayLike<number>, dt = 1, init?: KouParams): MleResult<KouParams> {
  const sd = Math.sqrt(centralMoments(increments).m2 / dt);
  const start = init ?? { mu: 0, sigma: 0.8 * sd, lambda: 0.05, pUp: 0.5, etaUp: 1 / (3 * sd), etaDown: 1 / (3 * sd) };
  const r = nelderMead((t) => -kouLogLikelihood(increments, toKou(t), dt), fromKou(start), { maxIterations: 4000 });
  return { params: toKou(r.x), logLikelihood: -r.fx, iterations: r.iterations, converged: r.converged };
}

/** Metropolis–Hastings for Kou, as {@link calibrateMertonMcmc}. */
export function calibrateKouMcmc(
  increments: ArrayLike<number>,
  options: { rng: Rng; dt?: number; samples?: number; burnIn?: number; init?: KouParams },
): McmcCalibration<KouParams> {
  const dt = options.dt ?? 1;
  const start = options.init ?? calibrateKouMle(increments, dt).params;
  const ok = (t: number[]) =>
    t[1]! > -12 && t[1]! < 5 && t[2]! > -12 && t[2]! < 3 && Math.abs(t[3]!) < 12 && t[4]! > -8 && t[4]! < 8 && t[5]! > -8 && t[5]! < 8;
  const res = metropolisHastings((t) => (ok(t) ? kouLogLikelihood(increments, toKou(t), dt) : Number.NEGATIVE_INFINITY), fromKou(start), {
    samples: options.samples ?? 3000,
    burnIn: options.burnIn ?? 1000,
    proposalSd: [0.01, 0.02, 0.1, 0.1, 0.05, 0.05],
    rng: options.rng,
  });
  const draws = res.chain.map(toKou);
  const pick = (k: keyof KouParams) => summarizeDraws(draws.map((d) => d[k]));
  return {
    posterior: {
      mu: pick('mu'),
      sigma: pick('sigma'),
      lambda: pick('lambda'),
      pUp: pick('pUp'),
      etaUp: pick('etaUp'),
      etaDown: pick('etaDown'),
    },
    acceptanceRate: res.acceptanceRate,
    samples: res.chain.length,
  };
}

import type { Rng } from '../core/rng.js';

export interface McmcResult {
  /** Kept draws (after burn-in), each a parameter vector. */
  readonly chain: number[][];
  /** Share of proposals accepted after burn-in. */
  readonly acceptanceRate: number;
  /** Proposal standard deviations after burn-in adaptation. */
  readonly proposalSd: number[];
}

/**
 * Random-walk Metropolis–Hastings (Metropolis et al. 1953; Hastings 1970) with Gaussian proposals.
 * During burn-in each coordinate's proposal scale is tuned every 100 iterations towards a ~30%
 * acceptance rate; after burn-in the proposal is fixed, so the kept chain is a valid MH chain.
 * All randomness comes from `rng`.
 */
export function metropolisHastings(
  logPosterior: (theta: number[]) => number,
  theta0: readonly number[],
  options: { samples: number; burnIn: number; proposalSd?: readonly number[]; rng: Rng },
): McmcResult {
  const { samples, burnIn, rng } = options;
  const d = theta0.length;
  const sd = options.proposalSd ? [...options.proposalSd] : new Array<number>(d).fill(0.1);
  let theta = [...theta0];
  let lp = logPosterior(theta);
  if (!Number.isFinite(lp)) throw new RangeError('metropolisHastings: the starting point has zero posterior density');
  const chain: number[][] = [];
  let accepted = 0;
  let windowAcc = 0;
  for (let it = 0; it < burnIn + samples; it++) {
    const proposal = theta.map((v, i) => v + sd[i]! * rng.normal());
    const lq = logPosterior(proposal);
    if (Number.isFinite(lq) && Math.log(rng.float()) < lq - lp) {
      theta = proposal;
      lp = lq;
      if (it >= burnIn) accepted++;
      windowAcc++;
    }
    if (it < burnIn && (it + 1) % 100 === 0) {
      const rate = windowAcc / 100;
      for (let i = 0; i < d; i++) sd[i] = sd[i]! * Math.exp(rate - 0.3);
      windowAcc = 0;
    }
    if (it >= burnIn) chain.push([...theta]);
  }
  return { chain, acceptanceRate: accepted / samples, proposalSd: sd };
}

export interface PosteriorSummary {
  readonly mean: number;
  readonly sd: number;
  readonly q025: number;
  readonly q975: number;
}

/** Mean, standard deviation and 95% equal-tailed interval of each coordinate of `draws`. */
export function summarizeDraws(draws: readonly number[]): PosteriorSummary {
  const n = draws.length;
  const mean = draws.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  const sorted = [...draws].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))))]!;
  return { mean, sd, q025: q(0.025), q975: q(0.975) };
}

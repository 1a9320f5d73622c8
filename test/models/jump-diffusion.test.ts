import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import {
  calibrateKouMcmc,
  calibrateKouMle,
  calibrateMertonMcmc,
  calibrateMertonMle,
  calibrateMertonMoments,
  kouLogDensity,
  kouLogLikelihood,
  mertonCumulants,
  mertonLogDensity,
  mertonLogLikelihood,
  nelderMead,
  simulateKou,
  simulateMerton,
} from '../../src/models/index.js';

/** A value computed on first use and shared by the tests that need it (the fits below take seconds each). */
const once = <T>(f: () => T): (() => T) => {
  let v: { value: T } | undefined;
  return () => (v ??= { value: f() }).value;
};

const within = (x: number, target: number, rel: number) =>
  expect(Math.abs(x - target) / Math.abs(target), `${x} vs ${target}`).toBeLessThan(rel);

describe('Nelder–Mead', () => {
  it('finds the Rosenbrock minimum (1, 1)', () => {
    const r = nelderMead(([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2, [-1.2, 1], { maxIterations: 5000 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });
});

describe('Merton jump diffusion', () => {
  const truth = { mu: 0.001, sigma: 0.05, lambda: 0.05, jumpMean: 0, jumpSd: 0.5 };
  const path = simulateMerton(truth, { steps: 8000, x0: 0, rng: Rng.derive(11, 'merton') });
  // the MLE, and the chain's start: computed once (MCMC would otherwise fit it again; the test below shows it starts there)
  const mle = once(() => calibrateMertonMle(path.increments));

  it('keeps the probability in (0, 1) and is reproducible from the seed', () => {
    expect(Math.min(...path.probability)).toBeGreaterThan(0);
    expect(Math.max(...path.probability)).toBeLessThan(1);
    expect(simulateMerton(truth, { steps: 50, rng: Rng.derive(11, 'merton') }).increments).toEqual(path.increments.slice(0, 50));
  });

  it('has a density that integrates to 1 and cumulants that match the simulation', () => {
    let area = 0;
    for (let x = -4; x <= 4; x += 0.0005) area += Math.exp(mertonLogDensity(x, truth)) * 0.0005;
    expect(area).toBeCloseTo(1, 3);
    const [k1, k2] = mertonCumulants(truth);
    const m = path.increments.reduce((a, b) => a + b, 0) / path.increments.length;
    const v = path.increments.reduce((s, x) => s + (x - m) ** 2, 0) / path.increments.length;
    expect(m).toBeCloseTo(k1, 2);
    within(v, k2, 0.15); // k2 = σ² + λσ_J² = 0.0025 + 0.0125
  });

  it('method of moments recovers σ, λ and σ_J roughly (tolerance 50%: κ6 is noisy)', () => {
    const mom = calibrateMertonMoments(path.increments);
    within(mom.sigma, truth.sigma, 0.5);
    within(mom.lambda, truth.lambda, 0.5);
    within(mom.jumpSd, truth.jumpSd, 0.5);
  });

  it('maximum likelihood recovers the parameters (σ within 5%, λ and σ_J within 20%)', () => {
    const { converged, params } = mle();
    expect(converged).toBe(true);
    within(params.sigma, truth.sigma, 0.05);
    within(params.lambda, truth.lambda, 0.2);
    within(params.jumpSd, truth.jumpSd, 0.2);
    expect(Math.abs(params.jumpMean)).toBeLessThan(0.1);
  });

  it('Metropolis–Hastings: a sensible acceptance rate and 95% intervals that cover the truth', () => {
    const mc = calibrateMertonMcmc(path.increments, { rng: Rng.derive(12, 'mcmc'), samples: 1200, burnIn: 600, init: mle().params });
    expect(mc.acceptanceRate).toBeGreaterThan(0.1);
    expect(mc.acceptanceRate).toBeLessThan(0.6);
    for (const k of ['sigma', 'lambda', 'jumpSd'] as const) {
      const p = mc.posterior[k];
      expect(p.q025, k).toBeLessThan(truth[k] * 1.1);
      expect(p.q975, k).toBeGreaterThan(truth[k] * 0.9);
      within(p.mean, truth[k], 0.25);
    }
  });
});

describe('Kou double-exponential jump diffusion', () => {
  const truth = { mu: 0, sigma: 0.05, lambda: 0.04, pUp: 0.3, etaUp: 3, etaDown: 1.5 };
  const path = simulateKou(truth, { steps: 8000, rng: Rng.derive(21, 'kou') });
  const mle = once(() => calibrateKouMle(path.increments));

  it('has a density that integrates to 1', () => {
    let area = 0;
    for (let x = -8; x <= 8; x += 0.0005) area += Math.exp(kouLogDensity(x, truth)) * 0.0005;
    expect(area).toBeCloseTo(1, 3);
  });

  it('maximum likelihood recovers the asymmetric jumps', () => {
    const { params } = mle();
    within(params.sigma, truth.sigma, 0.05);
    within(params.lambda, truth.lambda, 0.3);
    within(params.pUp, truth.pUp, 0.3);
    within(params.etaUp, truth.etaUp, 0.3);
    within(params.etaDown, truth.etaDown, 0.3);
  });

  it('MCMC posterior covers the jump intensity', () => {
    const mc = calibrateKouMcmc(path.increments, { rng: Rng.derive(22, 'kmc'), samples: 800, burnIn: 400, init: mle().params });
    expect(mc.acceptanceRate).toBeGreaterThan(0.05);
    expect(mc.posterior.lambda.q025).toBeLessThan(truth.lambda * 1.15);
    expect(mc.posterior.lambda.q975).toBeGreaterThan(truth.lambda * 0.85);
  });
});

describe('log-likelihoods', () => {
  // the likelihoods compute the parameters' constants once per sample: each must equal, to the last bit, the sum of
  // the densities written out term by term from their definitions (as the code computed them before)
  const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  const merton = (dx: number, p: { mu: number; sigma: number; lambda: number; jumpMean: number; jumpSd: number }) => {
    let total = 0;
    let logPois = -p.lambda;
    for (let k = 0; k < 50; k++) {
      if (k > 0) logPois += Math.log(p.lambda) - Math.log(k);
      const v = p.sigma * p.sigma + k * p.jumpSd * p.jumpSd;
      const m = p.mu + k * p.jumpMean;
      total += Math.exp(logPois - LOG_SQRT_2PI - 0.5 * Math.log(v) - ((dx - m) * (dx - m)) / (2 * v));
      if (k > p.lambda && logPois < Math.log(1e-12)) break;
    }
    return Math.log(total);
  };
  const increments = simulateMerton(
    { mu: 0.001, sigma: 0.05, lambda: 0.05, jumpMean: 0, jumpSd: 0.5 },
    { steps: 300, rng: Rng.derive(41, 'merton') },
  ).increments;
  const sum = (f: (x: number) => number) => Array.from(increments).reduce((s, x) => s + f(x), 0);

  it('Merton: the sum of the term-by-term densities, bit for bit, also where many jump terms count', () => {
    for (const p of [
      { mu: 0.001, sigma: 0.05, lambda: 0.05, jumpMean: 0, jumpSd: 0.5 },
      { mu: -0.02, sigma: 0.2, lambda: 3, jumpMean: 0.1, jumpSd: 0.05 },
      { mu: 0, sigma: 0.01, lambda: 1e-6, jumpMean: -1, jumpSd: 2 },
    ]) {
      expect(mertonLogLikelihood(increments, p)).toBe(sum((x) => merton(x, p)));
      expect(mertonLogDensity(0.3, p)).toBe(merton(0.3, p));
    }
  });

  it('Kou: the sum of its densities, bit for bit', () => {
    for (const p of [
      { mu: 0, sigma: 0.05, lambda: 0.04, pUp: 0.3, etaUp: 3, etaDown: 1.5 },
      { mu: 0.01, sigma: 0.3, lambda: 0.5, pUp: 0.9, etaUp: 0.5, etaDown: 20 },
    ])
      expect(kouLogLikelihood(increments, p)).toBe(sum((x) => kouLogDensity(x, p)));
  });
});

describe('Bayesian calibration', () => {
  // the tests above hand each chain its MLE; left out, the chain must start there itself (400 steps: a quick fit)
  it('starts each chain at the maximum-likelihood estimate unless told where', () => {
    const merton = simulateMerton(
      { mu: 0, sigma: 0.05, lambda: 0.05, jumpMean: 0, jumpSd: 0.5 },
      { steps: 400, rng: Rng.derive(31, 'merton') },
    );
    const kou = simulateKou(
      { mu: 0, sigma: 0.05, lambda: 0.04, pUp: 0.3, etaUp: 3, etaDown: 1.5 },
      { steps: 400, rng: Rng.derive(32, 'kou') },
    );
    const chain = { samples: 30, burnIn: 0 };
    const m = calibrateMertonMle(merton.increments).params;
    expect(calibrateMertonMcmc(merton.increments, { rng: Rng.derive(1, 'a'), ...chain })).toEqual(
      calibrateMertonMcmc(merton.increments, { rng: Rng.derive(1, 'a'), ...chain, init: m }),
    );
    expect(calibrateMertonMcmc(merton.increments, { rng: Rng.derive(1, 'a'), ...chain })).not.toEqual(
      calibrateMertonMcmc(merton.increments, { rng: Rng.derive(1, 'a'), ...chain, init: { ...m, sigma: m.sigma * 1.5 } }),
    );
    const k = calibrateKouMle(kou.increments).params;
    expect(calibrateKouMcmc(kou.increments, { rng: Rng.derive(2, 'b'), ...chain })).toEqual(
      calibrateKouMcmc(kou.increments, { rng: Rng.derive(2, 'b'), ...chain, init: k }),
    );
  });
});

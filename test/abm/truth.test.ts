import { describe, expect, it } from 'vitest';
import { recordedTruthPath, scoreForProbability, scoreTruthPath, winProbability, type ScoreTruthParams } from '../../src/abm/index.js';
import { Rng } from '../../src/core/rng.js';
import { calibrationByHorizon } from '../../src/facts/index.js';

const params: ScoreTruthParams = { volatility: 0.6, jumpProbability: 0.04, jumpSize: 4.5 };

describe('the score truth process', () => {
  it('without jumps, p = Φ(score / (σ√k))', () => {
    // scipy.stats.norm.cdf(3 / (0.5 * 10)) = 0.7257468822499265; norm.cdf(-1 / (0.5 * 2)) = 0.15865525393145707
    expect(winProbability(3, 100, { volatility: 0.5, jumpProbability: 0, jumpSize: 0 })).toBeCloseTo(0.7257468822499265, 12);
    expect(winProbability(-1, 4, { volatility: 0.5, jumpProbability: 0, jumpSize: 3 })).toBeCloseTo(0.15865525393145707, 12);
    expect(winProbability(2, 0, params)).toBe(1);
    expect(winProbability(-2, 0, params)).toBe(0);
    expect(winProbability(0, 0, params)).toBe(0.5);
  });

  it('with jumps, matches the binomial mixture computed independently', () => {
    // python3: from scipy.stats import binom, norm; k=50; sum(binom.pmf(n,k,0.04)*norm.cdf(2/np.sqrt(k*0.36+n*4.5**2)) for n in range(k+1))
    expect(winProbability(2, 50, params)).toBeCloseTo(0.6134141515200685, 10);
    // and a Monte Carlo of the same process (200,000 endings; 4 standard errors ≈ 0.0044)
    const rng = Rng.fromSeed(3);
    let wins = 0;
    const N = 200_000;
    for (let i = 0; i < N; i++) {
      let s = 2;
      for (let t = 0; t < 50; t++) {
        s += params.volatility * rng.normal();
        if (rng.float() < params.jumpProbability) s += params.jumpSize * rng.normal();
      }
      if (s > 0) wins++;
    }
    expect(Math.abs(wins / N - winProbability(2, 50, params))).toBeLessThan(0.0044);
  });

  it('inverts: the score for a probability gives that probability back', () => {
    for (const p of [0.05, 0.3, 0.5, 0.77, 0.98])
      expect(winProbability(scoreForProbability(p, 200, params), 200, params)).toBeCloseTo(p, 9);
  });

  it('a path starts at its initial probability and ends at its outcome, from its own stream', () => {
    const a = scoreTruthPath(0.3, 200, params, Rng.derive(1, 'truth', 0));
    const b = scoreTruthPath(0.3, 200, params, Rng.derive(1, 'truth', 0));
    expect(a.probabilities[0]).toBeCloseTo(0.3, 9);
    expect(a.probabilities[200]).toBe(a.outcome);
    expect(Array.from(a.probabilities)).toEqual(Array.from(b.probabilities));
    expect(Array.from(scoreTruthPath(0.3, 200, params, Rng.derive(2, 'truth', 0)).probabilities)).not.toEqual(Array.from(a.probabilities));
  });

  it('is a martingale probability: outcomes are calibrated on p_t at every horizon over 20,000 paths', () => {
    // the paths evolve exactly as scoreTruthPath's; p_t is evaluated only at the horizons tested
    const horizons = [0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 195];
    const life = 200;
    const paths = Array.from({ length: 20_000 }, (_, i) => {
      const rng = Rng.derive(7, 'truth-test', i);
      let score = scoreForProbability(rng.uniform(0.1, 0.9), life, params);
      const probabilities: number[] = [];
      for (let t = 0; t <= life; t++) {
        if (t > 0) {
          score += params.volatility * rng.normal();
          if (rng.float() < params.jumpProbability) score += params.jumpSize * rng.normal();
        }
        if (horizons.includes(t)) probabilities[t] = winProbability(score, life - t, params);
      }
      return { probabilities, outcome: score > 0 ? 1 : 0 };
    });
    const cal = calibrationByHorizon(paths, horizons);
    for (const h of cal)
      expect(
        h.calibrated,
        `step ${h.step}: slope ${h.regression.slope.value.toFixed(3)} CI [${h.slopeCi.map((x) => x.toFixed(3)).join(', ')}]`,
      ).toBe(true);
    // the intervals are tight enough to mean something: a slope of 0.9 would be outside every one of them
    for (const h of cal) expect(h.slopeCi[1] - h.slopeCi[0]).toBeLessThan(0.1);
  });

  it('scoreTruthPath shows p_t = winProbability(score_t, steps left) at every step', () => {
    const path = scoreTruthPath(0.62, 300, params, Rng.derive(4, 'truth', 1));
    for (let t = 0; t <= 300; t += 7) expect(path.probabilities[t]).toBe(winProbability(path.scores![t]!, 300 - t, params));
    expect(path.outcome).toBe(path.scores![300]! > 0 ? 1 : 0);
  });

  it('the calibration check fails a truth that is not a martingale (the old reflected logit walk)', () => {
    // the previous model: logit x reflected at ±4, Gaussian steps 0.03 + Bernoulli jumps, resolved YES with probability p_T
    const paths = Array.from({ length: 20_000 }, (_, i) => {
      const rng = Rng.derive(8, 'old-truth', i);
      let x = Math.log(0.5 / 0.5) + rng.uniform(-1.5, 1.5);
      const probabilities = new Float64Array(401);
      for (let t = 0; t <= 400; t++) {
        if (t > 0) {
          x += 0.03 * rng.normal();
          if (rng.float() < 0.005) x += 0.6 * rng.normal();
          while (x > 4 || x < -4) x = x > 4 ? 8 - x : -8 - x;
        }
        probabilities[t] = 1 / (1 + Math.exp(-x));
      }
      return { probabilities, outcome: rng.float() < probabilities[400]! ? 1 : 0 };
    });
    const cal = calibrationByHorizon(paths, [0, 100, 200, 300]);
    expect(cal.some((h) => !h.calibrated)).toBe(true);
    expect(cal[0]!.regression.slope.value).toBeLessThan(0.95);
  });
});

describe('recorded win-probability paths', () => {
  it('spread the plays over the market’s life and end at the result', () => {
    const p = recordedTruthPath([0.5, 0.6, 0.4, 0.9], 1, 7, 'nfl:test');
    expect(Array.from(p.probabilities)).toEqual([0.5, 0.5, 0.6, 0.6, 0.4, 0.4, 0.9, 1]);
    expect(p.outcome).toBe(1);
    expect(() => recordedTruthPath([0.5, 1.2], 1, 10, 'nfl:bad')).toThrow(/nfl:bad has a win probability of 1.2 at play 1/);
  });
});

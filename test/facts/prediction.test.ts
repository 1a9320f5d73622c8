import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { calibration } from '../../src/stats/index.js';
import { convergence, excessMovement, favouriteLongshotSlope, type ResolvedMarket } from '../../src/facts/index.js';

describe('calibration', () => {
  it('reliability table, ECE and Brier on a hand-computed example', () => {
    // bins of 0.1: {0.15, 0.15} → outcomes {0, 1}; {0.85, 0.85, 0.85, 0.85} → {1, 1, 1, 0}
    const f = [0.15, 0.15, 0.85, 0.85, 0.85, 0.85];
    const o = [0, 1, 1, 1, 1, 0];
    const c = calibration(f, o);
    // Brier = [0.15² + 0.85² + 3·0.15² + 0.85²]/6 = (0.0225·4 + 0.7225·2)/6 = 0.255833…
    expect(c.brier).toBeCloseTo(1.535 / 6, 12);
    // ECE = 2/6·|0.15−0.5| + 4/6·|0.85−0.75| = 0.11667 + 0.06667
    expect(c.ece).toBeCloseTo((2 / 6) * 0.35 + (4 / 6) * 0.1, 12);
    expect(c.table.filter((b) => b.n > 0).map((b) => [b.n, b.observed])).toEqual([
      [2, 0.5],
      [4, 0.75],
    ]);
    // Murphy: forecasts are constant within bins, so Brier = REL − RES + UNC exactly
    expect(c.reliability - c.resolution + c.uncertainty).toBeCloseTo(c.brier, 12);
  });

  it('rejects forecasts outside [0,1] and non-binary outcomes', () => {
    expect(() => calibration([1.2], [1])).toThrow(/probabilities in \[0,1\]/);
    expect(() => calibration([0.5], [2])).toThrow(/must be 0 or 1/);
  });
});

describe('favourite–longshot slope', () => {
  it('is ≈1 for calibrated prices and > 1 when favourites are underpriced', () => {
    const rng = Rng.derive(3, 'flb');
    const p = Array.from({ length: 20000 }, () => rng.uniform(0.05, 0.95));
    const calibrated = p.map((x) => (rng.float() < x ? 1 : 0));
    const s = favouriteLongshotSlope(p, calibrated);
    expect(s.ci[0]).toBeLessThan(1);
    expect(s.ci[1]).toBeGreaterThan(1);
    // true win probability steeper than the price: q = 0.5 + 1.3 (p − 0.5)
    const biased = p.map((x) => (rng.float() < Math.min(1, Math.max(0, 0.5 + 1.3 * (x - 0.5))) ? 1 : 0));
    expect(favouriteLongshotSlope(p, biased).ci[0]).toBeGreaterThan(1);
  });
});

describe('Augenblick–Rabin excess movement and convergence', () => {
  /** Bayesian (martingale) price paths: p_t = P(outcome | signals so far); outcome drawn at the start. */
  function martingaleMarkets(n: number, noisy: number, seed: number): ResolvedMarket[] {
    const rng = Rng.derive(seed, 'ar');
    const out: ResolvedMarket[] = [];
    for (let i = 0; i < n; i++) {
      const outcome = rng.float() < 0.5 ? 1 : 0;
      let logOdds = 0;
      const prices: number[] = [];
      for (let t = 0; t < 50; t++) {
        // each signal has likelihood ratio e^{±0.2}: Bayes adds ±0.2 to the log-odds
        logOdds += (rng.float() < 0.55 ? 1 : -1) * (outcome ? 0.2 : -0.2);
        const p = 1 / (1 + Math.exp(-logOdds));
        prices.push(Math.min(0.999, Math.max(0.001, p + noisy * rng.normal())));
      }
      out.push({ prices: [0.5, ...prices], outcome });
    }
    return out;
  }

  it('finds no excess movement in Bayesian price paths, and excess movement in noisy ones', () => {
    const rational = excessMovement(martingaleMarkets(2000, 0, 1));
    expect(Math.abs(rational.z)).toBeLessThan(3);
    expect(Math.abs(rational.excess)).toBeLessThan(0.1);
    const noisy = excessMovement(martingaleMarkets(2000, 0.08, 2));
    expect(noisy.excess).toBeGreaterThan(0.3);
    expect(noisy.p_value).toBeLessThan(1e-6);
  });

  it('prices move towards the outcome as resolution nears', () => {
    const c = convergence(martingaleMarkets(300, 0, 4));
    expect(c.spearman).toBeLessThan(-0.9);
    expect(c.last).toBeLessThan(c.first);
  });
});

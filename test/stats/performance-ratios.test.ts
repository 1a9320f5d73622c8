import { describe, expect, it } from 'vitest';
import { drawdowns, sharpeRatio, sortinoRatio } from '../../src/stats/index.js';

// Ten weekly returns and 17 periods a year (an NFL season's weeks with results).
const r = [0.012, -0.034, 0.027, 0.005, -0.011, 0.041, -0.022, 0.0, 0.018, -0.007];

describe('Sharpe, Sortino and drawdown against independent computations', () => {
  it('Sharpe = mean / std(ddof=1) · √periods', () => {
    // numpy 1.24: np.mean(r) / np.std(r, ddof=1) * np.sqrt(17) = 0.5272357055931497 (empyrical's sharpe_ratio convention)
    expect(sharpeRatio(r, 17)).toBeCloseTo(0.5272357055931497, 12);
    // by hand: mean 0.0029, sample std 0.022678673290609883
    expect(sharpeRatio(r, 1)).toBeCloseTo(0.0029 / 0.022678673290609883, 12);
    expect(sharpeRatio([0.01], 17)).toBe(0);
    // two returns are enough: mean 0.02 / (√2 · 0.01) = √2 (by hand)
    expect(sharpeRatio([0.01, 0.03])).toBeCloseTo(Math.SQRT2, 14);
    expect(sharpeRatio([0.01, 0.01, 0.01], 17)).toBe(0);
  });

  it('Sortino = mean / √(mean of min(0, r)² over all n) · √periods', () => {
    // numpy 1.24: dd = np.sqrt(np.mean(np.square(np.clip(r, -np.inf, 0)))) = 0.01345362404707371;
    // np.mean(r) / dd * np.sqrt(17) = 0.8887572800053067 (empyrical's downside_risk / sortino_ratio convention)
    expect(sortinoRatio(r, 17)).toBeCloseTo(0.8887572800053067, 12);
    // a divisor of n − 1 (the old formula) would give a different number: the test tells them apart
    const nMinus1 = Math.sqrt(r.reduce((s, x) => s + Math.min(0, x) ** 2, 0) / (r.length - 1));
    expect(Math.abs(sortinoRatio(r, 17) - (0.0029 / nMinus1) * Math.sqrt(17))).toBeGreaterThan(0.04);
    expect(sortinoRatio([0.01, 0.02], 17)).toBe(0);
    expect(sortinoRatio([], 17)).toBe(0);
    // one negative return: mean −0.02 / √(0.02²) = −1 (by hand)
    expect(sortinoRatio([-0.02])).toBeCloseTo(-1, 14);
  });

  it('max drawdown and the longest run under water, by hand', () => {
    // start 1000; peaks 1100, 1200, 1210; the deepest trough 900 under 1200 → 1 − 900/1200 = 0.25
    // under water: 990, 1050 (2 points), 900, 950 (2), 1100 (1) → longest 2
    expect(drawdowns([1100, 990, 1050, 1200, 900, 950, 1210, 1100], 1000)).toEqual({ maxDrawdown: 0.25, longestUnderwater: 2 });
    // a fall right from the start counts against the starting value
    const fall = drawdowns([800, 900], 1000);
    expect(fall.maxDrawdown).toBeCloseTo(0.2, 15);
    expect(fall.longestUnderwater).toBe(2);
    expect(drawdowns([1000, 1100], 1000)).toEqual({ maxDrawdown: 0, longestUnderwater: 0 });
    // no positive peak to measure a fraction against (start 0, equity below it): under water, drawdown 0, not ∞
    expect(drawdowns([-5, -6], 0)).toEqual({ maxDrawdown: 0, longestUnderwater: 2 });
  });
});

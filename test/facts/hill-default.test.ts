import { describe, expect, it } from 'vitest';
import { hillTailIndex } from '../../src/facts/hill.js';

// Hill (1975): α̂ = k / Σ_{i<k} ln(X_(i) / X_(k)) over the k largest |x| (X_(0) the largest). The default sample
// size is k = max(10, ⌊0.05 n⌋). Expected values: python3 (math only) with
//   a = sorted(map(abs, xs), reverse=True); k / sum(log(a[i] / a[k]) for i in range(k))
describe('Hill tail index with its default sample size', () => {
  it('k = ⌊0.05 n⌋ on a long series: n = 400 → k = 20', () => {
    const xs = Array.from({ length: 400 }, (_, i) => i + 1);
    const h = hillTailIndex(xs);
    expect(h.k).toBe(20);
    // python3: 36.835571203172016 (k = 19 would give 38.74459445438321, k = 21 35.10006808825376)
    expect(h.alpha).toBeCloseTo(36.835571203172016, 10);
  });

  it('at least 10 on a short series, on absolute values: n = 100 → k = 10', () => {
    const xs = Array.from({ length: 100 }, (_, i) => -(i + 1));
    expect(hillTailIndex(xs)).toEqual({ k: 10, alpha: expect.closeTo(16.988334204548718, 10) });
    // n = 11: k = 10 is still below n (python3: 0.571353223132655); n = 10 leaves no threshold
    expect(hillTailIndex(Array.from({ length: 11 }, (_, i) => i + 1)).alpha).toBeCloseTo(0.571353223132655, 10);
    expect(() => hillTailIndex(Array.from({ length: 10 }, (_, i) => i + 1))).toThrow(
      /k must be a whole number in \[1, n−1\] \(n = 10\), got 10/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { morrisIndices, sobolIndices } from '../../src/experiments/sensitivity.js';

const params = [
  { name: 'a', min: 0, max: 1 },
  { name: 'b', min: 0, max: 1 },
];

describe('sensitivity estimators at their edges', () => {
  it('bootstrap resamples that happen to have no variance are left out of the interval, not sorted in as NaN', () => {
    // only row 3 varies: (3/4)^4 ≈ 32% of the resamples miss it and have V = 0
    const fA = [0, 0, 0, 5];
    const fB = [0, 0, 0, 5];
    const fAB = [1, 0, 0, 4];
    const [s] = sobolIndices([params[0]!], fA, fB, [fAB], { resamples: 500, seed: 3 });
    for (const v of [...s!.firstCi, ...s!.totalCi]) expect(Number.isFinite(v)).toBe(true);
    expect(s!.firstCi[0]).toBeLessThanOrEqual(s!.firstCi[1]);
    expect(s!.totalCi[0]).toBeLessThanOrEqual(s!.totalCi[1]);
  });

  it('a repeated base point (varied = null) inside a trajectory is skipped, not read as a step of some parameter', () => {
    const rows = [
      { trajectory: 0, step: 0, varied: null, unit: [0, 0] },
      { trajectory: 0, step: 1, varied: 'a', unit: [0.5, 0] },
      { trajectory: 0, step: 2, varied: null, unit: [0.5, 0] },
      { trajectory: 0, step: 3, varied: 'b', unit: [0.5, 0.5] },
    ];
    // by hand: EE_a = (3 − 1) / 0.5 = 4; EE_b = (10 − 3) / 0.5 = 14
    const idx = morrisIndices(params, rows, [1, 3, 3, 10]);
    expect(idx.map((i) => [i.parameter, i.mu, i.n])).toEqual([
      ['a', 4, 1],
      ['b', 14, 1],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import {
  fullFactorial,
  latinHypercube,
  morrisDesign,
  morrisIndices,
  oneAtATime,
  saltelliDesign,
  sobolIndices,
  type ParameterRange,
} from '../../src/experiments/index.js';

const PI = Math.PI;
const ishigamiParams: ParameterRange[] = [
  { name: 'x1', min: -PI, max: PI },
  { name: 'x2', min: -PI, max: PI },
  { name: 'x3', min: -PI, max: PI },
];
// Ishigami & Homma (1990), a = 7, b = 0.1: f = sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1.
const ishigami = (p: Record<string, number>) => Math.sin(p.x1!) + 7 * Math.sin(p.x2!) ** 2 + 0.1 * p.x3! ** 4 * Math.sin(p.x1!);

describe('designs', () => {
  it('full factorial enumerates every combination of levels', () => {
    const pts = fullFactorial(
      [
        { name: 'a', min: 0, max: 1 },
        { name: 'b', min: 10, max: 30, integer: true },
      ],
      3,
    );
    expect(pts).toHaveLength(9);
    expect(pts.map((p) => p.b)).toEqual([10, 20, 30, 10, 20, 30, 10, 20, 30]);
  });

  it('Latin hypercube puts exactly one point in each stratum of each parameter', () => {
    const pts = latinHypercube(ishigamiParams, 20, Rng.derive(1, 'lhs'));
    for (const p of ishigamiParams) {
      const strata = pts.map((x) => Math.floor(((x[p.name]! - p.min) / (p.max - p.min)) * 20)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
  });

  it('one-at-a-time varies a single parameter around the base', () => {
    const d = oneAtATime(ishigamiParams, { x1: 0, x2: 0, x3: 0 }, 3);
    expect(d).toHaveLength(1 + 3 * 3);
    for (const { point, varied } of d.slice(1)) for (const p of ishigamiParams) if (p.name !== varied) expect(point[p.name]).toBe(0);
  });
});

describe('Morris elementary effects', () => {
  it('recovers the slopes of a linear function: μ* = |coefficient| × range, σ = 0', () => {
    const params: ParameterRange[] = [
      { name: 'a', min: 0, max: 2 },
      { name: 'b', min: 0, max: 10 },
      { name: 'c', min: 0, max: 1 },
    ];
    const rows = morrisDesign(params, 10, Rng.derive(2, 'morris'));
    const y = rows.map((r) => 3 * r.point.a! - 0.5 * r.point.b! + 0 * r.point.c!);
    const idx = morrisIndices(params, rows, y);
    expect(idx.map((i) => i.muStar)).toEqual([expect.closeTo(6, 9), expect.closeTo(5, 9), expect.closeTo(0, 9)]);
    expect(idx[1]!.mu).toBeCloseTo(-5, 9);
    for (const i of idx) expect(i.sigma).toBeCloseTo(0, 9);
  });

  it('ranks the Ishigami inputs (x3 has no effect alone, but interacts through x1)', () => {
    const rows = morrisDesign(ishigamiParams, 60, Rng.derive(3, 'morris'));
    const idx = morrisIndices(
      ishigamiParams,
      rows,
      rows.map((r) => ishigami(r.point)),
    );
    expect(idx.every((i) => i.muStar > 0.5)).toBe(true);
    expect(idx[2]!.sigma).toBeGreaterThan(0.5); // x3 acts only through its interaction with x1
  });
});

describe('Sobol indices (Saltelli sampling, Jansen estimator)', () => {
  it('match the Ishigami function’s analytic values (Ishigami & Homma 1990; Saltelli et al. 2008)', () => {
    // analytic: S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437
    const n = 8192;
    const d = saltelliDesign(ishigamiParams, n, Rng.derive(4, 'saltelli'));
    const idx = sobolIndices(
      ishigamiParams,
      d.A.map(ishigami),
      d.B.map(ishigami),
      d.AB.map((m) => m.map(ishigami)),
      { resamples: 200, seed: 1 },
    );
    const expected = [
      [0.3139, 0.5576],
      [0.4424, 0.4424],
      [0, 0.2437],
    ];
    idx.forEach((s, i) => {
      expect(s.first).toBeCloseTo(expected[i]![0]!, 1);
      expect(s.total).toBeCloseTo(expected[i]![1]!, 1);
      expect(s.firstCi[0]).toBeLessThan(expected[i]![0]! + 0.05);
      expect(s.firstCi[1]).toBeGreaterThan(expected[i]![0]! - 0.05);
    });
  });
});

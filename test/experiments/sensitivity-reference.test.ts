import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { morrisDesign, type ParameterRange } from '../../src/experiments/designs.js';
import { morrisIndices, sobolIndices } from '../../src/experiments/sensitivity.js';

/**
 * Morris and Sobol estimators against values computed independently (python3, exact fractions), on designs
 * small enough to check by hand. Each test pins lines of src/experiments/sensitivity.ts that a one-line
 * change would break: the σ formula, the direction of a step, trajectory boundaries, skipped outputs.
 */
const params: ParameterRange[] = [
  { name: 'a', min: 0, max: 1 },
  { name: 'b', min: 0, max: 1 },
];
const D = 2 / 3; // Δ = p / (2(p − 1)) for p = 4 levels
type Row = { trajectory: number; step: number; varied: string | null; unit: number[] };
const f = ([x1, x2]: number[]) => x1! * x1! + 3 * x1! * x2! - 2 * x2!;
// four trajectories; the last one steps down (−Δ), as Morris's original design allows
const rows: Row[] = [
  [
    [0, 0],
    ['a', [D, 0]],
    ['b', [D, D]],
  ],
  [
    [1 / 3, 0],
    ['b', [1 / 3, D]],
    ['a', [1, D]],
  ],
  [
    [0, 1 / 3],
    ['a', [D, 1 / 3]],
    ['b', [D, 1]],
  ],
  [
    [1, 1],
    ['a', [1 / 3, 1]],
    ['b', [1 / 3, 1 / 3]],
  ],
].flatMap((t, trajectory) => [
  { trajectory, step: 0, varied: null, unit: t[0] as number[] },
  ...(t.slice(1) as Array<[string, number[]]>).map(([varied, unit], s) => ({ trajectory, step: s + 1, varied, unit })),
]);

describe('Morris μ, μ*, σ against an independent computation', () => {
  it('match python3 on a hand-made design with negative effects and a downward step', () => {
    // python3 (fractions.Fraction, statistics.stdev = sample sd, ddof = 1 as in SALib's morris.analyze):
    //   EE_a = [2/3, 10/3, 5/3, 13/3] → μ = 2.5, μ* = 2.5, σ = 1.644294287438749
    //   EE_b = [0, −1, 0, −1]         → μ = −0.5, μ* = 0.5, σ = 0.5773502691896257
    // σ is the sd around μ (around μ* it would be 1.29; the population sd would be 0.5).
    const idx = morrisIndices(
      params,
      rows,
      rows.map((r) => f(r.unit)),
    );
    expect(idx.map((i) => i.parameter)).toEqual(['a', 'b']);
    expect(idx[0]!.mu).toBeCloseTo(2.5, 12);
    expect(idx[0]!.muStar).toBeCloseTo(2.5, 12);
    expect(idx[0]!.sigma).toBeCloseTo(1.644294287438749, 12);
    expect(idx[1]!.mu).toBeCloseTo(-0.5, 12);
    expect(idx[1]!.muStar).toBeCloseTo(0.5, 12);
    expect(idx[1]!.sigma).toBeCloseTo(0.5773502691896257, 12);
    expect(idx.map((i) => i.n)).toEqual([4, 4]);
  });

  it('never pairs points of different trajectories, and skips non-finite outputs and zero steps', () => {
    const y = rows.map((r) => f(r.unit));
    // drop the base point of trajectory 2: its first step must not be paired with trajectory 1's last point
    const cut = rows.filter((r) => !(r.trajectory === 2 && r.step === 0));
    const yCut = y.filter((_, i) => !(rows[i]!.trajectory === 2 && rows[i]!.step === 0));
    const idx = morrisIndices(params, cut, yCut);
    expect(idx[0]!.n).toBe(3); // a's step in trajectory 2 is gone
    expect(idx[1]!.n).toBe(4); // b's step in trajectory 2 follows a's and stays
    expect(idx[0]!.mu).toBeCloseTo(25 / 9, 12); // mean of [2/3, 10/3, 13/3]
    // a design that starts with a step has no point to difference it with
    const headless = morrisIndices(params, rows.slice(1), y.slice(1));
    expect(headless.map((i) => i.n)).toEqual([3, 4]);
    // a NaN output removes both effects it takes part in
    const yNaN = y.map((v, i) => (i === 1 ? Number.NaN : v));
    const withNaN = morrisIndices(params, rows, yNaN);
    expect(withNaN.map((i) => i.n)).toEqual([3, 3]);
    expect(withNaN[0]!.mu).toBeCloseTo((10 / 3 + 5 / 3 + 13 / 3) / 3, 12);
    // a step that leaves its parameter where it was has no elementary effect (it would divide by zero)
    const flat: Row[] = [
      { trajectory: 0, step: 0, varied: null, unit: [0.2, 0.2] },
      { trajectory: 0, step: 1, varied: 'a', unit: [0.2, 0.2] },
    ];
    const none = morrisIndices(params, flat, [1, 2]);
    expect(none[0]!.n).toBe(0);
    expect(none[0]!.mu).toBeNaN();
    expect(none[0]!.muStar).toBeNaN();
    expect(none[0]!.sigma).toBeNaN();
  });

  it('σ needs two effects: one effect gives μ and μ* but σ = NaN', () => {
    const one = morrisIndices(
      params,
      rows.slice(0, 3),
      rows.slice(0, 3).map((r) => f(r.unit)),
    );
    expect(one[0]!.n).toBe(1);
    expect(one[0]!.mu).toBeCloseTo(2 / 3, 12);
    expect(one[0]!.sigma).toBeNaN();
    expect(one[1]!.muStar).toBe(0);
  });

  it('the design steps by Δ = p / (2(p − 1)) from grid points that keep every point inside the unit cube', () => {
    for (const levels of [4, 6]) {
      const delta = levels / (2 * (levels - 1));
      const d = morrisDesign(params, 20, Rng.derive(9, 'morris-grid'), levels);
      for (let i = 1; i < d.length; i++) {
        const r = d[i]!;
        if (r.varied === null) continue;
        const j = params.findIndex((p) => p.name === r.varied);
        expect(r.unit[j]! - d[i - 1]!.unit[j]!).toBeCloseTo(delta, 12);
        expect(r.unit.every((u) => u >= 0 && u <= 1 + 1e-12)).toBe(true);
      }
      expect(
        d.filter((r) => r.step === 0).every((r) => r.unit.every((u) => Number.isInteger(Math.round(u * (levels - 1) * 1e9) / 1e9))),
      ).toBe(true);
    }
  });
});

describe('Sobol estimators against an independent computation', () => {
  // python3: m = (ΣfA + ΣfB)/2N = 3.125, V = Σ(f − m)²/(2N − 1) = 4.625,
  //   S1 = (1/N) Σ (fB − m)(fAB − fA) / V = 0.30067567567567566, ST = (1/2N) Σ (fA − fAB)² / V = 0.16891891891891891
  const fA = [1, 4, 2, 7];
  const fB = [3, 0.5, 5, 2.5];
  const fAB = [2, 3.5, 4, 6];
  const gA = Array.from({ length: 12 }, (_, i) => Math.sin(i + 1) * 3 + i / 4);
  const gB = Array.from({ length: 12 }, (_, i) => Math.cos(2 * i) * 2 - i / 5);
  const gAB = gA.map((v, i) => v * 0.6 + gB[i]! * 0.3 + Math.sin(7 * i));

  it('first-order (Saltelli 2010, centered) and total (Jansen 1999) indices match python3 on N = 4', () => {
    const [s] = sobolIndices([params[0]!], fA, fB, [fAB], { resamples: 10 });
    expect(s!.first).toBeCloseTo(0.30067567567567566, 12);
    expect(s!.total).toBeCloseTo(0.16891891891891891, 12);
  });

  it('bootstrap CIs are the 2.5% and 97.5% percentiles of the estimates on resampled rows (seeded)', () => {
    // an independent bootstrap from the paper formulas, drawing rows from the same seeded stream
    const estimateOn =
      (fA: number[], fB: number[], fAB: number[]) =>
      (idx: number[]): [number, number] => {
        const m = idx.reduce((t, r) => t + fA[r]! + fB[r]!, 0) / (2 * idx.length);
        const v = idx.reduce((t, r) => t + (fA[r]! - m) ** 2 + (fB[r]! - m) ** 2, 0) / (2 * idx.length - 1);
        if (!(v > 0)) return [Number.NaN, Number.NaN];
        return [
          idx.reduce((t, r) => t + (fB[r]! - m) * (fAB[r]! - fA[r]!), 0) / idx.length / v,
          idx.reduce((t, r) => t + (fA[r]! - fAB[r]!) ** 2, 0) / (2 * idx.length) / v,
        ];
      };
    const reference = (seed: number, resamples: number, data = [fA, fB, fAB]) => {
      const estimate = estimateOn(data[0]!, data[1]!, data[2]!);
      const n = data[0]!.length;
      const rng = Rng.derive(seed, 'sobol-bootstrap');
      const s1: number[] = [];
      const st: number[] = [];
      for (let b = 0; b < resamples; b++) {
        const [x, t] = estimate(Array.from({ length: n }, () => rng.int(0, n - 1)));
        if (Number.isFinite(x)) s1.push(x);
        if (Number.isFinite(t)) st.push(t);
      }
      const pct = (xs: number[]) => {
        const s = [...xs].sort((p, q) => p - q);
        return [s[Math.floor(0.025 * (s.length - 1))], s[Math.ceil(0.975 * (s.length - 1))]];
      };
      return { first: pct(s1), total: pct(st) };
    };
    // equal up to summation order (the reference adds in a different order)
    const same = (ci: [number, number], ref: Array<number | undefined>) => ci.forEach((v, k) => expect(v).toBeCloseTo(ref[k]!, 12));
    const [def] = sobolIndices([params[0]!], fA, fB, [fAB]); // defaults: 500 resamples, seed 0
    same(def!.firstCi, reference(0, 500).first);
    same(def!.totalCi, reference(0, 500).total);
    const [seeded] = sobolIndices([params[0]!], gA, gB, [gAB], { resamples: 200, seed: 7 });
    // 12 rows: few ties among bootstrap estimates, so each order statistic is pinned
    same(seeded!.firstCi, reference(7, 200, [gA, gB, gAB]).first);
    same(seeded!.totalCi, reference(7, 200, [gA, gB, gAB]).total);
    const [other] = sobolIndices([params[0]!], gA, gB, [gAB], { resamples: 200, seed: 8 });
    expect(other!.firstCi).not.toEqual(seeded!.firstCi);
  });

  it('a constant output has no variance to share: indices and intervals are NaN', () => {
    const c = [2, 2, 2, 2];
    const [s] = sobolIndices([params[0]!], c, c, [c], { resamples: 20 });
    expect(s!.first).toBeNaN();
    expect(s!.total).toBeNaN();
    expect(s!.firstCi).toEqual([Number.NaN, Number.NaN]);
    expect(s!.totalCi).toEqual([Number.NaN, Number.NaN]);
  });

  it('each parameter is scored on its own A_B matrix', () => {
    const [first, second] = sobolIndices(params, fA, fB, [fAB, fA], { resamples: 10 });
    expect(first!.parameter).toBe('a');
    expect(second!.parameter).toBe('b');
    expect(second!.first).toBeCloseTo(0, 12); // A_B = A: no first-order or total effect
    expect(second!.total).toBeCloseTo(0, 12);
    expect(first!.total).toBeCloseTo(0.16891891891891891, 12);
  });
});

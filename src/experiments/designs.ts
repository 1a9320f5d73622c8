import type { Rng } from '../core/rng.js';

/** A named parameter (a dot path into the model config) with its range; integer ranges yield whole numbers. */
export interface ParameterRange {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

export type Point = Record<string, number>;

function scale(p: ParameterRange, u: number): number {
  const v = p.min + u * (p.max - p.min);
  return p.integer ? Math.round(v) : v;
}

/** Every combination of `levels` evenly spaced values per parameter (ends included). */
export function fullFactorial(params: readonly ParameterRange[], levels: number): Point[] {
  if (!(Number.isInteger(levels) && levels >= 2)) throw new RangeError(`fullFactorial: levels must be a whole number ≥ 2, got ${levels}`);
  let out: Point[] = [{}];
  for (const p of params) {
    const values = [...new Set(Array.from({ length: levels }, (_, i) => scale(p, i / (levels - 1))))];
    out = out.flatMap((pt) => values.map((v) => ({ ...pt, [p.name]: v })));
  }
  return out;
}

/** Latin hypercube sample of n points (McKay, Beckman & Conover 1979): one point per stratum of every parameter. */
export function latinHypercube(params: readonly ParameterRange[], n: number, rng: Rng): Point[] {
  const cols = params.map((p) => {
    const strata = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    return strata.map((s) => scale(p, (s + rng.float()) / n));
  });
  return Array.from({ length: n }, (_, i) => Object.fromEntries(params.map((p, j) => [p.name, cols[j]![i]!])));
}

/** One-at-a-time: the base point, then each parameter swept over `levels` values with the others at base. */
export function oneAtATime(params: readonly ParameterRange[], base: Point, levels: number): Array<{ point: Point; varied: string | null }> {
  const out: Array<{ point: Point; varied: string | null }> = [{ point: { ...base }, varied: null }];
  for (const p of params) {
    for (let i = 0; i < levels; i++)
      out.push({ point: { ...base, [p.name]: scale(p, levels === 1 ? 0.5 : i / (levels - 1)) }, varied: p.name });
  }
  return out;
}

/**
 * Morris (1991) elementary-effects design: r trajectories of k + 1 points on a p-level grid, each moving one
 * parameter at a time by Δ = p / (2(p − 1)) in a random order and direction (unit-cube coordinates kept, so
 * effects are per unit of the scaled range).
 */
export function morrisDesign(
  params: readonly ParameterRange[],
  trajectories: number,
  rng: Rng,
  levels = 4,
): Array<{ trajectory: number; step: number; varied: string | null; unit: number[]; point: Point }> {
  const k = params.length;
  const delta = levels / (2 * (levels - 1));
  const out: Array<{ trajectory: number; step: number; varied: string | null; unit: number[]; point: Point }> = [];
  const grid = Array.from({ length: levels }, (_, i) => i / (levels - 1)).filter((g) => g + delta <= 1 + 1e-12);
  for (let r = 0; r < trajectories; r++) {
    const x = params.map(() => rng.pick(grid));
    const order = rng.shuffle(params.map((_, i) => i));
    const emit = (step: number, varied: string | null) =>
      out.push({ trajectory: r, step, varied, unit: [...x], point: Object.fromEntries(params.map((p, i) => [p.name, scale(p, x[i]!)])) });
    emit(0, null);
    order.forEach((i, s) => {
      x[i] = x[i]! + delta; // start points sit low enough that +Δ stays inside the unit interval
      emit(s + 1, params[i]!.name);
    });
  }
  void k;
  return out;
}

/**
 * Saltelli's (2002, 2010) scheme for Sobol indices: two independent N × k matrices A and B of uniform points
 * (Latin-hypercube stratified) and, for each parameter i, A_B^(i) = A with column i taken from B. N(k + 2)
 * model runs in all.
 */
export function saltelliDesign(
  params: readonly ParameterRange[],
  n: number,
  rng: Rng,
): { A: Point[]; B: Point[]; AB: Point[][]; unitA: number[][]; unitB: number[][] } {
  const lhs = () => {
    const cols = params.map(() => rng.shuffle(Array.from({ length: n }, (_, i) => i)).map((s) => (s + rng.float()) / n));
    return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]!));
  };
  const uA = lhs();
  const uB = lhs();
  const toPoint = (u: number[]) => Object.fromEntries(params.map((p, j) => [p.name, scale(p, u[j]!)]));
  const AB = params.map((_, i) => uA.map((row, r) => toPoint(row.map((v, j) => (j === i ? uB[r]![j]! : v)))));
  return { A: uA.map(toPoint), B: uB.map(toPoint), AB, unitA: uA, unitB: uB };
}

import { z } from 'zod';
import type { Rng } from '../core/rng.js';

/**
 * A parameter given either as one value for every agent of a family, or as a range [min, max] from
 * which each agent draws its own value (uniformly, from its own stream) when it is created.
 */
export type Spread = number | readonly number[];

export function spread(lo: number, hi: number, opts: { int?: boolean; unit?: string } = {}) {
  const bounds = `must be in [${lo},${hi}]`;
  const one = (
    opts.int
      ? z.number().int({ error: `must be a whole number in [${lo},${hi}]` })
      : z.number({ error: `must be a number in [${lo},${hi}]` })
  )
    .min(lo, { error: bounds })
    .max(hi, { error: bounds });
  return (
    z
      // an array of length 2, not z.tuple: tslab's TypeScript 5.0 cannot infer zod 4's tuple types
      .union([one, z.array(one).length(2, { error: `must be a number or a range [min, max] within [${lo},${hi}]` })])
      .refine((v) => typeof v === 'number' || v[0]! <= v[1]!, { error: 'range must be [min, max] with min ≤ max' })
      .meta({ range: [lo, hi], integer: opts.int ?? false, perAgent: true })
  );
}

/** The value one agent uses: the number itself, or a uniform draw from the range. */
export function draw(value: Spread, rng: Rng, int = false): number {
  if (typeof value === 'number') return value;
  const lo = value[0]!;
  const hi = value[1]!;
  if (int) return rng.int(Math.ceil(lo), Math.floor(hi));
  return lo === hi ? lo : rng.uniform(lo, hi);
}

/** Midpoint of a spread, for summaries. */
export function center(value: Spread): number {
  return typeof value === 'number' ? value : (value[0]! + value[1]!) / 2;
}

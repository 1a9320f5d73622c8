import { parseModelConfig, type ModelConfig } from '../abm/config.js';
import { ValidationError } from '../core/errors.js';
import type { ParameterRange, Point } from './designs.js';

/** Set a dot path (`agents.informed.count`) in a plain config object, creating objects on the way. */
export function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  const keys = dotted.split('.');
  const out: Record<string, unknown> = structuredClone(obj);
  let cur = out;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) cur[k] = value;
    else {
      const next = cur[k];
      cur[k] = next && typeof next === 'object' && !Array.isArray(next) ? next : {};
      cur = cur[k] as Record<string, unknown>;
    }
  });
  return out;
}

/** The base config with a point's values applied, validated (errors name the parameter path). */
export function configAt(base: ModelConfig, point: Point): ModelConfig {
  let raw = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(point)) raw = setPath(raw, k, v);
  return parseModelConfig(raw, `experiment point ${JSON.stringify(point)}`);
}

/** Why `seed` is not a sweep parameter, and what to use instead. */
export const SEED_PARAM_HINT =
  "--param seed cannot be swept: each run's seed is set by the replicates (seeds base seed, base seed + 1, …); use --seeds N for N replicate seeds per point, and the config's seed (or omega simulate --seed) for the first one";

/**
 * Parse `--param agents.informed.count=10:40` (an integer range when both ends are whole numbers) and check
 * the path exists in the model config.
 */
export function parseParameter(spec: string, base: ModelConfig): ParameterRange {
  const m = /^([A-Za-z][\w.]*)=(-?[\d.]+(?:e-?\d+)?):(-?[\d.]+(?:e-?\d+)?)$/.exec(spec.trim());
  if (!m)
    throw new ValidationError(`--param ${JSON.stringify(spec)} must look like agents.informed.count=10:40 (a config path, =, min:max)`);
  const [, name, lo, hi] = m;
  if (name === 'seed') throw new ValidationError(SEED_PARAM_HINT);
  const min = Number(lo);
  const max = Number(hi);
  if (!(min < max)) throw new ValidationError(`--param ${name}: min (${lo}) must be below max (${hi})`);
  let cur: unknown = base;
  for (const k of name!.split('.')) {
    if (!cur || typeof cur !== 'object' || !(k in (cur as object)))
      throw new ValidationError(
        `--param ${name}: no such setting in the model config (check the path, e.g. agents.informed.signalQuality)`,
      );
    cur = (cur as Record<string, unknown>)[k];
  }
  const integer = Number.isInteger(min) && Number.isInteger(max) && !/\./.test(lo! + hi!);
  // validate both ends now, so a bad range fails before any run
  configAt(base, { [name!]: min });
  configAt(base, { [name!]: max });
  return { name: name!, min, max, integer };
}

import { z } from 'zod';
import { parseWith } from '../core/validation.js';

/** Parsers for CLI flag values: each failure names the flag and what it needs. */
export const intFlag = (flag: string, min = 0, max = Number.MAX_SAFE_INTEGER) => (value: string): number =>
  parseWith(
    z.coerce.number({ error: `must be a whole number` }).int({ error: `must be a whole number between ${min} and ${max}` }).min(min, { error: `must be a whole number between ${min} and ${max}` }).max(max, { error: `must be a whole number between ${min} and ${max}` }),
    value.trim() === '' ? Number.NaN : value,
    `value for ${flag} (${JSON.stringify(value)})`,
    flag,
  );

export const numberFlag = (flag: string, min = -Infinity, max = Infinity) => (value: string): number =>
  parseWith(
    z.coerce.number({ error: 'must be a number' }).refine((v) => Number.isFinite(v) && v >= min && v <= max, { error: `must be a number between ${min} and ${max}` }),
    value.trim() === '' ? Number.NaN : value,
    `value for ${flag} (${JSON.stringify(value)})`,
    flag,
  );

import { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import { parseDecimal } from '../core/numbers.js';
import type { CsvTable } from './csv.js';

/** A CSV cell that may be empty (or "NA"): undefined, else a number. */
export const optionalNumber = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '' || s === 'NA') return undefined;
    const v = parseDecimal(s);
    if (!Number.isFinite(v)) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not a number` });
      return z.NEVER;
    }
    return v;
  });

/** A required numeric cell. */
export const requiredNumber = z.string({ error: 'is missing' }).transform((s, ctx) => {
  const v = s === '' || s === 'NA' ? Number.NaN : parseDecimal(s);
  if (!Number.isFinite(v)) {
    ctx.addIssue({ code: 'custom', message: s === '' ? 'is empty but required' : `${JSON.stringify(s)} is not a number` });
    return z.NEVER;
  }
  return v;
});

export const requiredString = z.string({ error: 'is missing' }).min(1, { error: 'is empty but required' });

/** A required whole number in [min, max]. */
export const requiredWhole = (min: number, max: number) =>
  requiredNumber.refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: `must be a whole number in [${min}, ${max}]` });

/** An optional whole number ≥ 0 (a score, a count). */
export const optionalCount = optionalNumber.refine((v) => v === undefined || (Number.isInteger(v) && v >= 0), { error: 'must be a whole number ≥ 0' });

/** An optional American moneyline: ≤ −100 or ≥ +100 (a value in between, 0 included, is not a moneyline). */
export const optionalMoneyline = optionalNumber.refine((v) => v === undefined || Math.abs(v) >= 100, { error: 'is not an American moneyline (it must be ≤ −100 or ≥ +100)' });

/** A calendar date YYYY-MM-DD that exists (2021-02-30 does not). */
export const calendarDate = z
  .string({ error: 'is missing' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, { error: 'is not a real calendar date' });

/** An optional clock time HH:MM (24-hour). */
export const optionalClockTime = z
  .string()
  .optional()
  .refine((s) => s === undefined || s === '' || s === 'NA' || /^([01]?\d|2[0-3]):[0-5]\d$/.test(s), { error: 'must be a time HH:MM (00:00–23:59)' });

export interface RowIssue {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

export type OnInvalid = 'fail' | 'skip';

export interface Parsed<T> {
  readonly rows: T[];
  /** The file line of each row in `rows`. */
  readonly lines: number[];
  /** Rows left out because they failed validation (only with onInvalid: 'skip'). */
  readonly skipped: RowIssue[];
}

/**
 * Validate every row of a CSV table with a zod schema. A malformed row is reported with file, line and
 * column; with `onInvalid: 'fail'` (the default) the first one throws, with 'skip' it is counted and left out.
 */
export function parseRows<S extends z.ZodType>(table: CsvTable, schema: S, onInvalid: OnInvalid = 'fail'): Parsed<z.output<S>> {
  const rows: Array<z.output<S>> = [];
  const lines: number[] = [];
  const skipped: RowIssue[] = [];
  for (const { line, values } of table.rows) {
    const r = schema.safeParse(values);
    if (r.success) {
      rows.push(r.data);
      lines.push(line);
      continue;
    }
    const issue = r.error.issues[0]!;
    const column = String(issue.path[0] ?? '(row)');
    const raw = values[column];
    const message = raw === undefined || issue.message.includes(JSON.stringify(raw)) ? issue.message : `${JSON.stringify(raw)} ${issue.message}`;
    const rowIssue = rowProblem(table.file, line, column, message, onInvalid);
    skipped.push(rowIssue);
  }
  return { rows, lines, skipped };
}

/**
 * One bad row: with 'fail' a {@link ValidationError} naming file, line, column and value; with 'skip' the
 * issue to count. Also for checks across rows (a repeated id) that a row schema cannot make.
 */
export function rowProblem(file: string, line: number, column: string, message: string, onInvalid: OnInvalid): RowIssue {
  if (onInvalid === 'fail') {
    throw new ValidationError(`${file} line ${line}, column "${column}": ${message} (fix the row, or load with onInvalid: 'skip' / --skip-invalid to leave such rows out)`, [{ path: `${file}:${line}:${column}`, message }]);
  }
  return { file, line, column, message };
}

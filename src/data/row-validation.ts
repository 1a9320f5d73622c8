import { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import type { CsvTable } from './csv.js';

/** A CSV cell that may be empty (or "NA"): undefined, else a number. */
export const optionalNumber = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '' || s === 'NA') return undefined;
    const v = Number(s);
    if (!Number.isFinite(v)) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not a number` });
      return z.NEVER;
    }
    return v;
  });

/** A required numeric cell. */
export const requiredNumber = z.string({ error: 'is missing' }).transform((s, ctx) => {
  const v = s === '' || s === 'NA' ? Number.NaN : Number(s);
  if (!Number.isFinite(v)) {
    ctx.addIssue({ code: 'custom', message: s === '' ? 'is empty but required' : `${JSON.stringify(s)} is not a number` });
    return z.NEVER;
  }
  return v;
});

export const requiredString = z.string({ error: 'is missing' }).min(1, { error: 'is empty but required' });

export interface RowIssue {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

export type OnInvalid = 'fail' | 'skip';

export interface Parsed<T> {
  readonly rows: T[];
  /** Rows left out because they failed validation (only with onInvalid: 'skip'). */
  readonly skipped: RowIssue[];
}

/**
 * Validate every row of a CSV table with a zod schema. A malformed row is reported with file, line and
 * column; with `onInvalid: 'fail'` (the default) the first one throws, with 'skip' it is counted and left out.
 */
export function parseRows<S extends z.ZodType>(table: CsvTable, schema: S, onInvalid: OnInvalid = 'fail'): Parsed<z.output<S>> {
  const rows: Array<z.output<S>> = [];
  const skipped: RowIssue[] = [];
  for (const { line, values } of table.rows) {
    const r = schema.safeParse(values);
    if (r.success) {
      rows.push(r.data);
      continue;
    }
    const issue = r.error.issues[0]!;
    const column = String(issue.path[0] ?? '(row)');
    const rowIssue: RowIssue = { file: table.file, line, column, message: issue.message };
    if (onInvalid === 'fail') {
      throw new ValidationError(`${table.file} line ${line}, column "${column}": ${issue.message} (fix the row, or load with onInvalid: 'skip' / --skip-invalid to leave such rows out)`, [{ path: `${table.file}:${line}:${column}`, message: issue.message }]);
    }
    skipped.push(rowIssue);
  }
  return { rows, skipped };
}

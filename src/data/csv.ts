import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { ValidationError } from '../core/errors.js';

export interface CsvTable {
  readonly file: string;
  readonly columns: readonly string[];
  /** Rows as strings, keyed by column; `line` is the 1-based line number in the file. */
  readonly rows: ReadonlyArray<{ readonly line: number; readonly values: Readonly<Record<string, string>> }>;
}

/** Parse a CSV file with a header row (papaparse). Errors name the file and the line. */
export function readCsv(file: string, text?: string): CsvTable {
  let body: string;
  try {
    body = text ?? readFileSync(file, 'utf8');
  } catch (e) {
    throw new ValidationError(`cannot read CSV file ${file}: ${(e as Error).message}`);
  }
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() });
  // a one-column file has no delimiter to detect: that warning is not an error
  const fatal = parsed.errors.find((e) => e.code !== 'UndetectableDelimiter' && (e.type !== 'FieldMismatch' || e.code === 'TooManyFields'));
  if (fatal) throw new ValidationError(`${file} line ${(fatal.row ?? 0) + 2}: ${fatal.message}`, [{ path: `${file}:${(fatal.row ?? 0) + 2}`, message: fatal.message }]);
  const columns = parsed.meta.fields ?? [];
  if (columns.length === 0) throw new ValidationError(`${file} has no header row; the first line must name the columns`);
  return { file, columns, rows: parsed.data.map((values, i) => ({ line: i + 2, values })) };
}

/** One numeric column. Every cell must be a number; the error names file, line and column. */
export function numericColumn(table: CsvTable, column: string): number[] {
  if (!table.columns.includes(column)) {
    throw new ValidationError(`${table.file} has no column "${column}"; its columns are: ${table.columns.join(', ')}`, [{ path: column, message: 'unknown column' }]);
  }
  return table.rows.map(({ line, values }) => {
    const raw = (values[column] ?? '').trim();
    const v = raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(v)) {
      throw new ValidationError(`${table.file} line ${line}, column "${column}": ${JSON.stringify(raw)} is not a number (fix or remove the row)`, [{ path: `${table.file}:${line}:${column}`, message: 'not a number' }]);
    }
    return v;
  });
}

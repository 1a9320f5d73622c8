import { createReadStream, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { ValidationError } from '../core/errors.js';
import { parseDecimal } from '../core/numbers.js';

export interface CsvTable {
  readonly file: string;
  readonly columns: readonly string[];
  /** Rows as strings, keyed by column; `line` is the 1-based line number in the file. */
  readonly rows: ReadonlyArray<{ readonly line: number; readonly values: Readonly<Record<string, string>> }>;
}

/** A header naming one column twice would silently shadow data (papaparse renames it `x_1`): refuse it. */
function checkHeader(file: string, columns: readonly string[]): void {
  if (columns.length === 0 || columns.every((c) => c === '')) throw new ValidationError(`${file} has no header row; the first line must name the columns`);
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    const first = seen.get(c);
    if (first !== undefined) {
      throw new ValidationError(`${file} line 1: the header names column ${JSON.stringify(c)} twice (columns ${first + 1} and ${i + 1}); rename or remove one`, [{ path: `${file}:1:${c}`, message: 'duplicate column' }]);
    }
    seen.set(c, i);
  });
}

/** Parse a CSV file with a header row (papaparse). Errors name the file and the line; duplicate column names are refused. */
export function readCsv(file: string, text?: string): CsvTable {
  let body: string;
  try {
    body = text ?? readFileSync(file, 'utf8');
  } catch (e) {
    throw new ValidationError(`cannot read CSV file ${file}: ${(e as Error).message}`);
  }
  const firstLine = body.slice(0, Math.max(0, body.indexOf('\n')) || body.length);
  checkHeader(file, Papa.parse<string[]>(firstLine, { header: false }).data[0]?.map((h) => h.trim()) ?? []);
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() });
  // a one-column file has no delimiter to detect: that warning is not an error
  const fatal = parsed.errors.find((e) => e.code !== 'UndetectableDelimiter' && (e.type !== 'FieldMismatch' || e.code === 'TooManyFields'));
  if (fatal) throw new ValidationError(`${file} line ${(fatal.row ?? 0) + 2}: ${fatal.message}`, [{ path: `${file}:${(fatal.row ?? 0) + 2}`, message: fatal.message }]);
  const columns = parsed.meta.fields ?? [];
  return { file, columns, rows: parsed.data.map((values, i) => ({ line: i + 2, values })) };
}

function notANumber(file: string, line: number, column: string, raw: string): ValidationError {
  const what = raw === '' ? 'is empty' : `${JSON.stringify(raw)} is not a number in decimal notation`;
  return new ValidationError(`${file} line ${line}, column "${column}": ${what} (fix or remove the row)`, [{ path: `${file}:${line}:${column}`, message: 'not a number' }]);
}

function unknownColumn(file: string, column: string, columns: readonly string[]): ValidationError {
  return new ValidationError(`${file} has no column "${column}"; its columns are: ${columns.join(', ')}`, [{ path: column, message: 'unknown column' }]);
}

/** One numeric column. Every cell must be a decimal number (`0x10`, `Infinity` and blanks are refused); the error names file, line and column. */
export function numericColumn(table: CsvTable, column: string): number[] {
  if (!table.columns.includes(column)) throw unknownColumn(table.file, column, table.columns);
  return table.rows.map(({ line, values }) => {
    const raw = (values[column] ?? '').trim();
    const v = parseDecimal(raw);
    if (!Number.isFinite(v)) throw notANumber(table.file, line, column, raw);
    return v;
  });
}

/**
 * One numeric column of a CSV file, streamed (papaparse over a file stream): memory grows with the column,
 * not with the file, so a million rows parse in about a second. Validates as {@link numericColumn}, and
 * also refuses duplicate header names and rows whose field count differs from the header's.
 */
export function readNumericColumn(file: string, column: string): Promise<{ values: number[]; lines: number[] }> {
  return new Promise((resolve, reject) => {
    let stream: ReturnType<typeof createReadStream>;
    try {
      stream = createReadStream(file, { encoding: 'utf8' });
    } catch (e) {
      reject(new ValidationError(`cannot read CSV file ${file}: ${(e as Error).message}`));
      return;
    }
    stream.on('error', (e) => reject(new ValidationError(`cannot read CSV file ${file}: ${e.message}`)));
    const values: number[] = [];
    const lines: number[] = [];
    let line = 0;
    let index = -1;
    let width = 0;
    let failed = false;
    const fail = (e: ValidationError, parser: Papa.Parser) => {
      failed = true;
      parser.abort();
      stream.destroy();
      reject(e);
    };
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      chunk: (results, parser) => {
        for (const row of results.data) {
          if (failed) return;
          line++;
          if (line === 1) {
            const columns = row.map((h) => h.trim());
            try {
              checkHeader(file, columns);
            } catch (e) {
              return fail(e as ValidationError, parser);
            }
            index = columns.indexOf(column);
            width = columns.length;
            if (index < 0) return fail(unknownColumn(file, column, columns), parser);
            continue;
          }
          if (row.length === 1 && row[0] === '') continue; // a blank line
          if (row.length !== width) return fail(new ValidationError(`${file} line ${line}: ${row.length} fields, but the header names ${width} (a truncated or corrupt line?)`, [{ path: `${file}:${line}`, message: 'field count' }]), parser);
          const raw = row[index]!.trim();
          const v = parseDecimal(raw);
          if (!Number.isFinite(v)) return fail(notANumber(file, line, column, raw), parser);
          values.push(v);
          lines.push(line);
        }
      },
      complete: () => {
        if (failed) return;
        if (line === 0) reject(new ValidationError(`${file} is empty; the first line must name the columns`));
        else resolve({ values, lines });
      },
      error: (e: Error) => !failed && reject(new ValidationError(`cannot read CSV file ${file}: ${e.message}`)),
    });
  });
}

import Papa from 'papaparse';
import { tableColumns, type TableLike } from './table.js';

/** CSV text (RFC 4180, header row) of a table, via papaparse; `header` as in tableColumns. */
export function toCsv(table: TableLike, header?: readonly string[]): string {
  const { columns, rows } = tableColumns(table, header);
  const text = Papa.unparse(
    { fields: columns, data: rows.map((r) => r.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))) },
    { newline: '\n' },
  );
  // papaparse ends a header-only table with its newline but a table with rows without one: one final newline either way
  return text.endsWith('\n') ? text : text + '\n';
}

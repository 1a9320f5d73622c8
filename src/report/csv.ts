import Papa from 'papaparse';
import { tableColumns, type TableLike } from './table.js';

/** CSV text (RFC 4180, header row) of a table, via papaparse. */
export function toCsv(table: TableLike): string {
  const { columns, rows } = tableColumns(table);
  return (
    Papa.unparse(
      { fields: columns, data: rows.map((r) => r.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))) },
      { newline: '\n' },
    ) + '\n'
  );
}

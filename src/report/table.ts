import type { DataFrame } from 'danfojs-node';
import { escapeHtml, formatCell } from './html.js';

export type Row = Record<string, unknown>;

/** Anything the report layer can show as a table. */
export type TableLike = readonly Row[] | DataFrame;

function isFrame(t: TableLike): t is DataFrame {
  return !Array.isArray(t) && typeof (t as DataFrame).columns !== 'undefined' && typeof (t as DataFrame).values !== 'undefined';
}

/**
 * Column names and rows of a table, whether it is an array of records or a danfojs DataFrame. `header` names the
 * columns of a record table up front, so a table with no rows still has its header (a CSV with no header row
 * cannot be told apart from a missing file); keys the rows add beyond it follow.
 */
export function tableColumns(table: TableLike, header: readonly string[] = []): { columns: string[]; rows: unknown[][] } {
  if (isFrame(table)) {
    const columns = table.columns.map(String);
    const values = (table.values as unknown[][]).map((r) => (Array.isArray(r) ? r : [r]));
    // show the index when it carries labels (describe(), groupby …), not when it is just 0, 1, 2 …
    const index = table.index as unknown[];
    if (index.some((v, i) => v !== i)) return { columns: ['', ...columns], rows: values.map((r, i) => [index[i], ...r]) };
    return { columns, rows: values };
  }
  const rows = table as readonly Row[];
  const columns: string[] = [...header];
  const seen = new Set<string>(header);
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}

export interface TableHtmlOptions {
  /** Show at most this many rows (default 200); the rest are summarized. */
  readonly maxRows?: number;
  readonly digits?: number;
  /** Column names shown even when the table has no rows (see tableColumns). */
  readonly header?: readonly string[];
}

/** An escaped `<table class="dataframe">` for notebooks (`tslab.display.html`) and reports. */
export function tableHtml(table: TableLike, options: TableHtmlOptions = {}): string {
  const { columns, rows } = tableColumns(table, options.header);
  const maxRows = options.maxRows ?? 200;
  const head = `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .slice(0, maxRows)
    .map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(formatCell(v, options.digits))}</td>`).join('')}</tr>`)
    .join('');
  const more = rows.length > maxRows ? `<tr><td colspan="${columns.length}">… ${rows.length - maxRows} more rows</td></tr>` : '';
  return `<table class="dataframe">${head}<tbody>${body}${more}</tbody></table>`;
}

/** Same as {@link tableHtml} for a danfojs DataFrame (the name notebooks look for). */
export function frameHtml(df: DataFrame, options: TableHtmlOptions = {}): string {
  return tableHtml(df, options);
}

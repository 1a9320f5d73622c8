import Table from 'cli-table3';
import { formatCell } from '../report/html.js';

/** A plain text table of records for the terminal (no colors, so logs stay readable). */
export function textTable(rows: ReadonlyArray<Record<string, unknown>>, title?: string): string {
  if (rows.length === 0) return title ? `${title}\n(none)` : '(none)';
  const head = Object.keys(rows[0]!);
  const t = new Table({ head, style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
  for (const r of rows) t.push(head.map((k) => formatCell(r[k], 6)));
  return (title ? `${title}\n` : '') + t.toString();
}

import path from 'node:path';
import { toCsv } from './csv.js';
import { writeFileSync } from 'node:fs';
import { writeFolderAtomic } from '../core/output-dir.js';
import { escapeHtml, formatCell } from './html.js';
import { figureHtml, plotlySourceCode, scriptJson, type Figure } from './plotly.js';
import type { FigureExporter } from './png.js';
import { tableHtml, type TableLike } from './table.js';

type Section =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; paragraphs: string[] }
  | { kind: 'table'; name: string; title: string; table: TableLike; note?: string; maxRows?: number; header?: readonly string[] }
  | { kind: 'figure'; name: string; title?: string; figure: Figure; note?: string }
  | { kind: 'html'; html: string }
  | { kind: 'data'; name: string; title: string; table: TableLike; header?: readonly string[] };

export interface ReportOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** Shown as a table at the top and written to metadata.json (run manifest, config, seed …). */
  readonly metadata?: Record<string, unknown>;
}

export interface WrittenReport {
  readonly dir: string;
  readonly html: string;
  readonly files: readonly string[];
}

const NAME = /^[a-z0-9][a-z0-9_-]*$/;

const CSS = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2733}
h1{margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #dde3ea;padding-bottom:.3rem}
.subtitle{color:#5a6b7d;margin-top:0}.note{color:#5a6b7d;font-size:.9rem}
table.dataframe{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
table.dataframe th,table.dataframe td{border:1px solid #dde3ea;padding:.25rem .5rem;text-align:right}
table.dataframe th{background:#f3f6f9}table.dataframe td:first-child,table.dataframe th:first-child{text-align:left}
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}.files{font-size:.85rem;color:#5a6b7d}`;

/**
 * A self-contained HTML report: title, run metadata, then sections of text, tables and charts.
 * plotly.js is inlined once, so the page draws with no network. `write(dir)` also puts every table
 * beside it as CSV and every figure as JSON (and, with an exporter, as PNG).
 */
export class Report {
  private readonly sections: Section[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly options: ReportOptions) {
    if (!options.title) throw new TypeError('Report: title is required');
  }

  heading(text: string): this {
    this.sections.push({ kind: 'heading', text });
    return this;
  }

  text(...paragraphs: string[]): this {
    this.sections.push({ kind: 'text', paragraphs });
    return this;
  }

  /** A table, written beside the report as `<name>.csv`; `header` keeps the columns of a table that may be empty. */
  table(
    name: string,
    table: TableLike,
    options: { title?: string; note?: string; maxRows?: number; header?: readonly string[] } = {},
  ): this {
    this.claim(name);
    const { note, maxRows, header } = options;
    this.sections.push({ kind: 'table', name, title: options.title ?? name, table, note, maxRows, header });
    return this;
  }

  /** A chart, written beside the report as `<name>.json` (and `<name>.png` when exporting). */
  figure(name: string, figure: Figure, options: { title?: string; note?: string } = {}): this {
    this.claim(name);
    this.sections.push({ kind: 'figure', name, title: options.title, figure, note: options.note });
    return this;
  }

  /** A table written beside the report as `<name>.csv` and linked from it, but not shown (large data). */
  data(name: string, table: TableLike, options: { title?: string; header?: readonly string[] } = {}): this {
    this.claim(name);
    this.sections.push({ kind: 'data', name, title: options.title ?? name, table, header: options.header });
    return this;
  }

  /** Raw, trusted HTML (for callers that build their own markup). */
  html(html: string): this {
    this.sections.push({ kind: 'html', html });
    return this;
  }

  get figures(): ReadonlyArray<{ name: string; figure: Figure }> {
    return this.sections.flatMap((s) => (s.kind === 'figure' ? [{ name: s.name, figure: s.figure }] : []));
  }

  /** The whole page as one string. */
  toHtml(): string {
    const { title, subtitle, metadata } = this.options;
    const parts: string[] = [];
    parts.push(`<h1>${escapeHtml(title)}</h1>`);
    if (subtitle) parts.push(`<p class="subtitle">${escapeHtml(subtitle)}</p>`);
    if (metadata && Object.keys(metadata).length > 0) {
      parts.push(`<h2>Run</h2>`, tableHtml(Object.entries(metadata).map(([key, value]) => ({ key, value: formatCell(value) }))));
    }
    for (const s of this.sections) {
      if (s.kind === 'heading') parts.push(`<h2>${escapeHtml(s.text)}</h2>`);
      else if (s.kind === 'text') parts.push(...s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`));
      else if (s.kind === 'html') parts.push(s.html);
      else if (s.kind === 'data') parts.push(`<p class="files">${escapeHtml(s.title)}: <a href="${s.name}.csv">${s.name}.csv</a></p>`);
      else if (s.kind === 'table') {
        parts.push(`<h3>${escapeHtml(s.title)}</h3>`, tableHtml(s.table, { maxRows: s.maxRows, header: s.header }));
        if (s.note) parts.push(`<p class="note">${escapeHtml(s.note)}</p>`);
        parts.push(`<p class="files">data: <a href="${s.name}.csv">${s.name}.csv</a></p>`);
      } else {
        if (s.title) parts.push(`<h3>${escapeHtml(s.title)}</h3>`);
        parts.push(figureHtml(s.figure, { id: `fig-${s.name}` }));
        if (s.note) parts.push(`<p class="note">${escapeHtml(s.note)}</p>`);
      }
    }
    return (
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      `<style>${CSS}</style><script type="text/javascript">${plotlySourceCode()}</script></head>` +
      `<body>${parts.join('\n')}<script type="application/json" id="omega-metadata">${scriptJson(metadata ?? {})}</script></body></html>`
    );
  }

  /**
   * Write the folder `dir`: report.html, metadata.json, `<table>.csv` and `<figure>.json` (and PNGs when given
   * an exporter), plus `files` (name → content) written beside them. The folder is written as a whole
   * (core/output-dir.ts): it replaces what was at `dir`, and a crash at any moment leaves the old folder or
   * the new one, never a mix.
   */
  async write(
    dir: string,
    options: { exporter?: FigureExporter; files?: Readonly<Record<string, string | Uint8Array>> } = {},
  ): Promise<WrittenReport> {
    const target = path.resolve(dir);
    const files: string[] = [];
    await writeFolderAtomic(target, async (staging) => {
      const put = (name: string, data: string | Uint8Array): void => {
        writeFileSync(path.join(staging, name), data);
        files.push(name);
      };
      for (const s of this.sections) {
        if (s.kind === 'table' || s.kind === 'data') put(`${s.name}.csv`, toCsv(s.table, s.header));
        if (s.kind === 'figure') put(`${s.name}.json`, JSON.stringify(s.figure));
      }
      if (options.exporter) {
        for (const { name, figure } of this.figures) put(`${name}.png`, await options.exporter.png(figure));
      }
      for (const [name, data] of Object.entries(options.files ?? {})) {
        if (name.includes('/') || name.includes('\\') || name.startsWith('.'))
          throw new TypeError(`Report.write: extra file name ${JSON.stringify(name)} must be a plain file name`);
        put(name, data);
      }
      put('metadata.json', JSON.stringify(this.options.metadata ?? {}, null, 2) + '\n');
      put('report.html', this.toHtml());
    });
    return { dir: target, html: path.join(target, 'report.html'), files };
  }

  private claim(name: string): void {
    if (!NAME.test(name))
      throw new TypeError(`Report: name ${JSON.stringify(name)} must be lower-case letters, digits, - or _ (it becomes a file name)`);
    if (this.names.has(name) || name === 'report' || name === 'metadata')
      throw new TypeError(`Report: name ${JSON.stringify(name)} is already used`);
    this.names.add(name);
  }
}

import { readFileSync } from 'node:fs';
import type { Config, Data, Layout } from 'plotly.js-dist-min';
import { requireFromProject } from '../core/paths.js';

/** A Plotly figure as plain data: what every chart helper returns and every renderer takes. */
export interface Figure {
  data: Data[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
}

const BUNDLES = { full: 'plotly.js-dist-min', basic: 'plotly.js-basic-dist-min' } as const;
const plotlySource = new Map<keyof typeof BUNDLES, string>();

/**
 * A plotly.js bundle, read once per process from node_modules: `full` (≈4.8 MB, every trace type: reports,
 * notebooks, PNG export) or `basic` (≈1.2 MB: scatter, bar, pie — enough for the live dashboard's lines).
 */
export function plotlySourceCode(bundle: keyof typeof BUNDLES = 'full'): string {
  let code = plotlySource.get(bundle);
  if (code === undefined) plotlySource.set(bundle, (code = readFileSync(requireFromProject().resolve(BUNDLES[bundle]), 'utf8')));
  return code;
}

/** `<script>` with plotly.js inlined: show it once per notebook or page, before any chart. */
export function plotlyLibHtml(): string {
  return `<script type="text/javascript">${plotlySourceCode()}</script>`;
}

let figureCounter = 0;

/** JSON safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface FigureHtmlOptions {
  /** Height in px (default: the layout's height, else 420). */
  readonly height?: number;
  /** Element id (default: a fresh `omega-fig-N`). */
  readonly id?: string;
}

/**
 * A `<div>` plus a `<script>` that draws the figure with the page's Plotly. It waits until
 * `window.Plotly` exists, so the order of cells (or of script tags) does not matter.
 */
export function figureHtml(fig: Figure, options: FigureHtmlOptions = {}): string {
  const id = options.id ?? `omega-fig-${++figureCounter}`;
  const height = options.height ?? fig.layout?.height ?? 420;
  const spec = {
    data: fig.data,
    layout: { autosize: true, ...fig.layout },
    config: { responsive: true, displaylogo: false, ...fig.config },
  };
  return (
    `<div id="${id}" class="omega-figure" style="width:100%;height:${height}px;"></div>` +
    `<script type="text/javascript">(function(){var fig=${scriptJson(spec)};` +
    `function draw(){if(!window.Plotly){return setTimeout(draw,50);}` +
    `Plotly.newPlot(${JSON.stringify(id)},fig.data,fig.layout,fig.config);}draw();})();</script>`
  );
}

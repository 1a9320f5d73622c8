import type { Config, Data, Layout } from 'plotly.js-dist-min';
import type { BookSnapshot, Column, StepRows } from '../protocol.js';
import { byId } from './dom.js';

const CONFIG: Partial<Config> = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['select2d', 'lasso2d'] };
const FAMILY_COLORS: Record<string, string> = {
  noise: '#6e7781',
  informed: '#0969da',
  arbitrageur: '#8250df',
  marketMaker: '#1a7f37',
  homer: '#bc4c00',
  llm: '#bf3989',
};

function layout(title: string, y: string, extra: Partial<Layout> = {}): Partial<Layout> {
  return {
    title: { text: title, font: { size: 14 }, x: 0.02, xanchor: 'left' },
    margin: { l: 56, r: 12, t: 36, b: 52 },
    xaxis: { title: { text: 'step', standoff: 2 } },
    yaxis: { title: { text: y } },
    legend: { orientation: 'h', x: 1, xanchor: 'right', y: -0.12, yanchor: 'top', font: { size: 11 } },
    showlegend: true,
    uirevision: 'keep',
    ...extra,
  };
}

/** A time-series chart: each trace takes its y values from one column of the batches. */
interface SeriesChart {
  readonly el: HTMLElement;
  /** The x of every trace: the market's trading steps, or every step (wealth). */
  readonly x: (rows: StepRows) => number[];
  readonly columns: ReadonlyArray<(rows: StepRows) => Column>;
}

const marketSteps = (r: StepRows): number[] => r.marketStep;

/**
 * The six charts. Time series grow with Plotly.extendTraces (points appended, the oldest dropped past
 * the window); the order book is a snapshot redrawn with Plotly.react.
 */
export class Charts {
  private series: SeriesChart[] = [];
  private readonly book = byId('chart-book');

  constructor(private window: number) {}

  /** Draw every chart from a snapshot (first load, reload, Reset, resync). */
  async rebuild(rows: StepRows, families: readonly string[], book: BookSnapshot, window: number): Promise<void> {
    this.window = window;
    const line = (name: string, y: Column, extra: Record<string, unknown> = {}, x = rows.marketStep): Data =>
      ({ type: 'scatter', mode: 'lines', name, x, y, ...extra }) as Data;
    const specs: Array<{ id: string; traces: Data[]; x?: SeriesChart['x']; columns: SeriesChart['columns']; layout: Partial<Layout> }> = [
      {
        id: 'chart-price',
        traces: [
          line('mid', rows.mid, { line: { color: '#0969da' } }),
          line('last trade', rows.lastPrice, { line: { color: '#6e7781', dash: 'dot', width: 1 } }),
          line('true probability', rows.truth, { line: { color: '#cf222e', dash: 'dash' } }),
        ],
        columns: [(r) => r.mid, (r) => r.lastPrice, (r) => r.truth],
        layout: layout('Price vs true probability', '¢'),
      },
      // filled lines rather than bars: thousands of SVG bars make every redraw several times slower
      {
        id: 'chart-volume',
        traces: [line('volume', rows.volume, { line: { color: '#57606a', width: 1, shape: 'hv' }, fill: 'tozeroy' })],
        columns: [(r) => r.volume],
        layout: layout('Volume per step', 'contracts', { showlegend: false }),
      },
      {
        id: 'chart-spread',
        traces: [line('spread', rows.spread, { line: { color: '#8250df', shape: 'hv' } })],
        columns: [(r) => r.spread],
        layout: layout('Quoted spread (best ask − best bid)', 'ticks', { showlegend: false }),
      },
      {
        id: 'chart-returns',
        traces: [line('Δ mid', rows.midChange, { line: { color: '#bc4c00', width: 1 } })],
        columns: [(r) => r.midChange],
        layout: layout('Returns: mid change per step', '¢', { showlegend: false }),
      },
      {
        id: 'chart-wealth',
        traces: families.map((f) => line(f, rows.wealth[f] ?? [], { line: { color: FAMILY_COLORS[f] } }, rows.step)),
        x: (r) => r.step,
        columns: families.map((f) => (r: StepRows) => r.wealth[f] ?? []),
        layout: layout('Mean wealth by agent family (marked to mid)', '¢'),
      },
    ];
    this.series = [];
    for (const s of specs) {
      const el = byId(s.id);
      await Plotly.newPlot(el, s.traces, s.layout, CONFIG);
      this.series.push({ el, x: s.x ?? marketSteps, columns: s.columns });
    }
    await Plotly.newPlot(this.book, this.bookTraces(book), this.bookLayout(book), CONFIG);
    this.book.dataset.step = String(book.step);
  }

  /** Append a merged batch to every time-series chart. */
  append(rows: StepRows): void {
    if (rows.step.length === 0) return;
    for (const s of this.series) {
      const x = s.x(rows);
      if (x.length === 0) continue; // the market has not opened, or has settled
      const idx = s.columns.map((_, i) => i);
      const update = { x: s.columns.map(() => x), y: s.columns.map((c) => c(rows)) };
      void Plotly.extendTraces(s.el, update as unknown as Data, idx, this.window);
    }
  }

  drawBook(book: BookSnapshot): void {
    void Plotly.react(this.book, this.bookTraces(book), this.bookLayout(book), CONFIG);
    this.book.dataset.step = String(book.step);
  }

  private bookTraces(book: BookSnapshot): Data[] {
    const cumulative = (levels: BookSnapshot['bids']) => {
      let total = 0;
      return { x: levels.map((l) => l.price), y: levels.map((l) => (total += l.qty)) };
    };
    return [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'YES bids',
        line: { shape: 'hv', color: '#1a7f37' },
        fill: 'tozeroy',
        ...cumulative(book.bids),
      } as Data,
      {
        type: 'scatter',
        mode: 'lines',
        name: 'YES asks (NO bids)',
        line: { shape: 'hv', color: '#cf222e' },
        fill: 'tozeroy',
        ...cumulative(book.asks),
      } as Data,
    ];
  }

  private bookLayout(book: BookSnapshot): Partial<Layout> {
    return layout(`Order book after step ${book.step}`, 'cumulative contracts', {
      xaxis: { title: { text: 'YES price (¢)', standoff: 2 }, range: [0, book.units] },
      legend: { orientation: 'v', x: 1, xanchor: 'right', y: 1, yanchor: 'top', bgcolor: 'rgba(255,255,255,0.8)', font: { size: 11 } },
    });
  }
}

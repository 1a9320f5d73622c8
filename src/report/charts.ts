import type { Data, Layout } from 'plotly.js-dist-min';
import type { Figure } from './plotly.js';

/** Small builders for the charts reports and notebooks use most. Each returns a plain {@link Figure}. */

const baseLayout = (title: string, xTitle?: string, yTitle?: string, extra: Partial<Layout> = {}): Partial<Layout> => ({
  title: { text: title },
  xaxis: { title: { text: xTitle ?? '' } },
  yaxis: { title: { text: yTitle ?? '' } },
  margin: { t: 50, r: 20, b: 50, l: 60 },
  legend: { orientation: 'h', y: -0.2 },
  ...extra,
});

export interface Series {
  readonly name: string;
  readonly y: ArrayLike<number>;
  readonly x?: ArrayLike<number | string>;
  readonly dash?: 'solid' | 'dash' | 'dot';
  readonly mode?: 'lines' | 'markers' | 'lines+markers';
}

const arr = (a: ArrayLike<number | string>): Array<number | string> => Array.from(a);

/** Lines over a shared x (default: 0, 1, 2 …). */
export function lineChart(title: string, series: readonly Series[], axes: { x?: string; y?: string; height?: number } = {}): Figure {
  return {
    data: series.map((s): Data => ({
      type: 'scatter',
      mode: s.mode ?? 'lines',
      name: s.name,
      x: s.x ? arr(s.x) : Array.from({ length: s.y.length }, (_, i) => i),
      y: Array.from(s.y),
      line: { dash: s.dash ?? 'solid', width: 1.5 },
    })),
    layout: baseLayout(title, axes.x, axes.y, axes.height ? { height: axes.height } : {}),
  };
}

/** A histogram of one or more samples (overlaid). */
export function histogram(
  title: string,
  samples: ReadonlyArray<{ name: string; values: ArrayLike<number> }>,
  axes: { x?: string; y?: string; bins?: number; logY?: boolean } = {},
): Figure {
  return {
    data: samples.map((s): Data => ({
      type: 'histogram',
      name: s.name,
      x: Array.from(s.values),
      opacity: samples.length > 1 ? 0.6 : 1,
      nbinsx: axes.bins ?? 60,
    })),
    layout: baseLayout(title, axes.x, axes.y ?? 'count', {
      barmode: 'overlay',
      ...(axes.logY ? { yaxis: { type: 'log', title: { text: axes.y ?? 'count' } } } : {}),
    }),
  };
}

/** Bars: one trace per series over shared categories. */
export function barChart(
  title: string,
  categories: readonly string[],
  series: ReadonlyArray<{ name: string; values: ArrayLike<number> }>,
  axes: { x?: string; y?: string } = {},
): Figure {
  return {
    data: series.map((s): Data => ({ type: 'bar', name: s.name, x: [...categories], y: Array.from(s.values) })),
    layout: baseLayout(title, axes.x, axes.y, { barmode: 'group' }),
  };
}

export interface DepthLevels {
  readonly yes: ReadonlyArray<{ price: number; qty: number }>;
  readonly no: ReadonlyArray<{ price: number; qty: number }>;
}

/**
 * Cumulative depth in YES-price space: YES bids step down from the best bid, and NO bids (shown at
 * their YES-ask equivalent 100 − p) step up from the best ask.
 */
export function depthChart(title: string, depth: DepthLevels, unitsPerContract = 100): Figure {
  const bids = [...depth.yes].sort((a, b) => b.price - a.price);
  const asks = depth.no.map((l) => ({ price: unitsPerContract - l.price, qty: l.qty })).sort((a, b) => a.price - b.price);
  const cum = (levels: Array<{ price: number; qty: number }>) => {
    let total = 0;
    return levels.map((l) => ({ price: l.price, total: (total += l.qty) }));
  };
  const b = cum(bids);
  const a = cum(asks);
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        line: { shape: 'hv', color: '#1a7f37' },
        fill: 'tozeroy',
        name: 'YES bids',
        x: b.map((l) => l.price),
        y: b.map((l) => l.total),
      },
      {
        type: 'scatter',
        mode: 'lines',
        line: { shape: 'hv', color: '#cf222e' },
        fill: 'tozeroy',
        name: 'NO bids (as YES asks)',
        x: a.map((l) => l.price),
        y: a.map((l) => l.total),
      },
    ],
    layout: baseLayout(title, 'YES price (¢)', 'cumulative contracts', {
      xaxis: { range: [0, unitsPerContract], title: { text: 'YES price (¢)' } },
    }),
  };
}

import path from 'node:path';
import { lineChart } from '../report/charts.js';
import { Report, type WrittenReport } from '../report/report.js';
import type { PaperComparison } from './compare.js';

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

// The columns of each table, so a table with no rows (no differences, nothing unmatched) still writes its header
// row; `satisfies` below keeps every row's keys and these lists the same.
const HEADERS = {
  orders: [
    'paper_order',
    'backtest_order',
    'ticker',
    'side',
    'submitted',
    'paper_price',
    'backtest_price',
    'paper_count',
    'backtest_count',
    'paper_filled',
    'backtest_filled',
    'paper_avg_fill',
    'backtest_avg_fill',
    'paper_fees',
    'backtest_fees',
    'slippage_ticks',
    'fill_delay_ms',
  ],
  differences: ['time', 'kind', 'ticker', 'paper_order', 'backtest_order', 'paper', 'backtest', 'cause'],
  unmatched: ['side_of_comparison', 'order', 'ticker', 'submitted', 'price', 'count'],
  equity: ['time', 'paper', 'backtest', 'difference'],
} as const;
type RowOf<K extends keyof typeof HEADERS> = Record<(typeof HEADERS)[K][number], unknown>;

/** The comparison as tables (CSV beside the report). */
export function comparisonTables(c: PaperComparison) {
  const orders = c.matched.map(
    (m) =>
      ({
        paper_order: m.paper.id,
        backtest_order: m.backtest.id,
        ticker: m.paper.ticker,
        side: m.paper.side,
        submitted: iso(m.paper.submittedAt),
        paper_price: m.paper.price,
        backtest_price: m.backtest.price,
        paper_count: m.paper.count,
        backtest_count: m.backtest.count,
        paper_filled: m.paperFilled,
        backtest_filled: m.backtestFilled,
        paper_avg_fill: m.paperAvgPrice ?? '',
        backtest_avg_fill: m.backtestAvgPrice ?? '',
        paper_fees: m.paperFees,
        backtest_fees: m.backtestFees,
        slippage_ticks: m.slippage,
        fill_delay_ms: m.fillDelayMs,
      }) satisfies RowOf<'orders'>,
  );
  const differences = c.differences.map(
    (d) =>
      ({
        time: iso(d.time),
        kind: d.kind,
        ticker: d.ticker,
        paper_order: d.paperOrder ?? '',
        backtest_order: d.backtestOrder ?? '',
        paper: d.paper ?? '',
        backtest: d.backtest ?? '',
        cause: d.cause,
      }) satisfies RowOf<'differences'>,
  );
  const unmatchedRow = (label: string) => (o: PaperComparison['missing'][number]) =>
    ({
      side_of_comparison: label,
      order: o.id,
      ticker: o.ticker,
      submitted: iso(o.submittedAt),
      price: o.price,
      count: o.count,
    }) satisfies RowOf<'unmatched'>;
  const unmatched = [...c.missing.map(unmatchedRow('missing (backtest only)')), ...c.extra.map(unmatchedRow('extra (paper only)'))];
  const equity = c.equity.map(
    (e) => ({ time: iso(e.time), paper: e.paper, backtest: e.backtest, difference: e.paper - e.backtest }) satisfies RowOf<'equity'>,
  );
  const summary = [
    ...Object.entries(c.counts).map(([k, v]) => ({ measure: k, value: v })),
    { measure: 'paper P&L (cents)', value: c.paperPnl },
    { measure: 'backtest P&L (cents)', value: c.backtestPnl },
    { measure: 'P&L difference (cents)', value: c.paperPnl - c.backtestPnl },
    { measure: 'tracking error, RMS of settled equity difference (cents)', value: Math.round(c.trackingError * 100) / 100 },
    {
      measure: 'mean slippage (ticks)',
      value: c.matched.length ? Math.round((c.matched.reduce((s, m) => s + m.slippage, 0) / c.matched.length) * 1000) / 1000 : 0,
    },
  ];
  return { summary, orders, differences, unmatched, equity };
}

/** HTML report (equity curves overlaid, tables) with every table as CSV beside it. */
export async function writeComparisonReport(c: PaperComparison, out: string): Promise<WrittenReport> {
  const t = comparisonTables(c);
  const verdict =
    c.differences.length === 0
      ? 'no differences: every order and fill of the paper session matches the backtest'
      : `${c.differences.length} differences`;
  const report = new Report({
    title: 'Paper session vs backtest',
    subtitle: `${path.resolve(c.session)} — ${verdict}`,
    metadata: {
      session: path.resolve(c.session),
      strategy: c.config.strategy,
      season: c.config.season,
      weeks: c.config.weeks?.join(',') ?? 'all',
      mode: c.config.mode,
      fill_model: c.config.execution,
      market_events: c.events,
    },
  })
    .text(
      'The market data the paper session recorded were replayed through the backtester with the same strategy, parameters, risk limits, starting cash and fill model. Orders are matched one to one (the n-th order of each side, then by market and side nearest in time); each difference names its likely cause: latency (the paper fill came after the data it answered), queue position (a resting order filled differently as a maker), missed data (the paper order met a book the session never recorded), or a follow-on of an earlier difference.',
    )
    .table('summary', t.summary, { title: 'Summary' })
    .figure(
      'equity',
      lineChart(
        'Settled equity after each resolution',
        [
          { name: 'paper', x: t.equity.map((e) => e.time), y: c.equity.map((e) => e.paper / 100) },
          { name: 'backtest', x: t.equity.map((e) => e.time), y: c.equity.map((e) => e.backtest / 100), dash: 'dash' },
        ],
        { x: 'time', y: 'equity ($)' },
      ),
    )
    .table('differences', t.differences, { title: 'Differences and their causes', maxRows: 200, header: HEADERS.differences })
    .table('orders', t.orders, { title: 'Matched orders', maxRows: 200, header: HEADERS.orders })
    .table('unmatched', t.unmatched, { title: 'Missing and extra orders', header: HEADERS.unmatched })
    .data('equity_curves', t.equity, { title: 'Settled equity', header: HEADERS.equity });
  return report.write(out);
}

import { calibration } from '../stats/calibration.js';
import { lineChart } from '../report/charts.js';
import { Report } from '../report/report.js';
import type { BacktestResult } from './nfl.js';
import type { ForecastComparison } from './forecast.js';
import type { PerformanceMetrics } from './metrics.js';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** Headline numbers as table rows. */
export function metricRows(m: PerformanceMetrics): Array<{ metric: string; value: string }> {
  return [
    { metric: 'bets', value: String(m.bets) },
    { metric: 'staked', value: dollars(m.staked) },
    { metric: 'P&L', value: dollars(m.pnl) },
    { metric: 'ROI (P&L / staked)', value: pct(m.roi) },
    { metric: 'hit rate', value: pct(m.hitRate) },
    { metric: 'total return', value: pct(m.totalReturn) },
    { metric: 'Sharpe (weekly, annualized)', value: m.sharpe.toFixed(2) },
    { metric: 'Sortino', value: m.sortino.toFixed(2) },
    { metric: 'max drawdown', value: pct(m.maxDrawdown) },
    { metric: 'max drawdown duration', value: `${m.maxDrawdownWeeks} weeks` },
    { metric: 'Calmar', value: m.calmar.toFixed(2) },
    { metric: 'fees', value: dollars(m.fees) },
    {
      metric: 'closing-line value',
      value: m.clv.n
        ? `${m.clv.meanCents.toFixed(2)}¢ over ${m.clv.n} bets`
        : 'n/a (no entry before the closing quote: the data have closing lines only)',
    },
  ];
}

/** A tear sheet: metrics, equity curve, drawdown, calibration of every probability source, bets. */
export function tearSheet(
  result: BacktestResult,
  metrics: PerformanceMetrics,
  forecast: ForecastComparison | undefined,
  meta: Record<string, unknown>,
): Report {
  const report = new Report({
    title: `NFL backtest — ${result.strategy}`,
    subtitle: `${result.execution} execution, ${metrics.seasons} seasons, starting with ${dollars(result.startingCash)}`,
    metadata: meta,
  });
  report.heading('Performance').table('metrics', metricRows(metrics), { title: 'Summary' });
  const t = result.equity.map((p) => new Date(p.time).toISOString().slice(0, 10));
  const eq = result.equity.map((p) => p.equity / 100);
  let peak = result.startingCash / 100;
  const dd = eq.map((e) => ((peak = Math.max(peak, e)), -(1 - e / peak) * 100));
  report.figure('equity', lineChart('Equity in dollars', [{ name: 'equity', x: t, y: eq }], { x: 'date', y: 'dollars' }));
  report.figure('drawdown', {
    data: [{ type: 'scatter', mode: 'lines', fill: 'tozeroy', x: t, y: dd, name: 'drawdown', line: { color: '#cf222e' } }],
    layout: { title: { text: 'Drawdown from peak' }, xaxis: { title: { text: 'date' } }, yaxis: { title: { text: '%' } } },
  });
  if (forecast) {
    report.heading('Probability sources');
    const sources = [
      ['market', forecast.market],
      ['elo', forecast.elo],
      ['spread', forecast.spread],
      ...(forecast.fivethirtyeight ? [['538 Elo', forecast.fivethirtyeight] as const] : []),
    ] as const;
    report.table(
      'forecast',
      sources.map(([name, q]) => ({ source: name, n: q.n, brier: Number(q.brier.toFixed(4)), log_loss: Number(q.log_loss.toFixed(4)) })),
      { title: 'Forecast quality (home-win probability; games with both moneylines and a winner, ties excluded)' },
    );
    const rows = forecast.rows;
    const curve = (name: string, p: number[], o: number[]) => {
      const c = calibration(p, o).table.filter((b) => b.n > 0);
      return {
        type: 'scatter' as const,
        mode: 'lines+markers' as const,
        name,
        x: c.map((b) => b.meanForecast),
        y: c.map((b) => b.observed),
      };
    };
    const outcomes = rows.map((r) => r.outcome);
    report.figure('calibration', {
      data: [
        { type: 'scatter', mode: 'lines', x: [0, 1], y: [0, 1], name: 'perfect', line: { dash: 'dash', color: 'gray' } },
        curve(
          'market',
          rows.map((r) => r.market),
          outcomes,
        ),
        curve(
          'elo',
          rows.map((r) => r.elo),
          outcomes,
        ),
        curve(
          'spread',
          rows.map((r) => r.spread),
          outcomes,
        ),
      ],
      layout: {
        title: { text: 'Calibration of home-win probabilities' },
        xaxis: { title: { text: 'forecast' }, range: [0, 1] },
        yaxis: { title: { text: 'observed' }, range: [0, 1] },
      },
    });
  }
  report.heading('Bets').table(
    'bets',
    result.bets.map((b) => ({
      game: b.gameId,
      team: b.team,
      side: b.side,
      contracts: b.contracts,
      price: Number(b.avgPrice.toFixed(2)),
      model_p: b.modelProbability !== undefined ? Number(b.modelProbability.toFixed(3)) : '',
      fees: b.fees,
      pnl_cents: Math.round(b.pnl),
      won: b.won,
    })),
    { title: 'Every bet (cents)', maxRows: 300 },
  );
  return report;
}

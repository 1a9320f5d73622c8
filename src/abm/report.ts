import { barChart, depthChart, histogram, lineChart } from '../report/charts.js';
import { Report } from '../report/report.js';
import { FAMILIES } from './config.js';
import type { Model } from './model.js';
import { summarize, type RunSummary } from './summary.js';

const round = (x: number, d = 2) => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);

/** Summary tables of a run, as rows ready for the terminal, a notebook or a report. */
export function summaryTables(summary: RunSummary) {
  const llm = summary.llm;
  return {
    llm: llm
      ? [
          { item: 'endpoint', value: `${llm.endpoint} (model ${llm.model})` },
          {
            item: 'consultations',
            value: `${llm.consultations}: ${llm.modelDecisions} model decisions, ${llm.fallbacks} fell back to the rule (${llm.invalidReplies} invalid replies, ${llm.failedCalls} failed calls, ${llm.budgetStops} budget stops, ${llm.deadlineStops} deadline stops)`,
          },
          {
            item: 'requests',
            value: `${llm.calls} sent (${llm.retries} retries), ${llm.replies} answered, ${llm.cacheHits} cache hits, ${llm.lateReplies} late replies, ${llm.abandoned} abandoned`,
          },
          {
            item: 'failures',
            value: Object.entries(llm.failures)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
          },
          { item: 'spent', value: `$${llm.spent.toFixed(6)} of $${llm.budget} (of which estimated $${llm.estimated.toFixed(6)})` },
        ]
      : [],
    markets: summary.markets.map((m) => ({
      market: m.ticker,
      opened: m.open,
      resolved: m.resolvedAt,
      final_mid: Number.isFinite(m.finalMid) ? m.finalMid : 'no trades',
      true_prob_at_close_cents: round(100 * m.finalTrueProbability, 1),
      resolution: m.resolution,
      volume: m.volume,
      trades: m.trades,
      mean_spread: round(m.meanSpread),
      mean_abs_error_cents: round(m.meanAbsError),
    })),
    families: summary.families.map((f) => ({
      family: f.family,
      agents: f.agents,
      trading: f.tradingAgents,
      mean_pnl_cents: round(f.meanPnl, 0),
      total_pnl_cents: round(f.totalPnl, 0),
      orders: f.orders,
      rejected: f.rejections,
      fees_cents: f.fees,
    })),
  };
}

/**
 * The report of one simulation run: summary, price against the true probability, volume, spread,
 * return distribution, mean wealth by family over time and the book at the close, with model.csv
 * and agents.csv beside it.
 */
export function simulationReport(model: Model, title = 'Omega Point — simulation'): Report {
  const summary = summarize(model);
  const tables = summaryTables(summary);
  const manifest = model.manifest();
  const report = new Report({
    title,
    subtitle: `${model.agents.length} agents, ${model.t} steps, seed ${model.seed}`,
    metadata: { ...manifest },
  });
  report
    .heading('Summary')
    .table('summary-markets', tables.markets, { title: 'Markets' })
    .table('summary-families', tables.families, { title: 'P&L by agent family (wealth marked to mid, or settled)' });
  if (tables.llm.length) report.table('summary-llm', tables.llm, { title: 'LLM agents: calls, failures, fallbacks and cost' });
  const cols = model.data.model;
  if (model.markets.length > 1) {
    report.heading('Season');
    report.text(
      `${summary.season.resolved} of ${summary.season.markets} games resolved. Mean |mid − 100·truth| per game: ${summary.season.meanAbsError.toFixed(2)}¢ on average, ${summary.season.worstAbsError.toFixed(2)}¢ in the worst game. The first three games are shown in detail below; every game's series is in model.csv.`,
    );
    report.figure(
      'season-error',
      barChart(
        'Mean |mid − truth| by game',
        summary.markets.map((m) => m.ticker),
        [{ name: '¢', values: summary.markets.map((m) => round(m.meanAbsError)) }],
        { y: '¢' },
      ),
    );
  }
  for (const s of model.markets.slice(0, 3)) {
    const idx = cols.market!.flatMap((t, i) => (t === s.market.ticker ? [i] : []));
    const pick = (name: string) => idx.map((i) => cols[name]![i] as number);
    const steps = pick('step');
    const mids = pick('mid');
    const suffix = model.markets.length > 1 ? ` — ${s.market.ticker}` : '';
    const key = model.markets.length > 1 ? `-${s.market.index + 1}` : '';
    report.heading(`Market${suffix}`);
    report.figure(
      `price${key}`,
      lineChart(
        `Price vs true probability${suffix}`,
        [
          { name: 'mid', x: steps, y: mids },
          { name: 'last trade', x: steps, y: pick('last_price'), dash: 'dot' },
          { name: 'true probability × 100', x: steps, y: pick('true_probability').map((p) => 100 * p), dash: 'dash' },
        ],
        { x: 'step', y: '¢' },
      ),
    );
    report.figure(`volume${key}`, {
      data: [{ type: 'bar', x: steps, y: pick('volume'), name: 'volume' }],
      layout: { title: { text: `Volume per step${suffix}` }, xaxis: { title: { text: 'step' } }, yaxis: { title: { text: 'contracts' } } },
    });
    report.figure(
      `spread${key}`,
      lineChart(`Quoted spread${suffix}`, [{ name: 'spread', x: steps, y: pick('spread') }], { x: 'step', y: 'ticks' }),
    );
    const returns = mids.slice(1).map((m, i) => m - mids[i]!);
    report.figure(
      `returns${key}`,
      histogram(`Mid-price changes per step${suffix}`, [{ name: 'Δ mid', values: returns }], { x: 'Δ mid (¢)', logY: true }),
    );
    const depth = model.depthAtClose?.[s.market.index] ?? model.exchange.depth(s.market.ticker);
    report.figure(`depth${key}`, depthChart(`Order book at the close${suffix}`, depth, s.units));
  }
  // mean wealth by family at each agent-collection step
  const ag = model.data.agents;
  const stepsSeen = [...new Set(ag.step as number[])].sort((a, b) => a - b);
  const series = FAMILIES.map((f) => {
    const sums = new Map<number, [number, number]>();
    for (let i = 0; i < ag.step!.length; i++) {
      if (ag.family![i] !== f) continue;
      const k = ag.step![i] as number;
      const e = sums.get(k) ?? [0, 0];
      e[0] += ag.wealth![i] as number;
      e[1]++;
      sums.set(k, e);
    }
    return { name: f, x: stepsSeen, y: stepsSeen.map((k) => (sums.has(k) ? sums.get(k)![0] / sums.get(k)![1] : Number.NaN)) };
  });
  report.heading('Agents');
  report.figure('wealth', lineChart('Mean wealth by family (marked to mid; settled at the end)', series, { x: 'step', y: '¢' }));
  report.figure(
    'pnl',
    barChart(
      'Mean P&L by family',
      tables.families.map((f) => f.family),
      [{ name: 'mean P&L (¢)', values: tables.families.map((f) => f.mean_pnl_cents) }],
      { y: '¢' },
    ),
  );
  report.data('model', model.data.modelRows(), { title: 'Model data (one row per step and market)' });
  report.data('agents', model.data.agentRows(), { title: 'Agent data (one row per agent and collection step)' });
  return report;
}

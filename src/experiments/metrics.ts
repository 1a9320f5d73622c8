import type { Model } from '../abm/model.js';
import { FAMILIES } from '../abm/config.js';
import { summarize } from '../abm/summary.js';
import { modelSeries } from '../facts/from-model.js';
import { groupStats } from '../facts/group-stats.js';

/** The headline numbers of one run that experiments compare (all plain numbers). */
export type RunMetrics = Record<string, number>;

export const METRIC_DESCRIPTIONS: Record<string, string> = {
  mean_abs_error: 'mean over markets of mean |mid − 100·p_true| over each market’s life (¢)',
  worst_abs_error: 'the worst market’s mean |mid − 100·p_true| (¢)',
  mean_spread: 'mean quoted spread (ticks)',
  volume: 'contracts traded',
  trades: 'trades',
  kurtosis: 'excess kurtosis of standardized 5-step Δlogit(mid), pooled over markets',
  acf1: 'pooled ACF(1) of 5-step Δlogit(mid)',
  pnl_noise: 'mean P&L per noise trader (¢, settled)',
  pnl_informed: 'mean P&L per informed trader (¢, settled)',
  pnl_arbitrageur: 'mean P&L per arbitrageur (¢, settled)',
  pnl_marketMaker: 'mean P&L per market maker (¢, settled)',
  pnl_homer: 'mean P&L per homer (¢, settled)',
};

/** Metrics of a finished (resolved) run; families without agents give NaN P&L. */
export function runMetrics(model: Model): RunMetrics {
  const summary = summarize(model);
  const cols = model.data.model;
  let spread = 0;
  let spreadN = 0;
  for (let i = 0; i < cols.step!.length; i++) {
    const sp = cols.spread![i] as number;
    if (Number.isFinite(sp)) ((spread += sp), spreadN++);
  }
  const g = groupStats(modelSeries(model));
  const out: RunMetrics = {
    mean_abs_error: summary.season.meanAbsError,
    worst_abs_error: summary.season.worstAbsError,
    mean_spread: spreadN ? spread / spreadN : Number.NaN,
    volume: summary.season.volume,
    trades: summary.markets.reduce((t, m) => t + m.trades, 0),
    kurtosis: g.excessKurtosis,
    acf1: g.acf1,
  };
  for (const f of FAMILIES) {
    if (f === 'llm') continue;
    const members = model.family(f);
    out[`pnl_${f}`] = members.length ? members.reduce((t, a) => t + model.wealth(a) - a.deposit, 0) / members.length : Number.NaN;
  }
  return out;
}

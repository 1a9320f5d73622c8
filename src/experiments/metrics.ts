import type { Model } from '../abm/model.js';
import { FAMILIES } from '../abm/config.js';
import { aggregateReturns, logitChanges } from '../facts/returns.js';
import { excessKurtosis } from '../facts/excess-kurtosis.js';
import { acf } from '../facts/acf.js';

/** The headline numbers of one run that experiments compare (all plain numbers). */
export type RunMetrics = Record<string, number>;

export const METRIC_DESCRIPTIONS: Record<string, string> = {
  mean_abs_error: 'mean |mid − 100·p_true| over the run (¢)',
  final_abs_error: '|final mid − 100·final p_true| (¢)',
  mean_spread: 'mean quoted spread (ticks)',
  volume: 'contracts traded',
  trades: 'trades',
  kurtosis: 'excess kurtosis of 5-step Δlogit(mid)',
  acf1: 'ACF(1) of 5-step Δlogit(mid)',
  pnl_noise: 'mean P&L per noise trader (¢, settled)',
  pnl_informed: 'mean P&L per informed trader (¢, settled)',
  pnl_arbitrageur: 'mean P&L per arbitrageur (¢, settled)',
  pnl_marketMaker: 'mean P&L per market maker (¢, settled)',
  pnl_homer: 'mean P&L per homer (¢, settled)',
};

/** Metrics of a finished (resolved) run; families without agents give NaN P&L. */
export function runMetrics(model: Model): RunMetrics {
  const s = model.markets[0]!;
  const cols = model.data.model;
  let err = 0;
  let spread = 0;
  let spreadN = 0;
  for (let i = 0; i < cols.step!.length; i++) {
    err += Math.abs((cols.mid![i] as number) - 100 * (cols.true_probability![i] as number));
    const sp = cols.spread![i] as number;
    if (Number.isFinite(sp)) (spread += sp, spreadN++);
  }
  const r = aggregateReturns(logitChanges(s.series(), s.units), 5);
  const out: RunMetrics = {
    mean_abs_error: err / cols.step!.length,
    final_abs_error: Math.abs(s.midAt(s.length - 1) - 100 * s.fundamental.probability),
    mean_spread: spreadN ? spread / spreadN : Number.NaN,
    volume: s.totalVolume,
    trades: s.totalTrades,
    kurtosis: r.length > 4 ? excessKurtosis(r) : Number.NaN,
    acf1: r.length > 3 ? acf(r, 1)[0]! : Number.NaN,
  };
  for (const f of FAMILIES) {
    if (f === 'llm') continue;
    const members = model.family(f);
    out[`pnl_${f}`] = members.length ? members.reduce((t, a) => t + model.wealth(a) - a.capital, 0) / members.length : Number.NaN;
  }
  return out;
}

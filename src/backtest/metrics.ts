import { calibration, type CalibrationResult } from '../stats/calibration.js';
import { drawdowns, sharpeRatio, sortinoRatio } from '../stats/performance-ratios.js';
import type { BacktestResult } from './nfl.js';

export interface ForecastQuality {
  readonly n: number;
  readonly brier: number;
  readonly log_loss: number;
  readonly calibration: CalibrationResult['table'];
}

/** Brier score, log loss (natural log, probabilities clipped to [1e−15, 1 − 1e−15] as scikit-learn) and calibration table. */
export function forecastQuality(probabilities: readonly number[], outcomes: readonly number[]): ForecastQuality {
  if (probabilities.length !== outcomes.length) throw new RangeError('forecastQuality: probabilities and outcomes differ in length');
  if (probabilities.length === 0) return { n: 0, brier: Number.NaN, log_loss: Number.NaN, calibration: [] };
  let ll = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]!));
    ll -= outcomes[i] ? Math.log(p) : Math.log(1 - p);
  }
  const c = calibration(probabilities, outcomes);
  return { n: probabilities.length, brier: c.brier, log_loss: ll / probabilities.length, calibration: c.table };
}

export interface PerformanceMetrics {
  readonly bets: number;
  readonly staked: number;
  readonly pnl: number;
  readonly roi: number;
  readonly hitRate: number;
  readonly finalEquity: number;
  readonly totalReturn: number;
  readonly weeks: number;
  readonly weeklyMean: number;
  readonly weeklyStd: number;
  /** Annualized with √(average weeks with results per season). */
  readonly sharpe: number;
  readonly sortino: number;
  /** Largest fall from a peak, as a fraction of the peak. */
  readonly maxDrawdown: number;
  /** Longest time under a previous peak, in weeks. */
  readonly maxDrawdownWeeks: number;
  /** Compound annual (per-season) return / max drawdown. */
  readonly calmar: number;
  readonly seasons: number;
  readonly clv: { readonly n: number; readonly meanCents: number };
  readonly fees: number;
}

/**
 * Performance of a backtest. Weekly returns are equity changes between the ends of consecutive
 * (season, week) periods with results, relative to the equity at the start of the week; Sharpe and
 * Sortino are their mean over standard deviation (downside deviation over all weeks for Sortino, as empyrical), times √(weeks per
 * season). Closing-line value compares entry with the closing price only for bets entered before the close.
 */
export function performance(result: BacktestResult): PerformanceMetrics {
  const bets = result.bets;
  const staked = bets.reduce((s, b) => s + b.cost, 0);
  const pnl = result.finalEquity - result.startingCash;
  const weekEnds = new Map<string, number>();
  for (const p of result.equity) weekEnds.set(`${p.season}-${String(p.week).padStart(2, '0')}`, p.equity);
  const keys = [...weekEnds.keys()];
  const returns: number[] = [];
  let prev = result.startingCash;
  for (const k of keys) {
    const e = weekEnds.get(k)!;
    returns.push(prev > 0 ? e / prev - 1 : 0);
    prev = e;
  }
  const n = returns.length;
  const mean = n ? returns.reduce((a, b) => a + b, 0) / n : 0;
  const std = n > 1 ? Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (n - 1)) : 0;
  const seasons = new Set(result.equity.map((p) => p.season)).size;
  const perYear = seasons ? n / seasons : 0;
  const { maxDrawdown: maxDd, longestUnderwater: maxUnder } = drawdowns(
    keys.map((k) => weekEnds.get(k)!),
    result.startingCash,
  );
  const totalReturn = result.finalEquity / result.startingCash - 1;
  const cagr = seasons ? Math.sign(1 + totalReturn) * Math.abs(1 + totalReturn) ** (1 / seasons) - 1 : 0;
  // only bets entered before the closing quote have a closing-line value
  const clvBets = bets.filter((b) => b.closingPrice !== undefined && b.closingTime !== undefined && b.entryTime < b.closingTime);
  return {
    bets: bets.length,
    staked,
    pnl,
    roi: staked ? pnl / staked : 0,
    hitRate: bets.length ? bets.filter((b) => b.won).length / bets.length : 0,
    finalEquity: result.finalEquity,
    totalReturn,
    weeks: n,
    weeklyMean: mean,
    weeklyStd: std,
    sharpe: sharpeRatio(returns, perYear),
    sortino: sortinoRatio(returns, perYear),
    maxDrawdown: maxDd,
    maxDrawdownWeeks: maxUnder,
    calmar: maxDd > 0 ? cagr / maxDd : 0,
    seasons,
    clv: {
      n: clvBets.length,
      meanCents: clvBets.length ? clvBets.reduce((s, b) => s + (b.closingPrice! - b.avgPrice), 0) / clvBets.length : 0,
    },
    fees: bets.reduce((s, b) => s + b.fees, 0),
  };
}

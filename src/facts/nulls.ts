import type { Rng } from '../core/rng.js';
import type { AnalysisReturns } from './market-series.js';
import { standardizeMoving, type MarketSeries } from './market-series.js';

/**
 * The truth-only null: a "market" whose price is the true probability rounded to the tick (clamped to
 * 1–99 ticks) at every step, with no trades and so no volume.
 */
export function truthOnlySeries(markets: readonly MarketSeries[], tick = 0.01): MarketSeries[] {
  return markets.map((m) => {
    if (!m.truth) throw new RangeError('truthOnlySeries needs markets with a truth series');
    const prices = Float64Array.from(m.truth as ArrayLike<number>, (p) => Math.min(1 - tick, Math.max(tick, Math.round(p / tick) * tick)));
    return { prices, truth: m.truth, outcome: m.outcome };
  });
}

/**
 * The shuffled-returns null: each market's analysis returns in a random order (one permutation per market,
 * from `rng`), volume left in place. The distribution of returns is the model's own; every time dependence,
 * and the pairing of returns with volume, is destroyed.
 */
export function shuffledReturns(analysis: AnalysisReturns, rng: Rng): AnalysisReturns {
  // one permutation per market, applied to its returns and its price changes alike
  const perms = analysis.returns.map((r) => rng.shuffle(Array.from({ length: r.length }, (_, i) => i)));
  const permute = (xs: readonly Float64Array[]) => xs.map((x, m) => Float64Array.from(perms[m]!, (i) => x[i]!));
  const returns = permute(analysis.returns);
  return { returns, standardized: standardizeMoving(returns), volume: analysis.volume, changes: permute(analysis.changes) };
}

import type { Model } from '../abm/model.js';
import type { MarketSeries } from './market-series.js';

/** The series the suite needs from a finished run: one {@link MarketSeries} per market that traded (prices as probabilities, over its life). */
export function modelSeries(model: Model): MarketSeries[] {
  if (!model.outcomes) throw new Error('modelSeries: the model has not resolved yet; call model.run() to the end first');
  return model.markets
    .filter((s) => s.length >= 2)
    .map((s) => ({ prices: s.series().map((m) => m / s.units), volume: s.volumeSeries(), truth: s.truthSeries(), outcome: s.outcome! }));
}

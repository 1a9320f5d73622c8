import type { Model } from '../abm/model.js';
import type { MarketSeries } from './market-series.js';

/** The series the suite needs from a finished run: one {@link MarketSeries} per market (prices as probabilities). */
export function modelSeries(model: Model): MarketSeries[] {
  if (!model.outcomes) throw new Error('modelSeries: the model has not resolved yet; call model.run() to the end first');
  const cols = model.data.model;
  return model.markets.map((s, m) => {
    const prices: number[] = [];
    const volume: number[] = [];
    const truth: number[] = [];
    for (let i = 0; i < cols.step!.length; i++) {
      if (cols.market![i] !== s.market.ticker) continue;
      prices.push((cols.mid![i] as number) / s.units);
      volume.push(cols.volume![i] as number);
      truth.push(cols.true_probability![i] as number);
    }
    return { prices, volume, truth, outcome: model.outcomes![m]!.resolution === 'yes' ? 1 : 0 };
  });
}

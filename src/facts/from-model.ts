import type { Model } from '../abm/model.js';
import type { MarketRun } from './seed-stats.js';

/** The series the suite needs from a finished run: one {@link MarketRun} per market. */
export function marketRuns(model: Model): MarketRun[] {
  if (!model.outcomes) throw new Error('marketRuns: the model has not resolved yet; call model.run() to the end first');
  const cols = model.data.model;
  return model.markets.map((s, m) => {
    const mids: number[] = [];
    const volume: number[] = [];
    const truth: number[] = [];
    for (let i = 0; i < cols.step!.length; i++) {
      if (cols.market![i] !== s.market.ticker) continue;
      mids.push(cols.mid![i] as number);
      volume.push(cols.volume![i] as number);
      truth.push(cols.true_probability![i] as number);
    }
    return { seed: model.seed, mids, volume, truth, outcome: model.outcomes![m]!.resolution === 'yes' ? 1 : 0, unitsPerContract: s.units };
  });
}

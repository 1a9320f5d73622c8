import { describe, expect, it } from 'vitest';
import { Model, parseModelConfig, type ModelConfigInput } from '../../src/abm/index.js';
import { SeriesRecorder } from '../../src/dashboard/series.js';
import { SMALL } from './headless.js';

/** Two games: market 0 trades in steps 0 … 19 and settles at the start of step 20; market 1 trades in 15 … 34. */
const SEASON: ModelConfigInput = { ...SMALL, steps: 60, collectEvery: 1, markets: { count: 2, life: 20, stagger: 15 } };

function recorded(config: ModelConfigInput, steps: number) {
  const model = Model.create(parseModelConfig(config));
  const series = new SeriesRecorder(model);
  model.run({ steps, onStep: () => series.record() });
  return { model, series, summary: (market: number) => series.summary(market, series.book(market)) };
}

/** Mean |mid − truth| of the data collector's rows of one market: it records a market only while it trades. */
function collectorMeanError(model: Model, market: number): { steps: number[]; mean: number } {
  const c = model.data.model;
  const s = model.markets[market]!;
  const idx = c.market!.flatMap((t, i) => (t === s.market.ticker ? [i] : []));
  const errors = idx.map((i) => Math.abs((c.mid![i] as number) - (c.true_probability![i] as number) * s.units));
  return { steps: idx.map((i) => c.step![i] as number), mean: errors.reduce((a, b) => a + b, 0) / errors.length };
}

/** Mean |mid − truth| of the charted rows `from` … `to`, by hand from the series the page gets. */
function meanError(series: SeriesRecorder, market: number, from: number, to: number): number {
  const r = series.rows(market, from, to);
  const errors = r.mid.map((mid, i) => Math.abs(mid! - r.truth[i]!));
  expect(errors).toHaveLength(to - from + 1);
  return errors.reduce((a, b) => a + b, 0) / errors.length;
}

describe('SeriesRecorder.summary of a market that has settled', () => {
  it('says when and how it settled, and measures the errors over its trading steps only', () => {
    const { model, series, summary } = recorded(SEASON, 50);
    const s0 = model.markets[0]!;
    expect([s0.open, s0.close, s0.resolvedAt]).toEqual([0, 20, 20]);
    const resolution = s0.truth.outcome === 1 ? 'yes' : 'no';

    const sum = summary(0);
    expect(sum.step).toBe(50);
    expect(sum.settlement).toEqual({ step: 20, resolution });
    expect(sum.settled).toEqual([resolution, model.markets[1]!.truth.outcome === 1 ? 'yes' : 'no']);
    // the figures are those of its last trading step, 19, not of the stale rows after settlement
    const r = series.rows(0, 19, 19);
    expect(sum.marketStep).toBe(19);
    expect(sum.mid).toBe(r.mid[0]);
    expect(sum.truth).toBe(r.truth[0]);
    expect(sum.errorVsTruth).toBeCloseTo(Math.abs(r.mid[0]! - r.truth[0]!), 12);
    expect(sum.meanAbsError).toBeCloseTo(meanError(series, 0, 0, 19), 12);
    // the same steps and mean as the data collector, which records a market only while it trades
    const collected = collectorMeanError(model, 0);
    expect([collected.steps[0], collected.steps.at(-1)]).toEqual([0, 19]);
    expect(sum.meanAbsError).toBeCloseTo(collected.mean, 12);
    // the charted series stops there too; the model-wide wealth goes on every step
    const after = series.rows(0, 0, 50);
    expect(after.marketStep).toEqual(collected.steps);
    expect(after.mid).toHaveLength(20);
    expect(after.wealth.noise).toHaveLength(51);
    expect(series.rows(0, 20, 50).marketStep).toEqual([]);

    // market 1 opened at step 15 and settled at 35: rows before its open are left out too
    const s1 = summary(1);
    expect(s1.settlement).toEqual({ step: 35, resolution: model.markets[1]!.truth.outcome === 1 ? 'yes' : 'no' });
    expect(s1.marketStep).toBe(34);
    expect(s1.meanAbsError).toBeCloseTo(meanError(series, 1, 15, 34), 12);
    expect(s1.meanAbsError).toBeCloseTo(collectorMeanError(model, 1).mean, 12);
  });

  it('a market still trading covers every step from its open; one not open yet has no error figures', () => {
    const { series, summary } = recorded(SEASON, 25);
    const s1 = summary(1);
    expect(s1.settlement).toBeNull();
    expect(s1.marketStep).toBe(25);
    expect(s1.meanAbsError).toBeCloseTo(meanError(series, 1, 15, 25), 12);
    expect(summary(0).settled).toEqual([expect.stringMatching(/^(yes|no)$/), null]);

    const early = recorded(SEASON, 10);
    const pre = early.summary(1);
    expect(pre).toMatchObject({ settlement: null, marketStep: 10, errorVsTruth: null, meanAbsError: null });
  });

  it('a market the run ends on settles after its last step, which it traded', () => {
    const { model, series, summary } = recorded({ ...SEASON, steps: 30 }, 30);
    expect(model.resolved).toBe(true);
    const s1 = summary(1);
    expect(s1.settlement).toEqual({ step: 30, resolution: model.outcomes![1]!.resolution });
    expect(s1.marketStep).toBe(30);
    expect(s1.meanAbsError).toBeCloseTo(meanError(series, 1, 15, 30), 12);
  });
});

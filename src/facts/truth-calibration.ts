import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { linearCalibration, type CalibrationRegression } from '../stats/recalibration.js';

export interface HorizonCalibration {
  /** Steps since the market opened. */
  readonly step: number;
  readonly regression: CalibrationRegression;
  /** Confidence interval of the slope at the family-wise level (Bonferroni over horizons). */
  readonly slopeCi: [number, number];
  readonly interceptCi: [number, number];
  /** Slope 1 and intercept 0 are both inside their intervals. */
  readonly calibrated: boolean;
}

/**
 * Is a "true probability" really a probability? For each horizon, regress the outcomes on the probabilities
 * the paths showed at that step (linear calibration, robust errors): a martingale probability that ends at
 * its outcome has E[outcome | p_t] = p_t, so slope 1 and intercept 0 at every horizon. Intervals are
 * Bonferroni-adjusted so "every horizon" holds at the family-wise `level` (default 95%).
 */
export function calibrationByHorizon(
  paths: ReadonlyArray<{ readonly probabilities: ArrayLike<number>; readonly outcome: number }>,
  horizons: readonly number[],
  level = 0.95,
): HorizonCalibration[] {
  if (paths.length < 3) throw new RangeError(`calibrationByHorizon needs at least 3 paths, got ${paths.length}`);
  const z = normalQuantile(1 - (1 - level) / (2 * horizons.length), 0, 1);
  const outcomes = Float64Array.from(paths, (p) => p.outcome);
  return horizons.map((step) => {
    const p = Float64Array.from(paths, (x) => {
      const v = x.probabilities[step];
      if (v === undefined) throw new RangeError(`calibrationByHorizon: a path has no value at step ${step}`);
      return v;
    });
    const regression = linearCalibration(p, outcomes);
    const slopeCi: [number, number] = [regression.slope.value - z * regression.slope.se, regression.slope.value + z * regression.slope.se];
    const interceptCi: [number, number] = [
      regression.intercept.value - z * regression.intercept.se,
      regression.intercept.value + z * regression.intercept.se,
    ];
    return {
      step,
      regression,
      slopeCi,
      interceptCi,
      calibrated: slopeCi[0] <= 1 && slopeCi[1] >= 1 && interceptCi[0] <= 0 && interceptCi[1] >= 0,
    };
  });
}

import { describe, expect, it } from 'vitest';
// from its own module: the experiments index would load the worker pool, Redis, sweeps… for nothing (≈ 0.5 CPU-s)
import { powerAnalysis } from '../../src/experiments/power.js';

describe('power of the calibration facts', () => {
  it('detects logit × 0.8, logit × 1.25 and a 3¢ longshot premium with ≥ 80% power over the validation run’s 1,080 markets, with a false-alarm rate near 5%', () => {
    const rows = powerAnalysis({ replications: 60, seed: 3 });
    const by = Object.fromEntries(rows.map((r) => [r.miscalibration, r]));
    expect(by['calibrated']!.calibrationDetects).toBeLessThanOrEqual(0.15);
    for (const m of ['logit × 0.8 (too timid)', 'logit × 1.25 (too extreme)', '3¢ longshot premium'])
      expect(by[m]!.calibrationDetects, m).toBeGreaterThanOrEqual(0.8);
    expect(rows[0]!.markets).toBe(1080);
  });

  it('has no such power with the 30 markets the suite used to rest on (evidence that market count matters)', () => {
    const rows = powerAnalysis({ replications: 60, seed: 3, seeds: 30, marketsPerSeed: 1 });
    const premium = rows.find((r) => r.miscalibration === '3¢ longshot premium')!;
    expect(premium.calibrationDetects).toBeLessThan(0.5);
  });
});

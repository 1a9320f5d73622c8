import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linearCalibration, logisticCalibration } from '../../src/stats/index.js';

// test/facts/fixtures/calibration.csv and the expected values come from test/facts/fixtures/reference_calibration.py
// (numpy least squares and scipy BFGS, with CR1 cluster-robust errors written out in numpy)
const rows = readFileSync(new URL('../facts/fixtures/calibration.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',').map(Number));
const p = rows.map((r) => r[0]!);
const y = rows.map((r) => r[1]!);
const c = rows.map((r) => r[2]!);

describe('calibration regressions', () => {
  it('linear calibration matches numpy, with cluster-robust errors', () => {
    const r = linearCalibration(p, y, c);
    expect(r.intercept.value).toBeCloseTo(0.04906065909292604, 10);
    expect(r.slope.value).toBeCloseTo(0.9574980905658268, 10);
    expect(r.intercept.se).toBeCloseTo(0.06477350407072746, 10);
    expect(r.slope.se).toBeCloseTo(0.11501487612511271, 10);
    expect(r.clusters).toBe(120);
    expect(r.slope.ci[0]).toBeCloseTo(0.9574980905658268 - 1.959963984540054 * 0.11501487612511271, 10);
    // joint Wald test of (a, b) = (0, 1) with the CR1 covariance: numpy W = d'V⁻¹d, scipy chi2.sf(W, 2)
    expect(r.covariance).toBeCloseTo(-0.006051012550708065, 12);
    expect(r.wald.statistic).toBeCloseTo(0.7510295571522181, 10);
    expect(r.wald.p_value).toBeCloseTo(0.6869355680438296, 10);
  });

  it('Cox logistic recalibration matches scipy, with cluster-robust errors', () => {
    const r = logisticCalibration(p, y, c);
    expect(r.intercept.value).toBeCloseTo(0.13520276686889424, 6);
    expect(r.slope.value).toBeCloseTo(0.8583089410735211, 6);
    expect(r.intercept.se).toBeCloseTo(0.21634889151810166, 6);
    expect(r.slope.se).toBeCloseTo(0.1884584604426006, 6);
  });

  it('clusters widen the errors of repeated looks at one outcome', () => {
    expect(logisticCalibration(p, y).slope.se).toBeLessThan(logisticCalibration(p, y, c).slope.se);
  });

  it('rejects inputs it cannot fit, naming the problem', () => {
    expect(() => linearCalibration([0.5, 0.5, 0.5], [0, 1, 1])).toThrow(/do not vary/);
    expect(() => logisticCalibration([0.2, 0.4], [0, 1])).toThrow(/at least 3/);
    expect(() => linearCalibration([0.2, 0.4, 0.6], [0, 1])).toThrow(/3 forecasts but 2 outcomes/);
  });
});

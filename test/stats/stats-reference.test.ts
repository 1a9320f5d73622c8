import { describe, expect, it } from 'vitest';
import {
  calibration,
  chiSquareSurvival,
  mean,
  normalQuantileStd,
  normalTwoSided,
  ols,
  pearson,
  std,
  tQuantileDf,
  tTwoSided,
} from '../../src/stats/index.js';

// Every expected number below was computed independently in python3 (standard library only: math, statistics)
// with the closed forms named beside it; the script is quoted in the comments so it can be re-run.

describe('calibration: Brier, ECE and the Murphy decomposition', () => {
  const f = [0.05, 0.15, 0.12, 0.95, 1.0, 0.5, 0.55];
  const o = [0, 1, 0, 1, 1, 0, 1];

  it('matches a by-hand binning with 10 and 2 bins', () => {
    // python3: bins b = min(bins-1, floor(f*bins)); brier = mean((f-o)^2); ece = Σ n_b/N |f̄_b − ō_b|;
    // rel = Σ n_b (f̄_b − ō_b)²/N; res = Σ n_b (ō_b − ō)²/N; unc = ō(1 − ō)
    // 10 bins → (0.1706285714285714, 0.12571428571428572, 0.038778571428571426, 0.10204081632653061, 0.24489795918367346)
    const c = calibration(f, o);
    expect(c.n).toBe(7);
    expect(c.brier).toBeCloseTo(0.1706285714285714, 14);
    expect(c.ece).toBeCloseTo(0.12571428571428572, 14);
    expect(c.reliability).toBeCloseTo(0.038778571428571426, 14);
    expect(c.resolution).toBeCloseTo(0.10204081632653061, 14);
    expect(c.uncertainty).toBeCloseTo(0.24489795918367346, 14);
    // counts per bin [1, 2, 0, 0, 0, 2, 0, 0, 0, 2]; 1.0 falls into the last bin, not an eleventh
    expect(c.table.map((r) => r.n)).toEqual([1, 2, 0, 0, 0, 2, 0, 0, 0, 2]);
    expect(c.table[1]).toEqual({ bin: '0.10–0.20', lo: 0.1, hi: 0.2, n: 2, meanForecast: (0.15 + 0.12) / 2, observed: 0.5 });
    expect(c.table[2]!.meanForecast).toBeNaN();
    expect(c.table[2]!.observed).toBeNaN();
    expect(c.table[2]!.bin).toBe('0.20–0.30');
    expect(c.table[9]).toEqual({ bin: '0.90–1.00', lo: 0.9, hi: 1, n: 2, meanForecast: 0.975, observed: 1 });
    // 2 bins → counts [3, 4], ece 0.09714285714285711, rel 0.02201904761904761, res 0.042517006802721094
    const c2 = calibration(f, o, 2);
    expect(c2.table.map((r) => r.n)).toEqual([3, 4]);
    expect(c2.brier).toBeCloseTo(0.1706285714285714, 14);
    expect(c2.ece).toBeCloseTo(0.09714285714285711, 14);
    expect(c2.reliability).toBeCloseTo(0.02201904761904761, 14);
    expect(c2.resolution).toBeCloseTo(0.042517006802721094, 14);
  });

  it('refuses unequal lengths, an empty sample, forecasts outside [0,1] and outcomes other than 0/1', () => {
    expect(() => calibration([0.5], [1, 0])).toThrow(/1 forecasts but 2 outcomes/);
    expect(() => calibration([], [])).toThrow(/at least one forecast/);
    expect(() => calibration([1.01], [1])).toThrow(/forecast 0 is 1.01/);
    expect(() => calibration([0.5, -0.01], [1, 0])).toThrow(/forecast 1 is -0.01/);
    expect(() => calibration([Number.NaN], [1])).toThrow(/forecast 0 is NaN/);
    expect(() => calibration([0.5], [0.5])).toThrow(/outcome 0 is 0.5/);
    // the edges themselves are probabilities
    expect(calibration([0, 1], [0, 1]).brier).toBe(0);
  });
});

describe('OLS against the closed form of simple regression', () => {
  // python3: x = 1..6, y = [1,3,2,5,4,6]; b1 = Sxy/Sxx, b0 = ȳ − b1 x̄, s² = SSE/(n−2),
  // se(b1) = √(s²/Sxx), se(b0) = √(s²(1/n + x̄²/Sxx)), R² = 1 − SSE/SST
  const x = [1, 2, 3, 4, 5, 6];
  const y = [1, 3, 2, 5, 4, 6];
  const X = x.map((v) => [1, v]);

  it('coefficients, standard errors, R² and residuals', () => {
    const r = ols(y, X);
    expect(r.n).toBe(6);
    expect(r.k).toBe(2);
    expect(r.beta[0]).toBeCloseTo(0.4, 12);
    expect(r.beta[1]).toBeCloseTo(0.8857142857142857, 12);
    expect(r.se[0]).toBeCloseTo(0.9039595439746501, 12);
    expect(r.se[1]).toBeCloseTo(0.2321153829895989, 12);
    expect(r.rSquared).toBeCloseTo(0.7844897959183673, 12);
    const expected = [
      -0.28571428571428603, 0.8285714285714283, -1.0571428571428574, 1.057142857142857, -0.8285714285714292, 0.2857142857142856,
    ];
    r.residuals.forEach((e, i) => expect(e).toBeCloseTo(expected[i]!, 12));
  });

  it('a regression through the origin uses X exactly as given (no added intercept)', () => {
    // y = 2x exactly: β = Σxy/Σx² = 2, residuals 0, se 0
    const r = ols([2, 4, 6], [[1], [2], [3]]);
    expect(r.beta[0]).toBeCloseTo(2, 14);
    expect(r.se[0]).toBeCloseTo(0, 14);
    expect(r.rSquared).toBeCloseTo(1, 14);
  });

  it('refuses mismatched rows, too few observations and collinear regressors; R² of a constant y is NaN', () => {
    expect(() => ols([1, 2, 3], [[1], [2]])).toThrow(/y has 3 rows but X has 2/);
    expect(() =>
      ols(
        [1, 2],
        [
          [1, 1],
          [1, 2],
        ],
      ),
    ).toThrow(/more observations \(2\) than regressors \(2\)/);
    expect(() =>
      ols(
        [1, 2, 3, 4],
        [
          [1, 2],
          [1, 2],
          [1, 2],
          [1, 2],
        ],
      ),
    ).toThrow(/collinear/);
    expect(ols([5, 5, 5], [[1], [1], [1]]).rSquared).toBeNaN();
    // a constant y that X does not fit exactly: SST = 0 but SSE > 0, still no R² (not −∞)
    expect(ols([5, 5, 5], [[1], [2], [3]]).rSquared).toBeNaN();
    // no rows at all: the same clear error, not a TypeError
    expect(() => ols([], [])).toThrow(/more observations \(0\) than regressors \(0\)/);
    // X'X = 2e−310 is not zero (mathjs inverts it) but its inverse overflows to ∞: still collinear, not β = ±∞
    expect(() => ols([1, 2], [[1e-155], [1e-155]])).toThrow(/collinear \(X'X is singular\); a constant series/);
  });
});

describe('distributions against closed forms', () => {
  it('χ² survival: for even k, Q(k/2, x/2) = e^(−x/2) Σ_{i<k/2} (x/2)^i / i!', () => {
    // python3 with that sum: (3, 2) → 0.22313016014842982, (7.5, 4) → 0.11170929281604326, (200, 2) → 3.720075976020836e-44
    expect(chiSquareSurvival(3, 2)).toBeCloseTo(0.22313016014842982, 14);
    expect(chiSquareSurvival(7.5, 4)).toBeCloseTo(0.11170929281604326, 14);
    // k = 6 → (5, 6): 0.5438131158833296; Γ(3) = 2, so an unregularized Q (×Γ(k/2)) would be twice that
    expect(chiSquareSurvival(5, 6)).toBeCloseTo(0.5438131158833296, 14);
    // the far tail keeps its relative precision (1 − CDF would be 0)
    expect(chiSquareSurvival(200, 2) / 3.720075976020836e-44).toBeCloseTo(1, 10);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
  });

  it('normal two-sided p = erfc(|z|/√2) and its quantile', () => {
    // python3: math.erfc(1.96/√2) = 0.04999579029644087, math.erfc(0.5/√2) = 0.6170750774519738
    expect(normalTwoSided(1.96)).toBeCloseTo(0.04999579029644087, 12);
    expect(normalTwoSided(-1.96)).toBeCloseTo(0.04999579029644087, 12);
    expect(normalTwoSided(0.5)).toBeCloseTo(0.6170750774519738, 12);
    // python3 statistics.NormalDist().inv_cdf: 0.975 → 1.9599639845400536, 0.1 → −1.2815515655446008
    expect(normalQuantileStd(0.975)).toBeCloseTo(1.9599639845400536, 10);
    expect(normalQuantileStd(0.1)).toBeCloseTo(-1.2815515655446008, 10);
  });

  it('Student t: df = 1 (Cauchy) and df = 2 have closed forms', () => {
    // df 1: two-sided p = 1 − (2/π) atan|t| → t = 2: 0.2951672353008665; quantile tan(π(p − ½)) → p = 0.9: 3.077683537175253
    expect(tTwoSided(2, 1)).toBeCloseTo(0.2951672353008665, 12);
    expect(tTwoSided(-2, 1)).toBeCloseTo(0.2951672353008665, 12);
    expect(tQuantileDf(0.9, 1)).toBeCloseTo(3.077683537175253, 10);
    // df 2: CDF = ½ + t / (2√(2 + t²)) → two-sided p at 1.5 = 0.2723931248910012; quantile (2p−1)/√(2p(1−p)) → 1.8856180831641272
    expect(tTwoSided(1.5, 2)).toBeCloseTo(0.2723931248910012, 12);
    expect(tQuantileDf(0.9, 2)).toBeCloseTo(1.8856180831641272, 10);
  });
});

describe('mean, standard deviation and Pearson correlation', () => {
  it('match python3 statistics', () => {
    // statistics.mean([1,2,4]) = 2.3333333333333335, statistics.stdev([1,2,4]) = 1.5275252316519468 (n − 1)
    expect(mean([1, 2, 4])).toBeCloseTo(2.3333333333333335, 15);
    expect(std([1, 2, 4])).toBeCloseTo(1.5275252316519468, 15);
    expect(std(new Float64Array([1, 2, 4]))).toBeCloseTo(1.5275252316519468, 15);
    // statistics.correlation([1,2,3,4,5],[2,1,4,3,5]) = 0.8
    expect(pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 14);
    expect(pearson(new Float64Array([1, 2, 3]), new Float64Array([3, 2, 1]))).toBeCloseTo(-1, 14);
  });

  it('refuse too-short or mismatched inputs; a constant series has no correlation', () => {
    expect(() => mean([])).toThrow(/at least 1 value, got 0/);
    expect(mean([7])).toBe(7);
    expect(() => std([1])).toThrow(/at least 2 values, got 1/);
    expect(std([1, 3])).toBeCloseTo(Math.SQRT2, 15);
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(/lengths differ \(3 vs 2\)/);
    expect(() => pearson([1, 2], [1, 2])).toThrow(/at least 3 pairs/);
    expect(pearson([1, 2, 3], [1, 2, 4])).toBeCloseTo(0.9819805060619656, 14); // statistics.correlation
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});

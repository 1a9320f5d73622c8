import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { mean, std } from '../../src/stats/index.js';
import {
  acf,
  aggregateReturns,
  archLm,
  excessKurtosis,
  hillTailIndex,
  hurstDfa,
  jarqueBera,
  ljungBox,
  logitChanges,
  mcLeodLi,
  priceChanges,
  seriesFacts,
  skewness,
} from '../../src/facts/index.js';

// test/facts/fixtures/garch.csv: GARCH(1,1) with Student-t(5) shocks, written by fixtures/reference.py.
// Expected values confirmed with statsmodels 0.13.5 / scipy 1.10.1 (Debian bookworm) by that script:
//   stats.skew(r), stats.kurtosis(r), jarque_bera(r), acf(r, nlags=5, fft=True),
//   acorr_ljungbox(r, lags=[20]), acorr_ljungbox(r**2, lags=[20]), het_arch(r, nlags=5)
const rows = readFileSync('test/facts/fixtures/garch.csv', 'utf8').trim().split('\n').slice(1);
const r = rows.map((l) => Number(l.split(',')[1]));
const REF = {
  mean: -0.014720250765924427,
  std: 1.116931254606711,
  skewness: -0.4485658363187439,
  excess_kurtosis: 4.323472314690792,
  jarque_bera: [812.3857539144622, 3.9144878468631493e-177],
  acf_1_5: [0.029799037987632164, -0.03641604859442683, -0.04811069551438117, -0.02643729130762926, 0.015487967577630768],
  acf_abs_1_5: [0.11551284981741627, 0.05140192654753176, 0.06827624052689693, 0.15732189657221132, 0.1466818483995883],
  ljung_box_20: [34.53147904932036, 0.022746356982531267],
  ljung_box_sq_20: [129.62314077578998, 4.586977458610307e-18],
  arch_lm_5: [32.71556877387594, 4.2858845014567425e-6],
  hill_50: 3.203952859270656,
};

describe('single-series statistics against statsmodels/scipy', () => {
  it('moments: mean, std (n−1), skewness and excess kurtosis (biased, scipy defaults)', () => {
    expect(r).toHaveLength(1000);
    expect(mean(r)).toBeCloseTo(REF.mean, 12);
    expect(std(r)).toBeCloseTo(REF.std, 12);
    expect(skewness(r)).toBeCloseTo(REF.skewness, 10);
    expect(excessKurtosis(r)).toBeCloseTo(REF.excess_kurtosis, 10);
  });

  it('Jarque–Bera statistic and p-value', () => {
    const jb = jarqueBera(r);
    expect(jb.stat).toBeCloseTo(REF.jarque_bera[0]!, 8);
    expect(jb.p_value / REF.jarque_bera[1]!).toBeCloseTo(1, 2);
  });

  it('ACF of returns and of absolute returns, direct and by FFT', () => {
    acf(r, 5).forEach((v, i) => expect(v).toBeCloseTo(REF.acf_1_5[i]!, 12));
    acf(r.map(Math.abs), 5).forEach((v, i) => expect(v).toBeCloseTo(REF.acf_abs_1_5[i]!, 12));
    // n ≥ 512 takes the FFT path; the direct sum on a prefix agrees
    const long = [...r, ...r.slice(0, 200)];
    const direct = (xs: number[], k: number) => {
      const m = mean(xs);
      let num = 0;
      let den = 0;
      for (let t = 0; t < xs.length; t++) den += (xs[t]! - m) ** 2;
      for (let t = k; t < xs.length; t++) num += (xs[t]! - m) * (xs[t - k]! - m);
      return num / den;
    };
    acf(long, 30).forEach((v, i) => expect(v).toBeCloseTo(direct(long, i + 1), 12));
  });

  it('Ljung–Box and McLeod–Li Q(20)', () => {
    const lb = ljungBox(r, 20);
    expect(lb.q).toBeCloseTo(REF.ljung_box_20[0]!, 9);
    expect(lb.p_value).toBeCloseTo(REF.ljung_box_20[1]!, 9);
    const ml = mcLeodLi(r, 20);
    expect(ml.q).toBeCloseTo(REF.ljung_box_sq_20[0]!, 8);
    expect(ml.p_value / REF.ljung_box_sq_20[1]!).toBeCloseTo(1, 3);
  });

  it('ARCH-LM with 5 lags (het_arch)', () => {
    const a = archLm(r, 5);
    expect(a.lm).toBeCloseTo(REF.arch_lm_5[0]!, 8);
    expect(a.p_value / REF.arch_lm_5[1]!).toBeCloseTo(1, 4);
  });

  it('Hill tail index with k = 50 (numpy, same formula)', () => {
    expect(hillTailIndex(r, 50)).toEqual({ k: 50, alpha: expect.closeTo(REF.hill_50, 10) });
    // Pareto(α = 3) draws: the estimator recovers the index (closed form: X = U^(−1/α))
    const rng = Rng.derive(1, 'pareto');
    const pareto = Array.from({ length: 20000 }, () => (1 - rng.float()) ** (-1 / 3));
    expect(hillTailIndex(pareto, 2000).alpha).toBeGreaterThan(2.8);
    expect(hillTailIndex(pareto, 2000).alpha).toBeLessThan(3.2);
  });

  it('DFA Hurst exponent: ≈0.5 for white noise, ≈1.5 for a random walk (theory)', () => {
    const rng = Rng.derive(2, 'dfa');
    const hs: number[] = [];
    const walks: number[] = [];
    for (let s = 0; s < 5; s++) {
      const w = Array.from({ length: 4096 }, () => rng.normal());
      hs.push(hurstDfa(w));
      let acc = 0;
      walks.push(hurstDfa(w.map((x) => (acc += x))));
    }
    expect(mean(hs)).toBeGreaterThan(0.42);
    expect(mean(hs)).toBeLessThan(0.58);
    expect(mean(walks)).toBeGreaterThan(1.4);
    expect(mean(walks)).toBeLessThan(1.6);
  });

  it('returns: price changes, logit changes, k-step aggregation', () => {
    expect(priceChanges([50, 52, Number.NaN, 51, 49])).toEqual([2, -2]);
    expect(logitChanges([50, 75])[0]).toBeCloseTo(Math.log(3), 12);
    expect(logitChanges([0, 100])[0]).toBeCloseTo(2 * Math.log(199), 12); // clamped to ½ tick
    expect(aggregateReturns([1, 2, 3, 4, 5], 2)).toEqual([3, 7]);
  });

  it('seriesFacts bundles everything; errors name the problem', () => {
    const f = seriesFacts(r, { lags: 20 });
    expect(f.n).toBe(1000);
    expect(f.acf).toHaveLength(20);
    expect(f.ljung_box.q).toBeCloseTo(REF.ljung_box_20[0]!, 9);
    expect(f.arch_lm.lags).toBe(5);
    expect(() => seriesFacts([1, 2, 3])).toThrow(/need at least 64 returns/);
    expect(() => skewness([1, 2])).toThrow(/skewness requires at least 3 values/);
    expect(Number.isNaN(excessKurtosis([1, 1, 1, 1]))).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as MathJs from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  acf,
  adjustedExcessKurtosis,
  fitGarch11,
  hillTailIndex,
  intermittency,
  pooledAcf,
  robustPortmanteau,
  timeScaleAsymmetry,
} from '../../src/facts/index.js';
import { Rng } from '../../src/core/rng.js';
import { mathjs } from '../../src/stats/mathjs.js';

// garch.csv: fixtures/reference.py; expected values: fixtures/reference_cont.py (numpy/scipy, written from the definitions)
const r = readFileSync(new URL('./fixtures/garch.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => Number(l.split(',')[1]));
const segs = Array.from({ length: 5 }, (_, i) => r.slice(i * 200, (i + 1) * 200));

describe('pooled statistics over the markets of a run', () => {
  it('pooled ACF and the robust portmanteau match numpy/scipy', () => {
    const a = pooledAcf(segs, 3);
    [0.02893697934914884, -0.038183852330013014, -0.05025835789684491].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 12));
    const q = robustPortmanteau(segs, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(q.q).toBeCloseTo(10.409464606717235, 10);
    expect(q.p_value).toBeCloseTo(0.40533311338045447, 10);
    expect(robustPortmanteau(segs, [1]).z[0]).toBeCloseTo(0.7194593264169095, 10);
  });

  it('the robust portmanteau rejects autocorrelated returns and keeps its size under volatility clustering', () => {
    const rng = Rng.fromSeed(11);
    const ar = Array.from({ length: 20 }, () => {
      let x = 0;
      return Array.from({ length: 200 }, () => (x = 0.3 * x + rng.normal()));
    });
    expect(robustPortmanteau(ar, [1, 2, 3, 4, 5]).p_value).toBeLessThan(1e-6);
    // 200 runs of 20 GARCH markets with no autocorrelation: rejections near the nominal 5%
    let rejections = 0;
    for (let k = 0; k < 200; k++) {
      const markets = Array.from({ length: 20 }, () => {
        let h = 1;
        let prev = 0;
        return Array.from({ length: 200 }, () => {
          h = 0.05 + 0.15 * prev * prev + 0.8 * h;
          return (prev = Math.sqrt(h) * rng.normal());
        });
      });
      if (robustPortmanteau(markets, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).p_value < 0.05) rejections++;
    }
    // Binomial(200, 0.05): 99.9% of outcomes lie in [2, 22]
    expect(rejections).toBeGreaterThanOrEqual(2);
    expect(rejections).toBeLessThanOrEqual(22);
  });
});

describe('Cont facts 5, 7 and 11', () => {
  it('intermittency: the Fano factor of extreme-return counts matches numpy', () => {
    expect(intermittency(segs, { window: 10, q: 0.99 }).fano).toBeCloseTo(1.111111111111111, 12);
  });

  it('intermittency separates bursts from independent extremes', () => {
    const rng = Rng.fromSeed(5);
    const iid = Array.from({ length: 30 }, () => Array.from({ length: 200 }, () => rng.normal()));
    // bursts: a calm market with occasional 20-return stretches of ten times the volatility
    const bursty = Array.from({ length: 30 }, () => {
      let burst = 0;
      return Array.from({ length: 200 }, () => {
        if (burst === 0 && rng.float() < 0.005) burst = 20;
        const sd = burst > 0 ? (burst--, 10) : 1;
        return sd * rng.normal();
      });
    });
    expect(intermittency(iid).fano).toBeLessThan(1.2);
    expect(intermittency(bursty).fano).toBeGreaterThan(1.5);
  });

  it('GARCH(1,1) by quasi-maximum likelihood matches scipy, and its residuals are less heavy-tailed', () => {
    const g = fitGarch11(segs);
    expect(g.logLikelihood).toBeCloseTo(-1476.8965288918641, 4);
    expect(g.alpha).toBeCloseTo(0.08371979000975029, 3);
    expect(g.beta).toBeCloseTo(0.8723568374651455, 3);
    expect(g.omega).toBeCloseTo(0.0554898170670208, 3);
    expect(g.rawExcessKurtosis).toBeCloseTo(4.323472314690792, 10);
    expect(g.residualExcessKurtosis).toBeCloseTo(2.6356236026802415, 2);
    expect(g.residualExcessKurtosis).toBeLessThan(g.rawExcessKurtosis);
  });

  it('time-scale asymmetry matches numpy, and reversing time flips its sign exactly', () => {
    const a = timeScaleAsymmetry(segs, 4);
    expect(a.asymmetry).toBeCloseTo(-0.03346589761134389, 12);
    const reversed = timeScaleAsymmetry(
      segs.map((s) => [...s].reverse()),
      4,
    );
    expect(reversed.asymmetry).toBeCloseTo(-a.asymmetry, 12);
  });

  it('a coarse-driven volatility process (HARCH-like) shows a positive asymmetry', () => {
    const rng = Rng.fromSeed(9);
    const markets = Array.from({ length: 40 }, () => {
      const out: number[] = [];
      let h = 1;
      for (let b = 0; b < 50; b++) {
        let blockSum = 0;
        for (let i = 0; i < 4; i++) {
          const x = Math.sqrt(h) * rng.normal();
          blockSum += x;
          out.push(x);
        }
        // next block's fine volatility is driven by this block's coarse return
        h = 0.2 + (0.7 * (blockSum * blockSum)) / 4;
      }
      return out;
    });
    expect(timeScaleAsymmetry(markets, 4).asymmetry).toBeGreaterThan(0.05);
  });
});

describe('sample statistics with independent references', () => {
  it('adjusted excess kurtosis G2 matches scipy (bias=False)', () => {
    expect(adjustedExcessKurtosis(r)).toBeCloseTo(4.351191843283837, 10);
  });

  it('the Hill estimator’s default tail size is 5% of n (the 50 largest of 1,000 here, as reference.py computes)', () => {
    const h = hillTailIndex(r);
    expect(h.k).toBe(50);
    expect(h.alpha).toBeCloseTo(
      (JSON.parse(readFileSync(new URL('./fixtures/hill-50.json', import.meta.url), 'utf8')) as { hill_50: number }).hill_50,
      12,
    );
    // below 200 values the floor of 10 applies
    expect(hillTailIndex(r.slice(0, 120)).k).toBe(10);
  });

  it('the short-series ACF (direct sum, n < 512) matches numpy', () => {
    const a = acf(r.slice(0, 100), 3);
    // numpy: x = r[:100] - r[:100].mean(); [np.sum(x[k:]*x[:-k])/np.sum(x*x) for k in (1,2,3)]
    (JSON.parse(readFileSync(new URL('./fixtures/acf-short.json', import.meta.url), 'utf8')) as number[]).forEach((v: number, i: number) =>
      expect(a[i]).toBeCloseTo(v, 12),
    );
  });
});

describe('the mathjs the statistics load', () => {
  it('inverts and multiplies exactly as the package’s main entry (same bits, same error for a singular matrix)', () => {
    // src/stats/mathjs.ts loads mathjs's single-file build, cheaper to start; it must be the same mathematics
    const main = createRequire(import.meta.url)('mathjs') as typeof MathJs;
    const ours = mathjs();
    expect(ours).not.toBe(main);
    expect(ours.version).toBe(main.version);
    const rng = Rng.fromSeed(5);
    for (let i = 0; i < 400; i++) {
      const k = 1 + (i % 10);
      const m = Array.from({ length: k }, () => Array.from({ length: k }, () => rng.normal() * Math.exp(6 * rng.float() - 3)));
      const v = Array.from({ length: k }, () => rng.normal());
      expect(ours.multiply(ours.inv(m), v)).toEqual(main.multiply(main.inv(m), v));
    }
    const singular = [
      [1, 2],
      [2, 4],
    ];
    expect(() => ours.inv(singular)).toThrow('Cannot calculate inverse, determinant is zero');
    expect(() => main.inv(singular)).toThrow('Cannot calculate inverse, determinant is zero');
  });
});

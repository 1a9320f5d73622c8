import { describe, expect, it } from 'vitest';
import { binomialLowerTail, binomialUpperTail, clopperPearson } from '../../src/stats/index.js';

// References: scipy 1.17.1 on this machine — binom.sf(k − 1, n, p) for P(X ≥ k), binom.cdf(k, n, p) for P(X ≤ k),
// and the Clopper–Pearson ends as beta.ppf(α/2, k, n − k + 1) and beta.ppf(1 − α/2, k + 1, n − k).
describe('binomial tails (src/stats/binomial.ts)', () => {
  it('P(X ≥ k) and P(X ≤ k) match scipy', () => {
    expect(binomialUpperTail(5, 30, 0.05)).toBeCloseTo(0.01563551012853307, 12);
    expect(binomialUpperTail(20, 30, 0.5)).toBeCloseTo(0.049368573352694525, 12);
    expect(binomialUpperTail(1, 10, 0.3)).toBeCloseTo(0.9717524751, 12);
    expect(binomialUpperTail(3, 10, 0.3)).toBeCloseTo(0.6172172136000003, 12);
    expect(binomialUpperTail(10, 10, 0.3)).toBeCloseTo(5.9048999999999975e-6, 15);
    expect(binomialUpperTail(30, 30, 0.9)).toBeCloseTo(0.04239115827521624, 12);
    expect(binomialLowerTail(2, 30, 0.2)).toBeCloseTo(0.044178985151997086, 12);
    expect(binomialLowerTail(0, 10, 0.3)).toBeCloseTo(0.028247524900000005, 12);
    expect(binomialLowerTail(4, 10, 0.3)).toBeCloseTo(0.8497316674000001, 12);
    expect(binomialLowerTail(9, 10, 0.3)).toBeCloseTo(0.9999940951, 12);
  });

  it('the edges are exact: k outside 1..n, p at 0 or 1', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(-2, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(1, 10, 0)).toBe(0);
    expect(binomialUpperTail(10, 10, 1)).toBe(1);
    expect(binomialUpperTail(0, 0, 0.5)).toBe(1);
    expect(binomialLowerTail(-1, 10, 0.3)).toBe(0);
    expect(binomialLowerTail(10, 10, 0.3)).toBe(1);
    expect(binomialLowerTail(12, 10, 0.3)).toBe(1);
    expect(binomialLowerTail(0, 10, 0)).toBe(1);
    expect(binomialLowerTail(9, 10, 1)).toBe(0);
  });

  it('refuses a k or n that is not a whole number, a negative n and a p outside [0,1]', () => {
    expect(() => binomialUpperTail(1.5, 10, 0.3)).toThrow('binomialUpperTail: k and n must be whole numbers, got 1.5, 10');
    expect(() => binomialUpperTail(1, 10.5, 0.3)).toThrow('k and n must be whole numbers, got 1, 10.5');
    expect(() => binomialUpperTail(1, -1, 0.3)).toThrow('k and n must be whole numbers, got 1, -1');
    expect(() => binomialUpperTail(1, 10, 1.01)).toThrow('binomialUpperTail: p must be in [0,1], got 1.01');
    expect(() => binomialUpperTail(1, 10, -0.01)).toThrow('p must be in [0,1], got -0.01');
    expect(() => binomialUpperTail(1, 10, Number.NaN)).toThrow('p must be in [0,1], got NaN');
    expect(() => binomialLowerTail(1, 10, 2)).toThrow(RangeError);
  });
});

describe('Clopper–Pearson interval', () => {
  it('matches scipy’s beta quantiles, at 95% by default and at another level', () => {
    const [lo, hi] = clopperPearson(7, 30);
    expect(lo).toBeCloseTo(0.09933786495801974, 9);
    expect(hi).toBeCloseTo(0.4228365229782195, 9);
    const [lo90, hi90] = clopperPearson(3, 12, 0.9);
    expect(lo90).toBeCloseTo(0.07187025554226982, 9);
    expect(hi90).toBeCloseTo(0.5273266035603434, 9);
  });

  it('ends at 0 when nothing passed and at 1 when everything did, the other end from scipy', () => {
    expect(clopperPearson(0, 20)).toEqual([0, expect.closeTo(0.1684334709830853, 9)]);
    expect(clopperPearson(20, 20)).toEqual([expect.closeTo(0.8315665290169147, 9), 1]);
    expect(clopperPearson(0, 30)[0]).toBe(0);
    expect(clopperPearson(30, 30)[1]).toBe(1);
  });

  it('refuses k outside 0..n, n of 0 and numbers that are not whole', () => {
    for (const [k, n] of [
      [-1, 10],
      [11, 10],
      [0, 0],
      [1.5, 10],
      [1, 10.5],
    ] as const)
      expect(() => clopperPearson(k, n)).toThrow(`clopperPearson: need whole numbers 0 ≤ k ≤ n, n > 0; got k = ${k}, n = ${n}`);
  });
});

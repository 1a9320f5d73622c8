import { describe, expect, it } from 'vitest';
import { KALSHI_FEES, KALSHI_FEES_WITH_MAKER, makerFee, takerFee, tickGrid } from '../../src/market/index.js';

// Worked examples from Kalshi's fee schedule as quoted in ../shared/docs/KALSHI_API.md §7:
// taker 0.07 × C × P × (1−P) rounded up to the cent; maker 0.0175 × … on maker-fee series.
describe('Kalshi fee schedule', () => {
  it('charges 18¢ to take 10 contracts at 50¢ (0.175 rounded up)', () => {
    expect(takerFee(10, 50)).toBe(18);
  });

  it('charges $1.24 taker and 31¢ maker for 100 contracts at 23¢', () => {
    expect(takerFee(100, 23)).toBe(124); // 1.2397 → 1.24
    expect(makerFee(100, 23)).toBe(31); // 0.309925 → 0.31
  });

  it('rounds a tiny fee up to one cent: 1 contract at 5¢ = 0.003325 → 1¢', () => {
    expect(takerFee(1, 5)).toBe(1);
  });

  it('maker-fee series: 10 at 50¢ → 0.04375 → 5¢; plain series charge makers nothing', () => {
    expect(makerFee(10, 50, { schedule: KALSHI_FEES_WITH_MAKER })).toBe(5);
    expect(makerFee(10, 50, { schedule: KALSHI_FEES })).toBe(0);
  });

  it('is symmetric in price (P(1−P)) and exact when the product is a whole number of cents', () => {
    for (let p = 1; p < 100; p++) expect(takerFee(37, p)).toBe(takerFee(37, 100 - p));
    expect(takerFee(100, 50)).toBe(175); // 0.07 × 100 × 0.25 = 1.75 exactly
  });

  it("works on a finer grid in the grid's money units (0.1¢)", () => {
    const grid = tickGrid(1000);
    // 10 contracts at 50.0¢ on the 0.1¢ grid: still 18¢ = 180 tenths of a cent
    expect(takerFee(10, 500, { grid })).toBe(180);
  });
});

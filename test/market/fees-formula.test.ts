import { describe, expect, it } from 'vitest';
import {
  CENT_GRID,
  DECI_CENT_GRID,
  KALSHI_FEES,
  makerFee,
  rateToBasisPoints,
  resolutionValue,
  TAPERED_DECI_CENT_GRID,
  takerFee,
} from '../../src/market/index.js';
import { chargeFill, feeHeadroom, feeRates, worstPriceTerm } from '../../src/market/order-fees.js';

// Kalshi's fee formula, KALSHI_API.md §7: fee = roundUp_to_cent(rate × C × P × (1 − P)), taker rate 0.07, maker 0.0175
// on maker-fee series; an order's total fee equals the cent-rounded fee of the whole order however it is split into
// fills ("fee_rounding"). Every number below is worked by hand from that formula.
const BUY = 0;
const SELL = 1;

describe('fee rates', () => {
  it('reads rates with at most four decimals as integer basis points', () => {
    expect([0, 0.0175, 0.07, 1].map((r) => rateToBasisPoints(r))).toEqual([0, 175, 700, 10_000]);
    expect(feeRates({ takerRate: 0.07, makerRate: 0.0175 })).toEqual({ takerBp: 700, makerBp: 175 });
  });

  it('refuses rates outside [0, 1], NaN and a fifth decimal, naming the field', () => {
    for (const rate of [-0.01, 1.01, Number.NaN, 0.00005])
      expect(() => rateToBasisPoints(rate)).toThrow(`rate must be in [0, 1] with at most 4 decimals (0.07, 0.0175), got ${rate}`);
    expect(() => takerFee(1, 50, { schedule: { takerRate: 1.5, makerRate: 0 } })).toThrow(/^takerRate must be in \[0, 1\]/);
    expect(() => makerFee(1, 50, { schedule: { takerRate: 0.07, makerRate: -1 } })).toThrow(/^makerRate must be in \[0, 1\]/);
    expect(() => feeRates({ takerRate: 2, makerRate: 0 })).toThrow(/^fees\.takerRate must be/);
    expect(() => feeRates({ takerRate: 0.07, makerRate: 0.00001 })).toThrow(/^fees\.makerRate must be/);
  });

  it('a 100 % rate charges the whole P(1 − P): 1 contract at 50¢ → 25¢', () => {
    expect(takerFee(1, 50, { schedule: { takerRate: 1, makerRate: 0 } })).toBe(25);
  });

  it('on the 0.1¢ grids: 100 contracts at 5.5¢ → 0.07 × 100 × 0.055 × 0.945 = 0.363825 → 37¢ = 370 tenths', () => {
    expect(takerFee(100, 55, { grid: DECI_CENT_GRID })).toBe(370);
    expect(takerFee(100, 55, { grid: TAPERED_DECI_CENT_GRID })).toBe(370);
    // maker 0.0175 × 100 × 0.055 × 0.945 = 0.09095625 → 10¢ = 100 tenths
    expect(makerFee(100, 55, { grid: TAPERED_DECI_CENT_GRID })).toBe(100);
    expect(makerFee(100, 55, { grid: DECI_CENT_GRID, schedule: KALSHI_FEES })).toBe(0);
  });
});

describe('worst-case fee term of an order (the price it may trade at nearest 50¢)', () => {
  it('a buy trades at or below its limit: below 50¢ the limit itself, from 50¢ up the peak 50 × 50', () => {
    expect([20, 49, 50, 70].map((limit) => worstPriceTerm(BUY, limit, CENT_GRID))).toEqual([20 * 80, 49 * 51, 2500, 2500]);
  });

  it('a sell trades at or above its limit: above 50¢ the limit itself, up to 50¢ the peak', () => {
    expect([80, 51, 50, 30].map((limit) => worstPriceTerm(SELL, limit, CENT_GRID))).toEqual([80 * 20, 51 * 49, 2500, 2500]);
  });

  it('on the 0.1¢ grid the peak is 500 × 500', () => {
    expect(worstPriceTerm(BUY, 455, DECI_CENT_GRID)).toBe(455 * 545);
    expect(worstPriceTerm(SELL, 455, DECI_CENT_GRID)).toBe(500 * 500);
  });
});

describe('fees per fill add up to the fee of the whole order', () => {
  // 10 contracts at 50¢: 0.07 × 10 × 0.25 = $0.175 → 18¢ (KALSHI_API.md §7 example a). The numerator is in units of
  // 1/(100 × 100²) cent on the cent grid: 700 bp × 10 × 50 × 50 = 17,500,000 → 17.5¢.
  it('one contract at a time: the cumulative fee 1.75k¢ rounded up, so the charges are 2,2,2,1,2,2,2,1,2,2 = 18¢', () => {
    let num = 0;
    const charges: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [fee, next] = chargeFill(num, 700, 1, 50, CENT_GRID);
      charges.push(fee);
      num = next;
    }
    expect(charges).toEqual([2, 2, 2, 1, 2, 2, 2, 1, 2, 2]);
    expect(num).toBe(17_500_000);
  });

  it('3 then 7: 5.25¢ → 6¢ first, then 12¢ to reach 18¢; a zero rate charges nothing and keeps the numerator', () => {
    const [first, num] = chargeFill(0, 700, 3, 50, CENT_GRID);
    expect([first, num]).toEqual([6, 5_250_000]);
    expect(chargeFill(num, 700, 7, 50, CENT_GRID)).toEqual([12, 17_500_000]);
    expect(chargeFill(num, 0, 7, 50, CENT_GRID)).toEqual([0, num]);
  });

  it('the headroom of the rest of an order is what is left of its whole-order fee', () => {
    // before any fill: the whole 18¢; after 3 filled (6¢ charged): 18 − 6 = 12¢ for the other 7
    expect(feeHeadroom(0, 700, 10, 2500, CENT_GRID)).toBe(18);
    expect(feeHeadroom(5_250_000, 700, 7, 2500, CENT_GRID)).toBe(12);
    expect(feeHeadroom(5_250_000, 0, 7, 2500, CENT_GRID)).toBe(0);
    expect(feeHeadroom(5_250_000, 700, 0, 2500, CENT_GRID)).toBe(0);
    // a buy limited at 20¢: 0.07 × 10 × 0.2 × 0.8 = 0.112 → 12¢ (not the 18¢ of the peak)
    expect(feeHeadroom(0, 700, 10, worstPriceTerm(BUY, 20, CENT_GRID), CENT_GRID)).toBe(12);
  });
});

describe('settlement value of a resolution', () => {
  it('YES pays the whole contract, NO nothing, a scalar its value in ticks', () => {
    expect(resolutionValue(CENT_GRID, 'yes')).toBe(100);
    expect(resolutionValue(DECI_CENT_GRID, 'yes')).toBe(1000);
    expect(resolutionValue(CENT_GRID, 'no')).toBe(0);
    expect([0, 50, 100].map((yesValue) => resolutionValue(CENT_GRID, { yesValue }))).toEqual([0, 50, 100]);
  });

  it('refuses a scalar value off the grid, naming the range', () => {
    for (const yesValue of [-1, 101, 50.5])
      expect(() => resolutionValue(CENT_GRID, { yesValue })).toThrowError(
        expect.objectContaining({ code: 'INVALID_PRICE', message: `settlement yesValue must be an integer in 0..100, got ${yesValue}` }),
      );
  });
});

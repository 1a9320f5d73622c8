import { describe, expect, it } from 'vitest';
import {
  assertPrice,
  assertQuantity,
  CENT_GRID,
  DECI_CENT_GRID,
  priceGrid,
  roundPrice,
  TAPERED_DECI_CENT_GRID,
  tickDown,
  tickUp,
} from '../../src/market/index.js';

// Rounding on the grids of KALSHI_API.md §3 (linear_cent 1¢; deci_cent 0.1¢; tapered_deci_cent 0.1¢ below 10¢ and
// above 90¢, 1¢ between — prices in tenths of a cent on the 0.1¢ grids). Buyers round down and sellers up, so a
// rounded limit is never worse than the one asked for; every expected price is read off those ranges by hand.
describe('rounding prices to the grid', () => {
  it('cent grid: fractions go down for buyers and up for sellers; whole prices stay', () => {
    expect([roundPrice(CENT_GRID, 50.5, 'down'), roundPrice(CENT_GRID, 50.5, 'up')]).toEqual([50, 51]);
    expect([roundPrice(CENT_GRID, 50.01, 'up'), roundPrice(CENT_GRID, 50.99, 'down')]).toEqual([51, 50]);
    expect([roundPrice(CENT_GRID, 37, 'down'), roundPrice(CENT_GRID, 37, 'up')]).toEqual([37, 37]);
  });

  it('clamps to 1…99 (cent) and 1…999 (0.1¢) from outside, including the ends themselves', () => {
    expect([roundPrice(CENT_GRID, 0.2, 'up'), roundPrice(CENT_GRID, 0.2, 'down'), roundPrice(CENT_GRID, -5, 'up')]).toEqual([1, 1, 1]);
    expect([roundPrice(CENT_GRID, 99.5, 'down'), roundPrice(CENT_GRID, 99.5, 'up'), roundPrice(CENT_GRID, 150, 'down')]).toEqual([
      99, 99, 99,
    ]);
    expect([roundPrice(CENT_GRID, 1, 'down'), roundPrice(CENT_GRID, 99, 'up')]).toEqual([1, 99]);
    expect([roundPrice(DECI_CENT_GRID, 999.4, 'up'), roundPrice(DECI_CENT_GRID, 0.4, 'down')]).toEqual([999, 1]);
  });

  it('tapered grid: in the 1¢ band a buyer at 54.5¢ gets 54¢ and a seller 55¢; in the 0.1¢ tails every tenth is a price', () => {
    const g = TAPERED_DECI_CENT_GRID;
    expect([roundPrice(g, 545, 'down'), roundPrice(g, 545, 'up')]).toEqual([540, 550]);
    expect([roundPrice(g, 101, 'down'), roundPrice(g, 101, 'up')]).toEqual([100, 110]);
    expect([roundPrice(g, 899, 'down'), roundPrice(g, 899, 'up')]).toEqual([890, 900]);
    expect([roundPrice(g, 57, 'down'), roundPrice(g, 57, 'up'), roundPrice(g, 957.2, 'up')]).toEqual([57, 57, 958]);
  });

  it('a grid whose ranges end inside the payout rounds to its own ends (20…60 step 20)', () => {
    const g = priceGrid(100, [{ start: 20, end: 60, step: 20 }]);
    expect([roundPrice(g, 5, 'up'), roundPrice(g, 5, 'down'), roundPrice(g, 95, 'down'), roundPrice(g, 95, 'up')]).toEqual([
      20, 20, 60, 60,
    ]);
    expect([roundPrice(g, 41, 'down'), roundPrice(g, 41, 'up')]).toEqual([40, 60]);
  });

  it('one tick up and down, from fractional prices too, and staying put at the ends', () => {
    expect([tickUp(CENT_GRID, 50), tickUp(CENT_GRID, 50.5), tickDown(CENT_GRID, 50), tickDown(CENT_GRID, 50.5)]).toEqual([51, 51, 49, 50]);
    expect([tickUp(CENT_GRID, 120), tickDown(CENT_GRID, -3)]).toEqual([99, 1]);
    const g = TAPERED_DECI_CENT_GRID;
    expect([tickUp(g, 105), tickDown(g, 105), tickUp(g, 950), tickDown(g, 950)]).toEqual([110, 100, 951, 949]);
  });
});

describe('grid construction: the limits of the payout and of each range', () => {
  it('refuses a payout of 0 or below', () => {
    for (const units of [0, -100])
      expect(() => priceGrid(units, [{ start: 0, end: 100, step: 1 }])).toThrow(
        `tick grid: unitsPerContract must be a multiple of 100 between 100 and 100000, got ${units}`,
      );
  });

  it('refuses fractional ends that would otherwise fit, and a negative step', () => {
    for (const r of [
      { start: 0.5, end: 10.5, step: 1 },
      { start: 0, end: 10, step: -1 },
    ])
      expect(() => priceGrid(100, [r])).toThrow(
        `tick grid: price range 0 must be integers 0 ≤ start < end ≤ 100 with (end − start) a multiple of step > 0, got ${JSON.stringify(r)}`,
      );
  });

  it('steps count from the start of the range: 10…100 step 30 gives 10, 40, 70 (100 is the payout)', () => {
    const g = priceGrid(100, [{ start: 10, end: 100, step: 30 }]);
    expect([g.minPrice, g.maxPrice]).toEqual([10, 70]);
    expect([10, 40, 70].every((p) => g.valid[p] === 1)).toBe(true);
    expect(g.valid.reduce((s, v) => s + v, 0)).toBe(3);
  });
});

describe('price and quantity errors', () => {
  it('a one-range grid with a step other than 1 names the grid and its range', () => {
    const g = priceGrid(100, [{ start: 0, end: 100, step: 5 }]);
    expect(() => assertPrice(g, 7)).toThrow('price must be a price on the custom grid (0..100 step 5; round with roundPrice), got 7');
  });

  it('errors carry the field and the value as details', () => {
    expect(() => assertPrice(CENT_GRID, 0, 'limit')).toThrowError(expect.objectContaining({ details: { field: 'limit', price: 0 } }));
    expect(() => assertQuantity(-2, 'size')).toThrowError(expect.objectContaining({ details: { field: 'size', qty: -2 } }));
  });
});

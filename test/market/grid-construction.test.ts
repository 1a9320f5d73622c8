import { describe, expect, it } from 'vitest';
import {
  assertPrice,
  assertQuantity,
  CENT_GRID,
  complement,
  DECI_CENT_GRID,
  gridForStructure,
  isValidPrice,
  priceGrid,
  TAPERED_DECI_CENT_GRID,
  tickDown,
  tickGrid,
  tickUp,
} from '../../src/market/index.js';

// The grids as KALSHI_API.md §3 defines them (linear_cent 1¢ ticks; deci_cent 0.1¢; tapered_deci_cent 0.1¢ below
// 10¢ and above 90¢, 1¢ between); every count below is worked by hand from those ranges.
describe('tick grids: construction and validation', () => {
  it('the named grids: names, units, ends and the number of valid prices', () => {
    const count = (g: { valid: Uint8Array }) => g.valid.reduce((s, v) => s + v, 0);
    expect(CENT_GRID).toMatchObject({ name: 'linear_cent', unitsPerContract: 100, unitsPerCent: 1, minPrice: 1, maxPrice: 99 });
    expect(count(CENT_GRID)).toBe(99);
    expect(DECI_CENT_GRID).toMatchObject({ name: 'deci_cent', unitsPerContract: 1000, unitsPerCent: 10, minPrice: 1, maxPrice: 999 });
    expect(count(DECI_CENT_GRID)).toBe(999);
    // 1…99 (99 prices), 100…900 step 10 (81), 901…999 (99)
    expect(count(TAPERED_DECI_CENT_GRID)).toBe(99 + 81 + 99);
    expect([
      TAPERED_DECI_CENT_GRID.valid[100],
      TAPERED_DECI_CENT_GRID.valid[105],
      TAPERED_DECI_CENT_GRID.valid[900],
      TAPERED_DECI_CENT_GRID.valid[901],
    ]).toEqual([1, 0, 1, 1]);
    expect(tickGrid(200)).toMatchObject({ name: 'custom', unitsPerCent: 2, maxPrice: 199 });
    expect(priceGrid(100, [{ start: 0, end: 100, step: 5 }])).toMatchObject({ name: 'custom', minPrice: 5, maxPrice: 95 });
    expect(gridForStructure('linear_cent')).toBe(CENT_GRID);
    expect(gridForStructure('tapered_deci_cent')).toBe(TAPERED_DECI_CENT_GRID);
    expect(() => gridForStructure('quarter_cent')).toThrow(
      'unknown price_level_structure "quarter_cent"; known: linear_cent, deci_cent, tapered_deci_cent',
    );
  });

  it('a grid whose ranges end inside the payout keeps its true ends', () => {
    const g = priceGrid(100, [{ start: 20, end: 60, step: 20 }]);
    expect([g.minPrice, g.maxPrice]).toEqual([20, 60]);
    expect([isValidPrice(g, 20), isValidPrice(g, 40), isValidPrice(g, 30), isValidPrice(g, 80)]).toEqual([true, true, false, false]);
    // the ranges are copied and frozen
    expect(Object.isFrozen(g.ranges[0])).toBe(true);
  });

  it('refuses payouts that are not a multiple of 100 in 100…100000, no ranges, bad ranges, and ranges with no inner price', () => {
    for (const units of [50, 150, 100_100, 100.5])
      expect(() => priceGrid(units, [{ start: 0, end: 100, step: 1 }])).toThrow(
        `tick grid: unitsPerContract must be a multiple of 100 between 100 and 100000, got ${units}`,
      );
    expect(priceGrid(100_000, [{ start: 0, end: 100_000, step: 1000 }]).maxPrice).toBe(99_000);
    expect(() => priceGrid(100, [])).toThrow('tick grid: at least one price range is required');
    const bad = [
      { start: 0, end: 100, step: 0 },
      { start: -10, end: 100, step: 10 },
      { start: 0, end: 110, step: 10 },
      { start: 50, end: 50, step: 1 },
      { start: 0, end: 100, step: 3 },
      { start: 0.5, end: 100, step: 1 },
    ];
    for (const r of bad)
      expect(() => priceGrid(100, [{ start: 0, end: 100, step: 1 }, r])).toThrow(
        `tick grid: price range 1 must be integers 0 ≤ start < end ≤ 100 with (end − start) a multiple of step > 0, got ${JSON.stringify(r)}`,
      );
    expect(() => priceGrid(100, [{ start: 0, end: 100, step: 100 }])).toThrow(
      'tick grid: the price ranges allow no price strictly between 0 and the payout',
    );
  });

  it('prices and quantities at the boundary; complement; ticks at the ends stay put', () => {
    expect([
      isValidPrice(CENT_GRID, 0),
      isValidPrice(CENT_GRID, 1),
      isValidPrice(CENT_GRID, 99),
      isValidPrice(CENT_GRID, 100),
      isValidPrice(CENT_GRID, 50.5),
    ]).toEqual([false, true, true, false, false]);
    expect(() => assertPrice(CENT_GRID, 0)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PRICE', message: 'price must be an integer tick in 1..99, got 0' }),
    );
    expect(() => assertPrice(CENT_GRID, 100, 'limit')).toThrow('limit must be an integer tick in 1..99, got 100');
    expect(() => assertPrice(TAPERED_DECI_CENT_GRID, 455)).toThrow(
      'price must be a price on the tapered_deci_cent grid (0..100 step 1, 100..900 step 10, 900..1000 step 1; round with roundPrice), got 455',
    );
    expect(() => assertQuantity(0)).toThrowError(
      expect.objectContaining({ code: 'INVALID_QUANTITY', message: 'count must be a positive whole number of contracts, got 0' }),
    );
    expect(() => assertQuantity(2_000_000_001, 'size')).toThrow('size must be a positive whole number of contracts, got 2000000001');
    expect(() => assertQuantity(1.5)).toThrow(/got 1.5/);
    expect(() => assertQuantity(2_000_000_000)).not.toThrow();
    expect(complement(CENT_GRID, 30)).toBe(70);
    expect(complement(DECI_CENT_GRID, 455)).toBe(545);
    expect([tickUp(CENT_GRID, 99), tickUp(CENT_GRID, 98), tickDown(CENT_GRID, 1), tickDown(CENT_GRID, 2)]).toEqual([99, 99, 1, 1]);
    expect([
      tickUp(TAPERED_DECI_CENT_GRID, 99),
      tickUp(TAPERED_DECI_CENT_GRID, 100),
      tickDown(TAPERED_DECI_CENT_GRID, 110),
      tickDown(TAPERED_DECI_CENT_GRID, 100),
    ]).toEqual([100, 110, 100, 99]);
  });
});

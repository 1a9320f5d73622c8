import { describe, expect, it } from 'vitest';

// The named grids are built when src/market/grid.ts loads. This file imports it inside the test (not at the top), so
// a module that fails to load, or builds a wrong grid, fails a test here instead of leaving a test file with no tests.
describe('the grid module loads and builds the three Kalshi grids (KALSHI_API.md §3)', () => {
  it('linear_cent 1…99, deci_cent 1…999, tapered_deci_cent 0.1¢ below 10¢ and above 90¢ and 1¢ between', async () => {
    const grid = await import('../../src/market/grid.js');
    const count = (g: { valid: Uint8Array }) => g.valid.reduce((s, v) => s + v, 0);
    expect(grid.CENT_GRID).toMatchObject({ name: 'linear_cent', unitsPerContract: 100, unitsPerCent: 1, minPrice: 1, maxPrice: 99 });
    expect(count(grid.CENT_GRID)).toBe(99);
    expect(grid.DECI_CENT_GRID).toMatchObject({ name: 'deci_cent', unitsPerContract: 1000, unitsPerCent: 10, minPrice: 1, maxPrice: 999 });
    expect(count(grid.DECI_CENT_GRID)).toBe(999);
    expect(grid.TAPERED_DECI_CENT_GRID).toMatchObject({ name: 'tapered_deci_cent', unitsPerContract: 1000, minPrice: 1, maxPrice: 999 });
    // 1…99 (99 prices), 100…900 step 10 (81), 901…999 (99)
    expect(count(grid.TAPERED_DECI_CENT_GRID)).toBe(99 + 81 + 99);
    expect(grid.TAPERED_DECI_CENT_GRID.ranges).toEqual([
      { start: 0, end: 100, step: 1 },
      { start: 100, end: 900, step: 10 },
      { start: 900, end: 1000, step: 1 },
    ]);
    expect(grid.CENT_GRID.ranges).toEqual([{ start: 0, end: 100, step: 1 }]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  CENT_GRID,
  DECI_CENT_GRID,
  Exchange,
  gridForStructure,
  isValidPrice,
  KALSHI_FEES,
  priceGrid,
  roundPrice,
  TAPERED_DECI_CENT_GRID,
  tickDown,
  tickUp,
} from '../../src/market/index.js';

describe('tick grids (KALSHI_API.md §3: linear_cent, deci_cent, tapered_deci_cent)', () => {
  it('linear_cent allows 1…99; deci_cent allows every tenth of a cent 1…999', () => {
    expect([0, 1, 50, 99, 100, 50.5].map((p) => isValidPrice(CENT_GRID, p))).toEqual([false, true, true, true, false, false]);
    expect([0, 1, 505, 999, 1000].map((p) => isValidPrice(DECI_CENT_GRID, p))).toEqual([false, true, true, true, false]);
    expect(gridForStructure('deci_cent')).toBe(DECI_CENT_GRID);
    expect(() => gridForStructure('quarter_cent')).toThrow(/unknown price_level_structure/);
  });

  it('tapered_deci_cent: 0.1¢ steps below 10¢ and above 90¢, 1¢ steps between (prices in tenths of a cent)', () => {
    const g = TAPERED_DECI_CENT_GRID;
    // 0.1¢, 9.9¢, 10¢ valid; 10.5¢ not; 11¢ valid; 89.5¢ not; 90¢, 90.1¢, 99.9¢ valid
    expect([1, 99, 100, 105, 110, 895, 900, 901, 999].map((p) => isValidPrice(g, p))).toEqual([
      true,
      true,
      true,
      false,
      true,
      false,
      true,
      true,
      true,
    ]);
    let n = 0;
    for (let p = 1; p < 1000; p++) n += g.valid[p]!;
    expect(n).toBe(100 + 79 + 100); // 1…100, 110…890 by 10, 900…999
    expect(g).toMatchObject({ minPrice: 1, maxPrice: 999, unitsPerCent: 10, name: 'tapered_deci_cent' });
  });

  it('rounds to the grid without making a limit worse: buyers down, sellers up', () => {
    const g = TAPERED_DECI_CENT_GRID;
    expect(roundPrice(g, 455, 'down')).toBe(450);
    expect(roundPrice(g, 455, 'up')).toBe(460);
    expect(roundPrice(g, 95.5, 'down')).toBe(95);
    expect(roundPrice(g, 0, 'down')).toBe(1);
    expect(roundPrice(g, 1200, 'up')).toBe(999);
    expect([tickUp(g, 99), tickUp(g, 100), tickUp(g, 890), tickUp(g, 999)]).toEqual([100, 110, 900, 999]);
    expect([tickDown(g, 901), tickDown(g, 900), tickDown(g, 110), tickDown(g, 1)]).toEqual([900, 890, 100, 1]);
  });

  it('refuses malformed ranges with the field and the fix', () => {
    expect(() => priceGrid(1000, [{ start: 0, end: 1000, step: 3 }])).toThrow(/multiple of step/);
    expect(() => priceGrid(150, [{ start: 0, end: 150, step: 1 }])).toThrow(/multiple of 100/);
    expect(() => priceGrid(100, [])).toThrow(/at least one price range/);
  });
});

describe('NO orders and asks on a sub-penny grid', () => {
  function market() {
    const ex = new Exchange();
    ex.listMarket({ ticker: 'T', grid: TAPERED_DECI_CENT_GRID, fees: KALSHI_FEES });
    return { ex, a: ex.openAccount('a', 100_000), b: ex.openAccount('b', 100_000) }; // 100,000 units = $100 at 0.1¢ units
  }

  it('buy NO at 0.5¢ is an ask YES at 99.5¢, valid in the fine tail; it locks 0.5¢ per contract', () => {
    const { ex, a } = market();
    const r = ex.submitOrder(a, { ticker: 'T', outcome: 'no', action: 'buy', price: 5, count: 10, timeInForce: 'gtc' });
    expect(r).toMatchObject({ side: 'ask', price: 995, status: 'resting' });
    expect(ex.account(a)).toMatchObject({ cash: 100_000 - 50, reserved: 50 });
    expect(ex.depth('T').no).toEqual([{ price: 5, qty: 10, orders: 1 }]);
  });

  it('buy NO at 45.5¢ would be YES 54.5¢, off the 1¢ middle band: rejected, nothing locked; 45¢ is fine', () => {
    const { ex, a } = market();
    expect(() => ex.submitOrder(a, { ticker: 'T', outcome: 'no', action: 'buy', price: 455, count: 1, timeInForce: 'gtc' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_PRICE', message: expect.stringContaining('tapered_deci_cent') }),
    );
    expect(() => ex.submitOrder(a, { ticker: 'T', side: 'ask', price: 545, count: 1, timeInForce: 'gtc' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_PRICE' }),
    );
    expect(ex.account(a)).toMatchObject({ cash: 100_000, reserved: 0 });
    expect(ex.submitOrder(a, { ticker: 'T', outcome: 'no', action: 'buy', price: 450, count: 1, timeInForce: 'gtc' })).toMatchObject({
      side: 'ask',
      price: 550,
    });
  });

  it('an ask at 99.5¢ trades with a YES bid there; fees are cents of a 0.1¢ grid; a tie settles at 50¢', () => {
    const { ex, a, b } = market();
    ex.deposit(b, 100_000); // the bid locks 99.9¢ × 100 plus the worst-case fee headroom
    ex.submitOrder(a, { ticker: 'T', side: 'ask', price: 995, count: 100, timeInForce: 'gtc' });
    const r = ex.submitOrder(b, { ticker: 'T', side: 'bid', price: 999, count: 100, timeInForce: 'ioc' });
    // taker 0.07 × 100 × 0.995 × 0.005 = $0.034825 → 4¢ = 40 units (KALSHI_API.md §7 formula)
    expect(r).toMatchObject({ fillCount: 100, averageFillPrice: 995, fees: 40 });
    expect(ex.account(b)).toMatchObject({ cash: 200_000 - 99_500 - 40, reserved: 0, positions: [{ qty: 100 }] });
    expect(ex.account(a)).toMatchObject({ cash: 100_000 - 500, positions: [{ qty: -100, costBasis: 500 }] });
    const paid = ex.settle('T', { yesValue: 500 });
    expect([paid.get(a), paid.get(b)]).toEqual([50_000, 50_000]);
    const audit = ex.audit();
    expect(audit.cash + audit.fees).toBe(audit.deposited);
  });
});

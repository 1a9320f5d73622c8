import { describe, expect, it } from 'vitest';
import { DECI_CENT_GRID, Exchange, NO_FEES } from '../../src/market/index.js';

// Expected values by hand from Kalshi's order model (KALSHI_API.md §0a): a YES ask at p shows as a NO bid at
// 100 − p; count = filled + resting; collateral p per YES contract bought, 100 − p per NO.
function setup() {
  const ex = new Exchange();
  ex.listMarket({ ticker: 'A', fees: NO_FEES });
  ex.listMarket({ ticker: 'B', fees: NO_FEES, title: 'Market B' });
  const alice = ex.openAccount('alice', 10_000);
  const bob = ex.openAccount('bob', 10_000);
  return { ex, alice, bob };
}

describe('Exchange views: markets, resting orders, depth', () => {
  it('markets by ticker and index; unknown ones are refused with the listed tickers', () => {
    const { ex } = setup();
    expect(ex.market('B').title).toBe('Market B');
    expect(ex.market('A').title).toBe('A');
    expect(ex.market('B').index).toBe(1);
    // asked again (the last-ticker cache), and alternating
    expect(ex.market('B').ticker).toBe('B');
    expect(ex.market('A').ticker).toBe('A');
    expect(ex.marketAt(1).ticker).toBe('B');
    expect(ex.markets.map((m) => m.ticker)).toEqual(['A', 'B']);
    expect(ex.findMarket('C')).toBeUndefined();
    expect(() => ex.market('C')).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_MARKET', message: 'unknown market "C"; listed: A, B' }),
    );
    expect(() => ex.marketAt(2)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_MARKET', message: 'unknown market index 2' }));
    expect(() => new Exchange().market('X')).toThrow(/listed: none/);
    expect(() => ex.listMarket({ ticker: '' })).toThrowError(expect.objectContaining({ code: 'INVALID_TICKER' }));
    expect(() => ex.listMarket({ ticker: 'A' })).toThrowError(
      expect.objectContaining({ code: 'DUPLICATE_MARKET', message: expect.stringContaining('market A is already listed') }),
    );
    expect(ex.accountCount).toBe(2);
    expect(ex.openAccount()).toBe(2);
    expect(ex.account(2)).toMatchObject({ name: 'account-2', cash: 0 });
    expect(() => ex.account(7)).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_ACCOUNT', message: expect.stringContaining('unknown account 7') }),
    );
  });

  it('a resting order’s price, remaining, filled and view; every open order of an account, oldest first', () => {
    const { ex, alice, bob } = setup();
    const a1 = ex.submitOrder(alice, { ticker: 'A', side: 'bid', price: 40, count: 10, timeInForce: 'gtc', clientOrderId: 'a1' }).orderId;
    const a2 = ex.submitOrder(alice, { ticker: 'B', side: 'ask', price: 70, count: 5, timeInForce: 'gtc' }).orderId;
    ex.submitOrder(bob, { ticker: 'A', side: 'bid', price: 35, count: 1, timeInForce: 'gtc' });
    // bob sells 4 into alice's bid
    ex.submitOrder(bob, { ticker: 'A', side: 'ask', price: 40, count: 4, timeInForce: 'ioc' });
    expect([ex.isOpen(a1), ex.restingPrice(a1), ex.remaining(a1), ex.filled(a1)]).toEqual([true, 40, 6, 4]);
    expect(ex.openOrder(a1)).toEqual({
      orderId: a1,
      clientOrderId: 'a1',
      accountId: alice,
      ticker: 'A',
      side: 'bid',
      price: 40,
      count: 10,
      fillCount: 4,
      remainingCount: 6,
    });
    expect(ex.openOrder(a2)).toMatchObject({ side: 'ask', ticker: 'B', clientOrderId: undefined, count: 5 });
    expect(ex.openOrders(alice).map((o) => o.orderId)).toEqual([a1, a2]);
    expect(ex.openOrders(bob)).toHaveLength(1);
    expect(ex.orderIdForClientId(alice, 'a1')).toBe(a1);
    expect(ex.orderIdForClientId(bob, 'a1')).toBeUndefined();
    ex.cancelOrder(a1);
    expect([ex.isOpen(a1), ex.restingPrice(a1), ex.remaining(a1), ex.filled(a1), ex.openOrder(a1)]).toEqual([false, 0, 0, 0, undefined]);
    expect(() => ex.cancelOrder(a1)).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_ORDER', message: `order ${a1} is not resting (unknown, filled or canceled)` }),
    );
  });

  it('depth shows YES bids and NO bids (asks as 100 − p), best first, with order counts, limited to maxLevels', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(alice, { ticker: 'A', side: 'bid', price: 40, count: 3, timeInForce: 'gtc' });
    ex.submitOrder(bob, { ticker: 'A', side: 'bid', price: 40, count: 2, timeInForce: 'gtc' });
    ex.submitOrder(bob, { ticker: 'A', side: 'bid', price: 38, count: 1, timeInForce: 'gtc' });
    ex.submitOrder(alice, { ticker: 'A', side: 'ask', price: 45, count: 4, timeInForce: 'gtc' });
    ex.submitOrder(bob, { ticker: 'A', side: 'ask', price: 47, count: 6, timeInForce: 'gtc' });
    expect(ex.depth('A')).toEqual({
      yes: [
        { price: 40, qty: 5, orders: 2 },
        { price: 38, qty: 1, orders: 1 },
      ],
      no: [
        { price: 55, qty: 4, orders: 1 },
        { price: 53, qty: 6, orders: 1 },
      ],
    });
    expect(ex.depth('A', 1)).toEqual({ yes: [{ price: 40, qty: 5, orders: 2 }], no: [{ price: 55, qty: 4, orders: 1 }] });
    // on the sub-penny grid the NO price is 1000 − p
    ex.listMarket({ ticker: 'D', grid: DECI_CENT_GRID, fees: NO_FEES });
    ex.submitOrder(alice, { ticker: 'D', side: 'ask', price: 455, count: 1, timeInForce: 'gtc' });
    expect(ex.depth('D').no).toEqual([{ price: 545, qty: 1, orders: 1 }]);
  });

  it('closing a market cancels what rests and frees its collateral; a closed market still settles once', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(alice, { ticker: 'A', side: 'bid', price: 40, count: 10, timeInForce: 'gtc' });
    ex.submitOrder(bob, { ticker: 'A', side: 'ask', price: 40, count: 5, timeInForce: 'ioc' });
    expect(ex.account(alice)).toMatchObject({ cash: 9_600, reserved: 200 });
    ex.closeMarket('A');
    ex.closeMarket('A'); // twice is harmless
    expect(ex.market('A').status).toBe('closed');
    expect(ex.openOrders(alice)).toEqual([]);
    expect(ex.account(alice)).toMatchObject({ cash: 9_800, reserved: 0 });
    const paid = ex.settle('A', { yesValue: 100 });
    expect(paid.get(alice)).toBe(500);
    expect(ex.market('A')).toMatchObject({ status: 'settled', settlementValue: 100 });
    expect(() => ex.settle('A', { yesValue: 0 })).toThrowError(
      expect.objectContaining({ code: 'MARKET_CLOSED', message: 'market A is already settled' }),
    );
    // bob sold 5 YES at 40 = bought 5 NO at 60 and lost them: 10,000 − 300; every cent is still there
    expect(ex.account(bob).cash).toBe(9_700);
    expect(ex.audit()).toMatchObject({ deposited: 20_000, cash: 20_000, reserved: 0, openPairValue: 0, fees: 0 });
  });
});

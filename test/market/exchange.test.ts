import { describe, expect, it } from 'vitest';
import { Exchange, KALSHI_FEES_WITH_MAKER, NO_FEES, OrderRejectedError } from '../../src/index.js';

function setup(fees = NO_FEES) {
  const ex = new Exchange();
  ex.listMarket({ ticker: 'M', fees });
  const alice = ex.openAccount('alice', 10_000);
  const bob = ex.openAccount('bob', 10_000);
  return { ex, alice, bob };
}

function conserved(ex: Exchange): void {
  const a = ex.audit();
  expect(a.cash + a.reserved + a.openPairValue + a.fees).toBe(a.deposited);
  a.yesHeld.forEach((y, i) => expect(y).toBe(a.noHeld[i]));
}

describe('Exchange: costs, collateral and the YES/NO equivalence', () => {
  it('buying YES at p costs p; buying NO at q costs 100−q; the two meet as one trade', () => {
    const { ex, alice, bob } = setup();
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 60, count: 10 });
    expect(ex.account(alice)).toMatchObject({ cash: 9_400, reserved: 600 });
    // a NO bid at 40 is a YES ask at 60: it crosses the YES bid at 60
    const r = ex.placeOrder(bob, { ticker: 'M', side: 'no', action: 'buy', price: 40, count: 10 });
    expect(r).toMatchObject({ status: 'executed', filled: 10, fills: [{ yesPrice: 60, price: 40, qty: 10 }] });
    expect(ex.account(alice)).toMatchObject({ cash: 9_400, reserved: 0, positions: [{ qty: 10, costBasis: 600 }] });
    expect(ex.account(bob)).toMatchObject({ cash: 9_600, reserved: 0, positions: [{ qty: -10, costBasis: 400 }] });
    conserved(ex);
  });

  it('shows depth as Kalshi does: YES bids and NO bids, best first', () => {
    const { ex, alice, bob } = setup();
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 45, count: 3 });
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 47, count: 2 });
    ex.placeOrder(bob, { ticker: 'M', side: 'no', action: 'buy', price: 50, count: 4 });
    expect(ex.depth('M')).toEqual({
      yes: [{ price: 47, qty: 2, orders: 1 }, { price: 45, qty: 3, orders: 1 }],
      no: [{ price: 50, qty: 4, orders: 1 }],
    });
  });

  it('selling what you hold needs no collateral and releases the cost', () => {
    const { ex, alice, bob } = setup();
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 30, count: 10 });
    ex.placeOrder(bob, { ticker: 'M', side: 'yes', action: 'sell', price: 30, count: 10 }); // bob opens NO at 70
    const before = ex.account(alice).cash;
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'sell', price: 80, count: 10 });
    expect(ex.account(alice).reserved).toBe(0);
    expect(ex.account(alice).cash).toBe(before);
    ex.placeOrder(bob, { ticker: 'M', side: 'yes', action: 'buy', price: 80, count: 10 }); // bob closes NO
    expect(ex.account(alice)).toMatchObject({ cash: 10_000 + 500, positions: [{ qty: 0, realizedPnl: 500 }] });
    expect(ex.account(bob)).toMatchObject({ cash: 10_000 - 500, positions: [{ qty: 0, realizedPnl: -500 }] });
    conserved(ex);
  });

  it('rejects an order it cannot pay for, and changes nothing', () => {
    const ex = new Exchange();
    ex.listMarket({ ticker: 'M' });
    const poor = ex.openAccount('poor', 100);
    const before = ex.account(poor);
    expect(() => ex.placeOrder(poor, { ticker: 'M', side: 'yes', action: 'buy', price: 50, count: 3 })).toThrowError(
      expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }),
    );
    expect(ex.account(poor)).toEqual(before);
    expect(ex.market('M').book.restingOrders).toBe(0);
    // 2 contracts at 50 = 100¢ plus a worst-case taker fee of 4¢ (0.035 rounded up) do not fit in 100¢
    expect(() => ex.placeOrder(poor, { ticker: 'M', side: 'yes', action: 'buy', price: 50, count: 2 })).toThrowError(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
    // 1 contract fits; once it rests (no taker fill, no maker fee) the fee headroom is released
    ex.placeOrder(poor, { ticker: 'M', side: 'yes', action: 'buy', price: 50, count: 1 });
    expect(ex.account(poor)).toMatchObject({ cash: 50, reserved: 50 });
  });

  it.each([
    [{ ticker: 'M', side: 'yes', action: 'buy', price: 0, count: 1 }, 'INVALID_PRICE'],
    [{ ticker: 'M', side: 'yes', action: 'buy', price: 100, count: 1 }, 'INVALID_PRICE'],
    [{ ticker: 'M', side: 'yes', action: 'buy', price: 50, count: 2.5 }, 'INVALID_QUANTITY'],
    [{ ticker: 'M', side: 'maybe', action: 'buy', price: 50, count: 1 }, 'INVALID_SIDE'],
    [{ ticker: 'NOPE', side: 'yes', action: 'buy', price: 50, count: 1 }, 'UNKNOWN_MARKET'],
    [{ ticker: 'M', side: 'yes', action: 'buy', count: 1 }, 'INVALID_PRICE'],
  ])('rejects %j with %s', (req, code) => {
    const { ex, alice } = setup();
    expect(() => ex.placeOrder(alice, req as never)).toThrowError(OrderRejectedError);
    expect(() => ex.placeOrder(alice, req as never)).toThrowError(expect.objectContaining({ code }));
    expect(ex.account(alice)).toMatchObject({ cash: 10_000, reserved: 0 });
  });

  it('rejects unknown accounts and unknown order ids', () => {
    const { ex } = setup();
    expect(() => ex.placeOrder(99, { ticker: 'M', side: 'yes', action: 'buy', price: 5, count: 1 })).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ACCOUNT' }));
    expect(() => ex.cancelOrder(12345)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
  });
});

describe('Exchange: fees', () => {
  it('charges the taker 0.07·C·P·(1−P) rounded up, and the maker on maker-fee series', () => {
    const { ex, alice, bob } = setup(KALSHI_FEES_WITH_MAKER);
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 23, count: 100 });
    const r = ex.placeOrder(bob, { ticker: 'M', side: 'yes', action: 'sell', price: 23, count: 100 });
    expect(r.fees).toBe(124);
    expect(ex.account(bob).feesPaid).toBe(124);
    expect(ex.account(alice).feesPaid).toBe(31);
    expect(ex.feesCollected).toBe(155);
    expect(ex.account(alice).reserved).toBe(0); // fee headroom released once filled
    conserved(ex);
  });

  it('an order filled in several pieces pays the fee of the whole order, not a cent per piece', () => {
    const { ex, alice, bob } = setup(KALSHI_FEES_WITH_MAKER);
    for (let i = 0; i < 10; i++) ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'sell', price: 50, count: 1 });
    const r = ex.placeOrder(bob, { ticker: 'M', side: 'yes', action: 'buy', price: 50, count: 10 });
    expect(r.fills).toHaveLength(10);
    expect(r.fees).toBe(18); // same as one 10-lot: 0.175 → 18¢ (ten separate 1-lots would pay 10 × 2¢)
    conserved(ex);
  });

  it('market orders sweep the book immediately and never rest', () => {
    const { ex, alice, bob } = setup();
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'sell', price: 55, count: 2 });
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'sell', price: 57, count: 2 });
    const r = ex.placeOrder(bob, { ticker: 'M', side: 'yes', action: 'buy', type: 'market', count: 5 });
    expect(r).toMatchObject({ status: 'canceled', filled: 4, canceled: 1 });
    expect(r.fills.map((f) => f.yesPrice)).toEqual([55, 57]);
    expect(ex.account(bob).reserved).toBe(0);
    conserved(ex);
  });
});

describe('Exchange: order management and settlement', () => {
  it('cancel releases collateral; decrease keeps priority and frees the difference', () => {
    const { ex, alice } = setup();
    const r = ex.placeOrder(alice, { ticker: 'M', side: 'no', action: 'buy', price: 30, count: 10 });
    expect(ex.account(alice).reserved).toBe(300);
    expect(ex.decreaseOrder(r.orderId, 4)).toBe(6);
    expect(ex.account(alice).reserved).toBe(180);
    expect(ex.cancelOrder(r.orderId)).toBe(6);
    expect(ex.account(alice)).toMatchObject({ cash: 10_000, reserved: 0 });
  });

  it('amend re-prices an order, re-checks funds and may trade', () => {
    const { ex, alice, bob } = setup();
    const bid = ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 40, count: 10 });
    ex.placeOrder(bob, { ticker: 'M', side: 'yes', action: 'sell', price: 45, count: 4 });
    const r = ex.amendOrder(bid.orderId, { yesPrice: 45, count: 10 });
    expect(r).toMatchObject({ filled: 4, resting: 6 });
    expect(ex.account(alice)).toMatchObject({ reserved: 270, positions: [{ qty: 4 }] });
    expect(() => ex.amendOrder(bid.orderId, { yesPrice: 45, count: 1_000 })).toThrowError(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
    expect(ex.remaining(bid.orderId)).toBe(6);
    conserved(ex);
  });

  it('settles YES at 100¢ per winning contract, closes positions and the market', () => {
    const { ex, alice, bob } = setup();
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 70, count: 10 });
    ex.placeOrder(bob, { ticker: 'M', side: 'no', action: 'buy', price: 30, count: 10 });
    ex.placeOrder(bob, { ticker: 'M', side: 'no', action: 'buy', price: 10, count: 5 }); // rests, cancelled at close
    const paid = ex.settle('M', 'yes');
    expect(paid.get(alice)).toBe(1_000);
    expect(paid.get(bob)).toBe(0);
    expect(ex.account(alice)).toMatchObject({ cash: 10_300, reserved: 0, positions: [{ qty: 0, realizedPnl: 300 }] });
    expect(ex.account(bob)).toMatchObject({ cash: 9_700, reserved: 0, positions: [{ qty: 0, realizedPnl: -300 }] });
    expect(() => ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 50, count: 1 })).toThrowError(expect.objectContaining({ code: 'MARKET_CLOSED' }));
    conserved(ex);
    expect(ex.audit().openPairValue).toBe(0);
  });

  it('settles NO and a tie-style scalar value', () => {
    const { ex, alice, bob } = setup();
    ex.placeOrder(alice, { ticker: 'M', side: 'yes', action: 'buy', price: 50, count: 2 });
    ex.placeOrder(bob, { ticker: 'M', side: 'no', action: 'buy', price: 50, count: 2 });
    const half = ex.settle('M', { yesValue: 50 });
    expect(half.get(alice)).toBe(100);
    expect(half.get(bob)).toBe(100);
    const ex2 = setup();
    ex2.ex.placeOrder(ex2.alice, { ticker: 'M', side: 'yes', action: 'buy', price: 50, count: 2 });
    ex2.ex.placeOrder(ex2.bob, { ticker: 'M', side: 'no', action: 'buy', price: 50, count: 2 });
    expect(ex2.ex.settle('M', 'no').get(ex2.bob)).toBe(200);
  });
});

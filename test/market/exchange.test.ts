import { describe, expect, it } from 'vitest';
import { OrderRejectedError } from '../../src/core/errors.js';
import {
  Exchange,
  KALSHI_FEES_WITH_MAKER,
  NO_FEES,
  type ExchangeCancel,
  type ExchangeFill,
  type OrderRequest,
} from '../../src/market/index.js';

function setup(fees = NO_FEES) {
  const ex = new Exchange();
  ex.listMarket({ ticker: 'M', fees });
  const alice = ex.openAccount('alice', 10_000);
  const bob = ex.openAccount('bob', 10_000);
  return { ex, alice, bob };
}

const bid = (price: number, count: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({
  ticker: 'M',
  side: 'bid',
  price,
  count,
  timeInForce: 'gtc',
  ...extra,
});
const ask = (price: number, count: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({
  ticker: 'M',
  side: 'ask',
  price,
  count,
  timeInForce: 'gtc',
  ...extra,
});

function conserved(ex: Exchange): void {
  const a = ex.audit();
  expect(a.cash + a.reserved + a.openPairValue + a.fees).toBe(a.deposited);
  a.yesHeld.forEach((y, i) => expect(y).toBe(a.noHeld[i]));
}

describe('Exchange: costs, collateral and the YES/NO equivalence', () => {
  it('a bid at p locks p; an ask at p with nothing held locks 100−p (it opens NO); the two meet as one trade', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(alice, bid(60, 10));
    expect(ex.account(alice)).toMatchObject({ cash: 9_400, reserved: 600 });
    const r = ex.submitOrder(bob, ask(60, 10));
    expect(r).toMatchObject({ status: 'executed', side: 'ask', price: 60, fillCount: 10, remainingCount: 0, averageFillPrice: 60 });
    expect(ex.account(alice)).toMatchObject({ cash: 9_400, reserved: 0, positions: [{ qty: 10, costBasis: 600 }] });
    expect(ex.account(bob)).toMatchObject({ cash: 9_600, reserved: 0, positions: [{ qty: -10, costBasis: 400 }] });
    conserved(ex);
  });

  it('the outcome convenience has one mapping: buy NO at q = ask YES at 100 − q, sell NO at q = bid YES at 100 − q', () => {
    const { ex, alice, bob } = setup();
    const noBuy = ex.submitOrder(alice, { ticker: 'M', outcome: 'no', action: 'buy', price: 40, count: 3, timeInForce: 'gtc' });
    expect(noBuy).toMatchObject({ side: 'ask', price: 60, status: 'resting', remainingCount: 3 });
    expect(ex.depth('M').no).toEqual([{ price: 40, qty: 3, orders: 1 }]);
    const yesSell = ex.submitOrder(alice, { ticker: 'M', outcome: 'yes', action: 'sell', price: 62, count: 1, timeInForce: 'gtc' });
    expect(yesSell).toMatchObject({ side: 'ask', price: 62 });
    const noSell = ex.submitOrder(bob, { ticker: 'M', outcome: 'no', action: 'sell', price: 45, count: 2, timeInForce: 'gtc' });
    expect(noSell).toMatchObject({ side: 'bid', price: 55 });
    const yesBuy = ex.submitOrder(bob, { ticker: 'M', outcome: 'yes', action: 'buy', price: 61, count: 4, timeInForce: 'ioc' });
    // the YES buy at 61 lifts the ask at 60 (alice's NO bid at 40) and stops before 62
    expect(yesBuy).toMatchObject({
      side: 'bid',
      price: 61,
      fillCount: 3,
      canceledCount: 1,
      cancelReason: 'ioc_remainder',
      status: 'canceled',
      averageFillPrice: 60,
    });
    conserved(ex);
  });

  it('shows depth as Kalshi does: YES bids and NO bids, best first', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(alice, bid(45, 3));
    ex.submitOrder(alice, bid(47, 2));
    ex.submitOrder(bob, ask(50, 4));
    expect(ex.depth('M')).toEqual({
      yes: [
        { price: 47, qty: 2, orders: 1 },
        { price: 45, qty: 3, orders: 1 },
      ],
      no: [{ price: 50, qty: 4, orders: 1 }],
    });
  });

  it('selling what you hold needs no collateral and releases the cost', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(alice, bid(30, 10));
    ex.submitOrder(bob, ask(30, 10)); // bob opens NO at 70
    const before = ex.account(alice).cash;
    ex.submitOrder(alice, ask(80, 10));
    expect(ex.account(alice).reserved).toBe(0);
    expect(ex.account(alice).cash).toBe(before);
    ex.submitOrder(bob, bid(80, 10)); // bob closes NO
    expect(ex.account(alice)).toMatchObject({ cash: 10_000 + 500, positions: [{ qty: 0, realizedPnl: 500 }] });
    expect(ex.account(bob)).toMatchObject({ cash: 10_000 - 500, positions: [{ qty: 0, realizedPnl: -500 }] });
    conserved(ex);
  });

  it('a naked sale is collateralized like buying NO, never free cash', () => {
    // the case: $10 of cash, sell 100 YES at 73¢ without holding any → needs 100 × 27¢ = $27 of collateral
    const ex = new Exchange();
    ex.listMarket({ ticker: 'M', fees: NO_FEES });
    const poor = ex.openAccount('poor', 1_000);
    expect(() => ex.submitOrder(poor, ask(73, 100))).toThrowError(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
    expect(ex.account(poor)).toMatchObject({ cash: 1_000, reserved: 0 });
    const rich = ex.openAccount('rich', 10_000);
    ex.submitOrder(rich, ask(73, 100));
    expect(ex.account(rich)).toMatchObject({ cash: 10_000 - 2_700, reserved: 2_700 });
  });

  it('rejects an order it cannot pay for, and changes nothing', () => {
    const ex = new Exchange();
    ex.listMarket({ ticker: 'M' });
    const poor = ex.openAccount('poor', 100);
    const before = ex.account(poor);
    expect(() => ex.submitOrder(poor, bid(50, 3))).toThrowError(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
    expect(ex.account(poor)).toEqual(before);
    expect(ex.market('M').book.restingOrders).toBe(0);
    // 2 contracts at 50 = 100¢ plus a worst-case taker fee of 4¢ (0.035 rounded up) do not fit in 100¢
    expect(() => ex.submitOrder(poor, bid(50, 2))).toThrowError(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
    // 1 contract fits; once it rests (no taker fill, no maker fee) the fee headroom is released
    ex.submitOrder(poor, bid(50, 1));
    expect(ex.account(poor)).toMatchObject({ cash: 50, reserved: 50 });
  });

  it.each([
    [{ ticker: 'M', side: 'bid', price: 0, count: 1, timeInForce: 'gtc' }, 'INVALID_PRICE'],
    [{ ticker: 'M', side: 'bid', price: 100, count: 1, timeInForce: 'gtc' }, 'INVALID_PRICE'],
    [{ ticker: 'M', side: 'bid', price: 50.5, count: 1, timeInForce: 'gtc' }, 'INVALID_PRICE'],
    [{ ticker: 'M', side: 'bid', price: 50, count: 2.5, timeInForce: 'gtc' }, 'INVALID_QUANTITY'],
    [{ ticker: 'M', side: 'buy', price: 50, count: 1, timeInForce: 'gtc' }, 'INVALID_SIDE'],
    [{ ticker: 'M', outcome: 'maybe', action: 'buy', price: 50, count: 1, timeInForce: 'gtc' }, 'INVALID_SIDE'],
    [{ ticker: 'NOPE', side: 'bid', price: 50, count: 1, timeInForce: 'gtc' }, 'UNKNOWN_MARKET'],
    // time in force is required, and market orders no longer exist (no price → rejected)
    [{ ticker: 'M', side: 'bid', price: 50, count: 1 }, 'INVALID_ORDER_TYPE'],
    [{ ticker: 'M', side: 'bid', price: 50, count: 1, timeInForce: 'good_till_canceled' }, 'INVALID_ORDER_TYPE'],
    [{ ticker: 'M', side: 'bid', count: 1, timeInForce: 'ioc', type: 'market' }, 'INVALID_PRICE'],
    [{ ticker: 'M', side: 'bid', price: 50, count: 1, timeInForce: 'gtc', selfTradePrevention: 'none' }, 'INVALID_ORDER_TYPE'],
    [{ ticker: 'M', side: 'bid', price: 50, count: 1, timeInForce: 'gtc', clientOrderId: '' }, 'INVALID_ORDER_TYPE'],
  ])('rejects %j with %s', (req, code) => {
    const { ex, alice } = setup();
    expect(() => ex.submitOrder(alice, req as never)).toThrowError(OrderRejectedError);
    expect(() => ex.submitOrder(alice, req as never)).toThrowError(expect.objectContaining({ code }));
    expect(ex.account(alice)).toMatchObject({ cash: 10_000, reserved: 0 });
  });

  it('rejects unknown accounts and unknown order ids', () => {
    const { ex } = setup();
    expect(() => ex.submitOrder(99, bid(5, 1))).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ACCOUNT' }));
    expect(() => ex.cancelOrder(12345)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
  });
});

describe('Exchange: several markets', () => {
  it('gives every order an id unique across markets, so a cancel or fill in one market never touches another', () => {
    const ex = new Exchange();
    ex.listMarket({ ticker: 'A', fees: NO_FEES });
    ex.listMarket({ ticker: 'B', fees: NO_FEES, bookCapacity: 16 });
    const alice = ex.openAccount('alice', 10_000);
    const bob = ex.openAccount('bob', 10_000);
    const a = ex.submitOrder(alice, { ticker: 'A', side: 'bid', price: 40, count: 5, timeInForce: 'gtc' });
    const b = ex.submitOrder(alice, { ticker: 'B', side: 'bid', price: 30, count: 5, timeInForce: 'gtc' });
    expect(a.orderId).not.toBe(b.orderId);
    ex.cancelOrder(a.orderId);
    expect(ex.isOpen(b.orderId)).toBe(true);
    expect(ex.submitOrder(bob, { ticker: 'B', side: 'ask', price: 30, count: 5, timeInForce: 'ioc' })).toMatchObject({ fillCount: 5 });
    ex.settle('A', 'yes');
    ex.settle('B', 'no');
    expect(ex.account(alice)).toMatchObject({ cash: 10_000 - 150, reserved: 0 });
    expect(ex.findMarket('B')?.settlementValue).toBe(0);
    expect(ex.findMarket('C')).toBeUndefined();
  });
});

describe('Exchange: client order ids', () => {
  it('keeps client order ids per account and rejects a duplicate, even after the first order is gone', () => {
    const { ex, alice, bob } = setup();
    const first = ex.submitOrder(alice, bid(40, 1, { clientOrderId: 'c-1' }));
    expect(first.clientOrderId).toBe('c-1');
    expect(ex.orderIdForClientId(alice, 'c-1')).toBe(first.orderId);
    expect(() => ex.submitOrder(alice, bid(41, 1, { clientOrderId: 'c-1' }))).toThrowError(
      expect.objectContaining({ code: 'DUPLICATE_CLIENT_ORDER_ID' }),
    );
    ex.cancelOrder(first.orderId);
    expect(() => ex.submitOrder(alice, bid(41, 1, { clientOrderId: 'c-1' }))).toThrowError(
      expect.objectContaining({ code: 'DUPLICATE_CLIENT_ORDER_ID' }),
    );
    // another account may use the same id
    expect(ex.submitOrder(bob, bid(41, 1, { clientOrderId: 'c-1' })).clientOrderId).toBe('c-1');
    // a rejected order does not use up its id
    expect(() => ex.submitOrder(alice, bid(50, 1_000, { clientOrderId: 'c-2' }))).toThrowError(
      expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }),
    );
    expect(ex.submitOrder(alice, bid(50, 1, { clientOrderId: 'c-2' })).status).toBe('resting');
  });
});

describe('Exchange: fees', () => {
  it('charges the taker 0.07·C·P·(1−P) rounded up, and the maker on maker-fee series', () => {
    const { ex, alice, bob } = setup(KALSHI_FEES_WITH_MAKER);
    ex.submitOrder(alice, bid(23, 100));
    const r = ex.submitOrder(bob, ask(23, 100));
    // KALSHI_API.md §7 worked example (b): 100 @ $0.23 → $1.24 taker, $0.31 maker
    expect(r.fees).toBe(124);
    expect(ex.account(bob).feesPaid).toBe(124);
    expect(ex.account(alice).feesPaid).toBe(31);
    expect(ex.feesCollected).toBe(155);
    expect(ex.account(alice).reserved).toBe(0); // fee headroom released once filled
    conserved(ex);
  });

  it('an order filled in several pieces pays the fee of the whole order, not a cent per piece', () => {
    const { ex, alice, bob } = setup(KALSHI_FEES_WITH_MAKER);
    for (let i = 0; i < 10; i++) ex.submitOrder(alice, ask(50, 1));
    const r = ex.submitOrder(bob, bid(50, 10));
    expect(r.fillCount).toBe(10);
    expect(r.fees).toBe(18); // same as one 10-lot: 0.175 → 18¢ (ten separate 1-lots would pay 10 × 2¢)
    conserved(ex);
  });

  it('IOC sweeps what it can within its limit and cancels the rest', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(alice, ask(55, 2));
    ex.submitOrder(alice, ask(57, 2));
    const r = ex.submitOrder(bob, bid(99, 5, { timeInForce: 'ioc' }));
    expect(r).toMatchObject({
      status: 'canceled',
      fillCount: 4,
      canceledCount: 1,
      remainingCount: 0,
      cancelReason: 'ioc_remainder',
      averageFillPrice: 56,
    });
    expect(ex.account(bob).reserved).toBe(0);
    conserved(ex);
  });
});

describe('Exchange: self-trade prevention and fill-or-kill', () => {
  // Kalshi: taker_at_cross cancels the incoming order where it meets its own; maker cancels the resting own order
  it('taker_at_cross stops the incoming order at the first own order and keeps the resting one', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(bob, ask(50, 2));
    const own = ex.submitOrder(alice, ask(51, 3));
    ex.submitOrder(bob, ask(52, 4));
    const r = ex.submitOrder(alice, bid(52, 9, { selfTradePrevention: 'taker_at_cross' }));
    expect(r).toMatchObject({ fillCount: 2, canceledCount: 7, cancelReason: 'self_trade_taker', status: 'canceled' });
    expect(ex.isOpen(own.orderId)).toBe(true);
    expect(ex.remaining(own.orderId)).toBe(3);
    conserved(ex);
  });

  it('maker cancels the resting own order and the incoming order trades on past it', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(bob, ask(50, 2));
    const own = ex.submitOrder(alice, ask(51, 3));
    ex.submitOrder(bob, ask(52, 4));
    const r = ex.submitOrder(alice, bid(52, 9, { selfTradePrevention: 'maker' }));
    expect(r).toMatchObject({ fillCount: 6, remainingCount: 3, status: 'resting', averageFillPrice: (2 * 50 + 4 * 52) / 6 });
    expect(ex.isOpen(own.orderId)).toBe(false);
    expect(ex.account(alice).positions[0]).toMatchObject({ qty: 6, restingSell: 0, restingBuy: 3 });
    conserved(ex);
  });

  it('fill-or-kill counts only what it may trade under self-trade prevention', () => {
    // 2 @50 from bob, 3 @51 own, 4 @52 from bob: 9 contracts in reach, 6 of them someone else's
    const place = () => {
      const s = setup();
      s.ex.submitOrder(s.bob, ask(50, 2));
      const own = s.ex.submitOrder(s.alice, ask(51, 3));
      s.ex.submitOrder(s.bob, ask(52, 4));
      return { ...s, own: own.orderId };
    };
    // taker_at_cross: only the 2 before the own order are reachable → a 3-lot FOK is killed whole, nothing changes
    const a = place();
    const killed = a.ex.submitOrder(a.alice, bid(52, 3, { timeInForce: 'fok', selfTradePrevention: 'taker_at_cross' }));
    expect(killed).toMatchObject({ status: 'canceled', fillCount: 0, canceledCount: 3, cancelReason: 'fok_unfilled' });
    expect(a.ex.isOpen(a.own)).toBe(true);
    expect(a.ex.account(a.alice)).toMatchObject({ cash: 10_000 - 147, reserved: 147 }); // only the own ask's NO collateral (3 × 49)
    // ... but a 2-lot FOK fills
    expect(a.ex.submitOrder(a.alice, bid(52, 2, { timeInForce: 'fok', selfTradePrevention: 'taker_at_cross' }))).toMatchObject({
      status: 'executed',
      fillCount: 2,
    });
    // maker: the own 3 are skipped, 6 are reachable → a 6-lot FOK fills and cancels the own ask; a 7-lot is killed and cancels nothing
    const b = place();
    expect(b.ex.submitOrder(b.alice, bid(52, 7, { timeInForce: 'fok', selfTradePrevention: 'maker' }))).toMatchObject({
      status: 'canceled',
      fillCount: 0,
      cancelReason: 'fok_unfilled',
    });
    expect(b.ex.isOpen(b.own)).toBe(true);
    expect(b.ex.submitOrder(b.alice, bid(52, 6, { timeInForce: 'fok', selfTradePrevention: 'maker' }))).toMatchObject({
      status: 'executed',
      fillCount: 6,
      averageFillPrice: (2 * 50 + 4 * 52) / 6,
    });
    expect(b.ex.isOpen(b.own)).toBe(false);
    conserved(a.ex);
    conserved(b.ex);
  });
});

describe('Exchange: order management and settlement', () => {
  it('cancel releases collateral; decrease keeps priority and frees the difference', () => {
    const { ex, alice } = setup();
    const r = ex.submitOrder(alice, { ticker: 'M', outcome: 'no', action: 'buy', price: 30, count: 10, timeInForce: 'gtc' });
    expect(ex.account(alice).reserved).toBe(300);
    expect(ex.decreaseOrder(r.orderId, 4)).toBe(6);
    expect(ex.account(alice).reserved).toBe(180);
    expect(ex.cancelOrder(r.orderId)).toBe(6);
    expect(ex.account(alice)).toMatchObject({ cash: 10_000, reserved: 0 });
  });

  it('amend takes Kalshi’s count: filled + desired remaining; re-checks funds and may trade', () => {
    const { ex, alice, bob } = setup();
    const order = ex.submitOrder(alice, bid(40, 10));
    ex.submitOrder(bob, ask(45, 4));
    // re-price to 45 keeping the total at 10: fills the 4 on offer, rests 6
    const r = ex.amendOrder(order.orderId, { price: 45, count: 10 });
    expect(r).toMatchObject({ fillCount: 4, remainingCount: 6, count: 10, status: 'resting', averageFillPrice: 45 });
    expect(ex.account(alice)).toMatchObject({ reserved: 270, positions: [{ qty: 4 }] });
    // count 7 = 4 filled + 3 resting (a smaller remainder at the same price keeps priority)
    expect(ex.amendOrder(order.orderId, { price: 45, count: 7 })).toMatchObject({ fillCount: 4, remainingCount: 3, count: 7 });
    expect(ex.openOrder(order.orderId)).toMatchObject({ count: 7, fillCount: 4, remainingCount: 3, price: 45, side: 'bid' });
    expect(ex.account(alice).reserved).toBe(135);
    // a count at or below what already filled is refused: cancel instead
    expect(() => ex.amendOrder(order.orderId, { price: 45, count: 4 })).toThrowError(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
    expect(() => ex.amendOrder(order.orderId, { price: 45, count: 1_000 })).toThrowError(
      expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }),
    );
    expect(ex.remaining(order.orderId)).toBe(3);
    conserved(ex);
  });

  it('a post-only order that would cross is rejected, and so is an amend that would make it cross', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(bob, ask(50, 5));
    expect(() => ex.submitOrder(alice, bid(50, 1, { postOnly: true }))).toThrowError(
      expect.objectContaining({ code: 'POST_ONLY_WOULD_CROSS' }),
    );
    expect(ex.account(alice)).toMatchObject({ cash: 10_000, reserved: 0 });
    const maker = ex.submitOrder(alice, bid(49, 2, { postOnly: true }));
    expect(() => ex.amendOrder(maker.orderId, { price: 50, count: 2 })).toThrowError(
      expect.objectContaining({ code: 'POST_ONLY_WOULD_CROSS' }),
    );
    expect(ex.openOrder(maker.orderId)).toMatchObject({ price: 49, remainingCount: 2 });
    expect(ex.account(alice)).toMatchObject({ cash: 10_000 - 98, reserved: 98 });
  });

  it('tells listeners of both sides of every fill and of every cancel, with client order ids', () => {
    const { ex, alice, bob } = setup(KALSHI_FEES_WITH_MAKER);
    const fills: ExchangeFill[] = [];
    const cancels: ExchangeCancel[] = [];
    const stop = ex.listen({ onFill: (f) => fills.push(f), onCancel: (c) => cancels.push(c) });
    ex.submitOrder(alice, bid(23, 100, { clientOrderId: 'a1' }));
    ex.submitOrder(bob, ask(23, 120, { clientOrderId: 'b1', timeInForce: 'ioc' }));
    expect(fills).toEqual([
      expect.objectContaining({
        tradeId: 1,
        clientOrderId: 'a1',
        accountId: alice,
        side: 'bid',
        price: 23,
        count: 100,
        fee: 31,
        isTaker: false,
      }),
      expect.objectContaining({
        tradeId: 1,
        clientOrderId: 'b1',
        accountId: bob,
        side: 'ask',
        price: 23,
        count: 100,
        fee: 124,
        isTaker: true,
      }),
    ]);
    expect(cancels).toEqual([expect.objectContaining({ clientOrderId: 'b1', count: 20, remaining: 0, reason: 'ioc_remainder' })]);
    stop();
    ex.submitOrder(alice, bid(20, 1));
    ex.closeMarket('M');
    expect(cancels).toHaveLength(1);
  });

  it('settles YES at 100¢ per winning contract, closes positions and the market', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(alice, bid(70, 10));
    ex.submitOrder(bob, ask(70, 10));
    ex.submitOrder(bob, ask(90, 5)); // rests, canceled at close
    const paid = ex.settle('M', 'yes');
    expect(paid.get(alice)).toBe(1_000);
    expect(paid.get(bob)).toBe(0);
    expect(ex.account(alice)).toMatchObject({ cash: 10_300, reserved: 0, positions: [{ qty: 0, realizedPnl: 300 }] });
    expect(ex.account(bob)).toMatchObject({ cash: 9_700, reserved: 0, positions: [{ qty: 0, realizedPnl: -300 }] });
    expect(() => ex.submitOrder(alice, bid(50, 1))).toThrowError(expect.objectContaining({ code: 'MARKET_CLOSED' }));
    conserved(ex);
    expect(ex.audit().openPairValue).toBe(0);
  });

  it('settles NO and a tie-style scalar value', () => {
    const { ex, alice, bob } = setup();
    ex.submitOrder(alice, bid(50, 2));
    ex.submitOrder(bob, ask(50, 2));
    const half = ex.settle('M', { yesValue: 50 });
    expect(half.get(alice)).toBe(100);
    expect(half.get(bob)).toBe(100);
    const ex2 = setup();
    ex2.ex.submitOrder(ex2.alice, bid(50, 2));
    ex2.ex.submitOrder(ex2.bob, ask(50, 2));
    expect(ex2.ex.settle('M', 'no').get(ex2.bob)).toBe(200);
  });
});

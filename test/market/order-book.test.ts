import { describe, expect, it } from 'vitest';
import { OrderRejectedError } from '../../src/core/errors.js';
import { BUY, FOK, GTC, IOC, OrderBook, SELL, STP_CANCEL_MAKER, STP_CANCEL_TAKER, STP_NONE, tickGrid } from '../../src/market/index.js';

const fills = (b: OrderBook) => b.events.toArray().filter((e) => e.type === 'fill');

function snapshot(b: OrderBook) {
  return { bid: b.bestBid(), ask: b.bestAsk(), n: b.restingOrders, buys: b.orders(BUY), sells: b.orders(SELL) };
}

describe('OrderBook: price-time priority', () => {
  it('fills the best price first, then the earliest order at that price', () => {
    const b = new OrderBook();
    const a1 = b.submit(1, SELL, 55, 5);
    const a2 = b.submit(2, SELL, 54, 5);
    const a3 = b.submit(3, SELL, 54, 5);
    b.submit(9, BUY, 55, 12);
    expect(fills(b).map((f) => [f.makerOrderId, f.price, f.qty])).toEqual([
      [a2, 54, 5],
      [a3, 54, 5],
      [a1, 55, 2],
    ]);
    expect(b.bestAsk()).toBe(55);
    expect(b.levelQty(SELL, 55)).toBe(3);
    expect(b.last).toMatchObject({ filled: 12, resting: 0 });
  });

  it('trades at the resting (maker) price, not the taker limit', () => {
    const b = new OrderBook();
    b.submit(1, BUY, 40, 10);
    b.submit(2, SELL, 30, 4);
    expect(fills(b)[0]).toMatchObject({ price: 40, qty: 4, takerSide: 'ask', makerRemaining: 6 });
  });

  it('rests the unfilled part of a GTC order and updates best prices', () => {
    const b = new OrderBook();
    b.submit(1, SELL, 60, 3);
    const id = b.submit(2, BUY, 61, 10);
    expect(b.last).toMatchObject({ filled: 3, resting: 7 });
    expect(b.bestBid()).toBe(61);
    expect(b.bestAsk()).toBe(100); // empty ask side = unitsPerContract
    expect(b.order(id)).toMatchObject({ price: 61, qty: 7, side: 'bid' });
  });

  it('re-seats the best price across gaps when a level empties', () => {
    const b = new OrderBook();
    const hi = b.submit(1, BUY, 70, 1);
    b.submit(1, BUY, 3, 1);
    b.cancel(hi);
    expect(b.bestBid()).toBe(3);
    const lo = b.submit(2, SELL, 97, 1);
    b.submit(2, SELL, 99, 1);
    b.cancel(lo);
    expect(b.bestAsk()).toBe(99);
  });
});

describe('OrderBook: time in force and post-only', () => {
  it('IOC cancels what does not fill immediately and never rests', () => {
    const b = new OrderBook();
    b.submit(1, SELL, 50, 3);
    const id = b.submit(2, BUY, 50, 5, IOC);
    expect(b.last).toMatchObject({ filled: 3, resting: 0, canceled: 2 });
    expect(b.has(id)).toBe(false);
    expect(b.events.toArray().at(-1)).toMatchObject({ type: 'cancel', reason: 'ioc_remainder', qty: 2 });
  });

  it('FOK fills completely or not at all', () => {
    const b = new OrderBook();
    b.submit(1, SELL, 50, 3);
    b.submit(1, SELL, 51, 3);
    b.submit(2, BUY, 51, 7, FOK);
    expect(b.last).toMatchObject({ filled: 0, canceled: 7 });
    expect(b.sideQty(SELL)).toBe(6);
    b.submit(2, BUY, 51, 6, FOK);
    expect(b.last).toMatchObject({ filled: 6, canceled: 0 });
    expect(b.restingOrders).toBe(0);
  });

  it('rejects a post-only order that would cross and leaves the book unchanged', () => {
    const b = new OrderBook();
    b.submit(1, SELL, 50, 3);
    const before = snapshot(b);
    expect(() => b.submit(2, BUY, 50, 1, GTC, STP_CANCEL_TAKER, true)).toThrowError(
      expect.objectContaining({ code: 'POST_ONLY_WOULD_CROSS' }),
    );
    expect(snapshot(b)).toEqual(before);
    b.submit(2, BUY, 49, 1, GTC, STP_CANCEL_TAKER, true);
    expect(b.bestBid()).toBe(49);
  });
});

describe('OrderBook: cancel, decrease, amend', () => {
  it('cancel removes the order in O(1) from the middle of a queue', () => {
    const b = new OrderBook();
    const ids = [1, 2, 3].map((o) => b.submit(o, BUY, 40, 10));
    expect(b.cancel(ids[1]!)).toBe(10);
    expect(b.orders(BUY).map((o) => o.orderId)).toEqual([ids[0], ids[2]]);
    expect(b.levelQty(BUY, 40)).toBe(20);
    expect(() => b.cancel(ids[1]!)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
  });

  it('decrease keeps queue priority', () => {
    const b = new OrderBook();
    const first = b.submit(1, BUY, 40, 10);
    const second = b.submit(2, BUY, 40, 10);
    b.decrease(first, 4);
    expect(b.orders(BUY).map((o) => [o.orderId, o.qty])).toEqual([
      [first, 6],
      [second, 10],
    ]);
    b.submit(3, SELL, 40, 6);
    expect(fills(b).map((f) => f.makerOrderId)).toEqual([first]);
  });

  it('amend: a smaller size at the same price keeps priority, a new price or larger size loses it', () => {
    const b = new OrderBook();
    const a = b.submit(1, BUY, 40, 10);
    const c = b.submit(2, BUY, 40, 10);
    b.amend(a, 40, 5);
    expect(b.orders(BUY)[0]).toMatchObject({ orderId: a, qty: 5 });
    b.amend(a, 40, 8); // larger: back of the queue
    expect(b.orders(BUY).map((o) => o.orderId)).toEqual([c, a]);
    b.amend(c, 41, 10); // new price: new level, keeps id
    expect(b.bestBid()).toBe(41);
    expect(b.order(c)).toMatchObject({ price: 41, qty: 10 });
  });

  it('amend to a crossing price trades as a taker first', () => {
    const b = new OrderBook();
    b.submit(1, SELL, 45, 4);
    const bid = b.submit(2, BUY, 40, 10);
    const rest = b.amend(bid, 45, 10);
    expect(rest).toBe(6);
    expect(fills(b)[0]).toMatchObject({ takerOrderId: bid, price: 45, qty: 4 });
    expect(b.order(bid)).toMatchObject({ price: 45, qty: 6 });
  });
});

describe('OrderBook: self-trade prevention', () => {
  it('taker_at_cross cancels the incoming remainder at the first own order', () => {
    const b = new OrderBook();
    b.submit(1, SELL, 50, 2);
    b.submit(7, SELL, 50, 5);
    b.submit(1, SELL, 51, 5);
    b.submit(7, BUY, 51, 10, GTC, STP_CANCEL_TAKER);
    expect(fills(b).map((f) => f.qty)).toEqual([2]);
    expect(b.last).toMatchObject({ filled: 2, resting: 0, canceled: 8 });
    expect(b.sideQty(SELL)).toBe(10); // own order untouched
  });

  it('maker mode cancels the resting own order and keeps matching', () => {
    const b = new OrderBook();
    const own = b.submit(7, SELL, 50, 5);
    b.submit(1, SELL, 50, 5);
    b.submit(7, BUY, 50, 5, GTC, STP_CANCEL_MAKER);
    const ev = b.events.toArray();
    expect(ev[0]).toMatchObject({ type: 'cancel', orderId: own, reason: 'self_trade_maker' });
    expect(ev[1]).toMatchObject({ type: 'fill', makerOwner: 1, qty: 5 });
    expect(b.restingOrders).toBe(0);
  });

  it('none lets an owner trade with itself (used only by benchmarks)', () => {
    const b = new OrderBook();
    b.submit(7, SELL, 50, 5);
    b.submit(7, BUY, 50, 5, GTC, STP_NONE);
    expect(fills(b)).toHaveLength(1);
  });
});

describe('OrderBook: validation', () => {
  const b = new OrderBook();
  b.submit(1, BUY, 40, 10);
  const before = snapshot(b);
  it.each([
    ['price 0', () => b.submit(1, BUY, 0, 1), 'INVALID_PRICE'],
    ['price 100', () => b.submit(1, BUY, 100, 1), 'INVALID_PRICE'],
    ['fractional price', () => b.submit(1, BUY, 40.5, 1), 'INVALID_PRICE'],
    ['NaN price', () => b.submit(1, BUY, Number.NaN, 1), 'INVALID_PRICE'],
    ['zero count', () => b.submit(1, BUY, 40, 0), 'INVALID_QUANTITY'],
    ['fractional count', () => b.submit(1, BUY, 40, 1.5), 'INVALID_QUANTITY'],
    ['bad side', () => b.submit(1, 2 as 0, 40, 1), 'INVALID_SIDE'],
    ['unknown order cancel', () => b.cancel(123456789), 'UNKNOWN_ORDER'],
    ['unknown order amend', () => b.amend(42, 40, 1), 'UNKNOWN_ORDER'],
  ])('rejects %s with a typed error and no change', (_name, act, code) => {
    let err: unknown;
    try {
      act();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OrderRejectedError);
    expect((err as OrderRejectedError).code).toBe(code);
    expect((err as Error).message.length).toBeGreaterThan(10);
    expect(snapshot(b)).toEqual(before);
  });

  it('accepts every tick on a 0.1¢ grid (999 levels)', () => {
    const g = new OrderBook(tickGrid(1000));
    g.submit(1, BUY, 999, 1);
    g.submit(1, SELL, 998, 1, GTC, STP_NONE);
    expect(g.events.toArray()[0]).toMatchObject({ type: 'fill', price: 999 });
    g.submit(1, BUY, 1, 1);
    g.submit(1, BUY, 500, 1);
    expect(g.bestBid()).toBe(500);
  });
});

import { describe, expect, it } from 'vitest';
import { OrderRejectedError } from '../../src/core/errors.js';
import { thrownBy } from '../helpers/errors.js';
import {
  BUY,
  CANCEL_DECREASED,
  CANCEL_MARKET_CLOSED,
  FOK,
  GTC,
  IOC,
  OrderBook,
  SELL,
  SLOT_SPACE,
  STP_CANCEL_MAKER,
  STP_CANCEL_TAKER,
  STP_NONE,
  tickGrid,
  TAPERED_DECI_CENT_GRID,
  type BookEvent,
} from '../../src/market/index.js';

/**
 * What the book reports: every event's fields and `last` after each kind of call, both sides of the book.
 * The expected events are written out by hand from the rules (price-time priority, fills at the maker's
 * price, Kalshi's self-trade-prevention modes); order-book.property.test.ts compares fills with a naive book.
 */
const events = (b: OrderBook): BookEvent[] => b.events.toArray();
const cancel = (orderId: number, owner: number, price: number, qty: number, side: 'bid' | 'ask', reason: string) => ({
  type: 'cancel',
  orderId,
  owner,
  price,
  qty,
  side,
  reason,
});

const rejection = (act: () => unknown) => thrownBy(act, OrderRejectedError);

describe('book events: fills', () => {
  it('a sell taker sweeping two bid levels reports each fill at the maker price with both owners', () => {
    const b = new OrderBook();
    const m1 = b.submit(1, BUY, 45, 4);
    const m2 = b.submit(2, BUY, 44, 6);
    const t = b.submit(3, SELL, 44, 7);
    // 4 at 45 (m1 empties), then 3 of m2's 6 at 44 (3 left)
    expect(events(b)).toEqual([
      {
        type: 'fill',
        makerOrderId: m1,
        makerOwner: 1,
        takerOrderId: t,
        takerOwner: 3,
        price: 45,
        qty: 4,
        takerSide: 'ask',
        makerRemaining: 0,
      },
      {
        type: 'fill',
        makerOrderId: m2,
        makerOwner: 2,
        takerOrderId: t,
        takerOwner: 3,
        price: 44,
        qty: 3,
        takerSide: 'ask',
        makerRemaining: 3,
      },
    ]);
    expect(b.last).toEqual({ orderId: t, filled: 7, resting: 0, canceled: 0, cancelReason: -1 });
    expect(b.bestBid()).toBe(44);
    expect(b.levelQty(BUY, 44)).toBe(3);
    expect(b.levelOrders(BUY, 44)).toBe(1);
    expect(b.has(t)).toBe(false);
  });

  it('a buy taker reports takerSide bid and leaves a partly filled maker at the front of its level', () => {
    const b = new OrderBook();
    const m1 = b.submit(1, SELL, 52, 10);
    const m2 = b.submit(2, SELL, 52, 5);
    b.submit(3, BUY, 60, 4);
    expect(events(b)).toEqual([expect.objectContaining({ makerOrderId: m1, price: 52, qty: 4, takerSide: 'bid', makerRemaining: 6 })]);
    expect(b.order(m1)).toEqual({ orderId: m1, owner: 1, side: 'ask', price: 52, qty: 6, queuePosition: 0 });
    expect(b.order(m2)).toEqual({ orderId: m2, owner: 2, side: 'ask', price: 52, qty: 5, queuePosition: 6 });
    expect(b.levelQty(SELL, 52)).toBe(11);
    expect(b.sideQty(SELL)).toBe(11);
  });

  it('grows its event buffer and order pool when one order trades with 100 makers', () => {
    const b = new OrderBook(undefined, 1); // the pool starts at its minimum of 16 slots
    const makers = Array.from({ length: 100 }, (_, i) => ({ id: b.submit(i % 5, SELL, 30 + (i % 20), 1), price: 30 + (i % 20), i }));
    expect(b.restingOrders).toBe(100);
    expect(makers.every((m) => b.has(m.id))).toBe(true);
    const t = b.submit(9, BUY, 99, 150);
    // price-time priority: cheapest price first, then the earlier order
    const expected = [...makers].sort((x, y) => x.price - y.price || x.i - y.i).map((m) => [m.id, m.price, 1]);
    expect(events(b).map((e) => (e.type === 'fill' ? [e.makerOrderId, e.price, e.qty] : e))).toEqual(expected);
    expect(b.last).toEqual({ orderId: t, filled: 100, resting: 50, canceled: 0, cancelReason: -1 });
    expect(makers.some((m) => b.has(m.id))).toBe(false);
    expect(b.order(t)).toMatchObject({ price: 99, qty: 50, side: 'bid' });
    expect(b.bestAsk()).toBe(100);
  });
});

describe('book events: what leaves without trading', () => {
  it('IOC: the unfilled rest is canceled as ioc_remainder and the order never rests', () => {
    const b = new OrderBook();
    const m = b.submit(1, SELL, 50, 3);
    const t = b.submit(2, BUY, 51, 5, IOC);
    expect(events(b)).toEqual([
      expect.objectContaining({ type: 'fill', makerOrderId: m, qty: 3 }),
      cancel(t, 2, 51, 2, 'bid', 'ioc_remainder'),
    ]);
    expect(b.last).toEqual({ orderId: t, filled: 3, resting: 0, canceled: 2, cancelReason: 3 });
    expect(t % SLOT_SPACE).toBe(0); // an order that never rests takes no slot
    const s = b.submit(2, SELL, 60, 4, IOC);
    expect(events(b)).toEqual([cancel(s, 2, 60, 4, 'ask', 'ioc_remainder')]);
    expect(b.restingOrders).toBe(0);
  });

  it('FOK: canceled whole as fok_unfilled when the book cannot fill it, crossing or not', () => {
    const b = new OrderBook();
    b.submit(1, SELL, 50, 3);
    const short = b.submit(2, BUY, 50, 5, FOK);
    expect(events(b)).toEqual([cancel(short, 2, 50, 5, 'bid', 'fok_unfilled')]);
    expect(b.last).toEqual({ orderId: short, filled: 0, resting: 0, canceled: 5, cancelReason: 4 });
    const below = b.submit(2, BUY, 49, 1, FOK);
    expect(events(b)).toEqual([cancel(below, 2, 49, 1, 'bid', 'fok_unfilled')]);
    expect(b.levelQty(SELL, 50)).toBe(3);
  });

  it('FOK sell: fills across two bid levels when they hold enough, otherwise nothing', () => {
    const b = new OrderBook();
    b.submit(1, BUY, 45, 2);
    b.submit(2, BUY, 44, 3);
    const big = b.submit(3, SELL, 44, 6, FOK); // 2 + 3 = 5 < 6
    expect(events(b)).toEqual([cancel(big, 3, 44, 6, 'ask', 'fok_unfilled')]);
    b.submit(3, SELL, 44, 5, FOK);
    expect(events(b).map((e) => (e.type === 'fill' ? [e.price, e.qty] : e))).toEqual([
      [45, 2],
      [44, 3],
    ]);
    expect(b.hasBid()).toBe(false);
    expect(b.bestBid()).toBe(0);
  });

  it('FOK counts the owner’s own orders as Kalshi’s self-trade-prevention mode says', () => {
    const setup = () => {
      const b = new OrderBook();
      const own = b.submit(1, BUY, 45, 2);
      b.submit(2, BUY, 44, 3);
      return { b, own };
    };
    // none: own orders count and trade: 2 + 3 = 5
    let { b } = setup();
    b.submit(1, SELL, 44, 5, FOK, STP_NONE);
    expect(b.last.filled).toBe(5);
    expect(events(b)[0]).toMatchObject({ type: 'fill', makerOwner: 1, takerOwner: 1 });
    // taker_at_cross: the first own order stops the count at 0
    ({ b } = setup());
    b.submit(1, SELL, 44, 1, FOK, STP_CANCEL_TAKER);
    expect(b.last).toMatchObject({ filled: 0, canceled: 1, cancelReason: 4 });
    // maker: own orders are skipped, leaving 3 — enough for 3, not for 4
    ({ b } = setup());
    b.submit(1, SELL, 44, 4, FOK, STP_CANCEL_MAKER);
    expect(b.last).toMatchObject({ filled: 0, canceled: 4, cancelReason: 4 });
    expect(b.restingOrders).toBe(2);
    let own: number;
    ({ b, own } = setup());
    const t = b.submit(1, SELL, 44, 3, FOK, STP_CANCEL_MAKER);
    expect(events(b)).toEqual([
      cancel(own, 1, 45, 2, 'bid', 'self_trade_maker'),
      expect.objectContaining({ type: 'fill', takerOrderId: t, makerOwner: 2, price: 44, qty: 3 }),
    ]);
  });

  it('self-trade prevention on a sell: taker_at_cross cancels the rest at the own bid, which stays', () => {
    const b = new OrderBook();
    b.submit(7, BUY, 50, 5);
    b.submit(1, BUY, 51, 2);
    const t = b.submit(7, SELL, 49, 10, GTC, STP_CANCEL_TAKER);
    expect(events(b)).toEqual([
      expect.objectContaining({ type: 'fill', makerOwner: 1, price: 51, qty: 2 }),
      cancel(t, 7, 49, 8, 'ask', 'self_trade_taker'),
    ]);
    expect(b.last).toEqual({ orderId: t, filled: 2, resting: 0, canceled: 8, cancelReason: 2 });
    expect(b.has(t)).toBe(false);
    expect(b.levelQty(BUY, 50)).toBe(5);
    expect(b.bestAsk()).toBe(100);
    // the next calls do not cross: they rest whole, whatever stopped the call before
    const next = b.submit(8, SELL, 70, 2);
    expect(b.last).toEqual({ orderId: next, filled: 0, resting: 2, canceled: 0, cancelReason: -1 });
    b.submit(7, SELL, 49, 1, GTC, STP_CANCEL_TAKER); // stopped at the own bid again
    expect(b.amend(next, 71, 3)).toBe(3);
    expect(b.last).toEqual({ orderId: next, filled: 0, resting: 3, canceled: 0, cancelReason: -1 });
  });

  it('self-trade prevention on a sell: maker mode cancels the own bid and trades with the next', () => {
    const b = new OrderBook();
    const own = b.submit(7, BUY, 50, 5);
    b.submit(1, BUY, 50, 5);
    b.submit(7, SELL, 50, 5, GTC, STP_CANCEL_MAKER);
    expect(events(b)).toEqual([
      cancel(own, 7, 50, 5, 'bid', 'self_trade_maker'),
      expect.objectContaining({ type: 'fill', makerOwner: 1, takerOwner: 7, price: 50, qty: 5 }),
    ]);
    expect(b.restingOrders).toBe(0);
  });

  it('none lets a seller trade with its own bid', () => {
    const b = new OrderBook();
    b.submit(7, BUY, 50, 5);
    b.submit(7, SELL, 50, 5, GTC, STP_NONE);
    expect(events(b)).toEqual([expect.objectContaining({ type: 'fill', makerOwner: 7, takerOwner: 7, qty: 5 })]);
  });

  it('cancel reports the order as canceled by its user and re-seats the best ask', () => {
    const b = new OrderBook();
    const lo = b.submit(4, SELL, 55, 6);
    expect(b.cancel(lo)).toBe(6);
    expect(events(b)).toEqual([cancel(lo, 4, 55, 6, 'ask', 'user')]);
    expect(b.hasAsk()).toBe(false);
    expect(b.bestAsk()).toBe(100);
    expect(b.has(lo)).toBe(false);
    expect(() => b.cancel(lo)).toThrowError(OrderRejectedError);
  });

  it('decrease keeps the rest resting with no event; decreasing by all or more cancels it as decreased_to_zero', () => {
    const b = new OrderBook();
    const a = b.submit(4, SELL, 55, 10);
    b.submit(5, SELL, 55, 1);
    b.submit(6, BUY, 40, 1, IOC); // leaves an event behind
    expect(b.decrease(a, 3)).toBe(7);
    expect(events(b)).toEqual([]);
    expect(b.levelQty(SELL, 55)).toBe(8);
    expect(b.order(a)?.qty).toBe(7);
    expect(b.decrease(a, 9)).toBe(0);
    expect(events(b)).toEqual([cancel(a, 4, 55, 7, 'ask', 'decreased_to_zero')]);
    expect(b.levelQty(SELL, 55)).toBe(1);
    expect(rejection(() => b.submit(1, BUY, 1, 1) && b.decrease(b.last.orderId, 0)).message).toContain('reduce_by');
  });

  it('cancelAll removes both sides with the given reason (user by default)', () => {
    const b = new OrderBook();
    const ids = [b.submit(1, BUY, 1, 2), b.submit(2, BUY, 40, 3), b.submit(3, SELL, 99, 4), b.submit(1, SELL, 60, 5)];
    expect(b.cancelAll(CANCEL_MARKET_CLOSED)).toBe(14);
    const byId = [...events(b)].sort((x, y) => (x as { orderId: number }).orderId - (y as { orderId: number }).orderId);
    expect(byId).toEqual([
      cancel(ids[0]!, 1, 1, 2, 'bid', 'market_closed'),
      cancel(ids[1]!, 2, 40, 3, 'bid', 'market_closed'),
      cancel(ids[2]!, 3, 99, 4, 'ask', 'market_closed'),
      cancel(ids[3]!, 1, 60, 5, 'ask', 'market_closed'),
    ]);
    expect([b.restingOrders, b.bestBid(), b.bestAsk(), b.sideQty(BUY), b.sideQty(SELL)]).toEqual([0, 0, 100, 0, 0]);
    b.submit(1, BUY, 10, 1);
    expect(b.cancelAll()).toBe(1);
    expect(events(b)).toEqual([expect.objectContaining({ reason: 'user' })]);
    b.submit(1, BUY, 10, 1);
    b.cancelAll(CANCEL_DECREASED);
    expect(events(b)).toEqual([expect.objectContaining({ reason: 'decreased' })]);
  });
});

describe('book: amend', () => {
  it('the same price and count changes nothing and reports no event; last is fully reset', () => {
    const b = new OrderBook();
    const a = b.submit(1, BUY, 40, 10);
    const c = b.submit(2, BUY, 40, 10);
    b.submit(3, SELL, 60, 2, IOC); // last now holds an IOC cancel
    expect(b.amend(a, 40, 10)).toBe(10);
    expect(events(b)).toEqual([]);
    expect(b.last).toEqual({ orderId: a, filled: 0, resting: 10, canceled: 0, cancelReason: -1 });
    expect(b.order(a)?.queuePosition).toBe(0);
    expect(b.amend(c, 40, 4)).toBe(4);
    expect(b.last).toEqual({ orderId: c, filled: 0, resting: 4, canceled: 0, cancelReason: -1 });
    expect(b.levelQty(BUY, 40)).toBe(14);
  });

  it('an ask amended across the spread trades first, then rests the rest at the new price', () => {
    const b = new OrderBook();
    const bid = b.submit(2, BUY, 50, 3);
    const ask = b.submit(1, SELL, 60, 8);
    b.submit(3, BUY, 30, 1, IOC);
    expect(b.amend(ask, 45, 8)).toBe(5);
    expect(events(b)).toEqual([
      {
        type: 'fill',
        makerOrderId: bid,
        makerOwner: 2,
        takerOrderId: ask,
        takerOwner: 1,
        price: 50,
        qty: 3,
        takerSide: 'ask',
        makerRemaining: 0,
      },
    ]);
    expect(b.last).toEqual({ orderId: ask, filled: 3, resting: 5, canceled: 0, cancelReason: -1 });
    expect([b.bestAsk(), b.bestBid(), b.levelQty(SELL, 60), b.levelQty(SELL, 45)]).toEqual([45, 0, 0, 5]);
  });

  it('an order amended into a complete fill leaves the book', () => {
    const b = new OrderBook();
    b.submit(2, BUY, 50, 3);
    const ask = b.submit(1, SELL, 60, 2);
    expect(b.amend(ask, 50, 2)).toBe(0);
    expect(b.last).toEqual({ orderId: ask, filled: 2, resting: 0, canceled: 0, cancelReason: -1 });
    expect(b.has(ask)).toBe(false);
    expect(b.restingOrders).toBe(1);
  });

  it('a post-only order may move but not across the spread', () => {
    const b = new OrderBook();
    b.submit(1, SELL, 45, 1);
    const p = b.submit(2, BUY, 40, 3, GTC, STP_CANCEL_TAKER, true);
    const e = rejection(() => b.amend(p, 45, 3));
    expect(e.code).toBe('POST_ONLY_WOULD_CROSS');
    expect(b.order(p)).toMatchObject({ price: 40, qty: 3 });
    expect(b.amend(p, 44, 3)).toBe(3);
    expect(b.bestBid()).toBe(44);
    // a plain order at the same place may cross
    const q = b.submit(3, BUY, 40, 1);
    expect(b.amend(q, 45, 1)).toBe(0);
  });

  it.each([
    ['maker: the own ask is canceled and the bid rests at 45', STP_CANCEL_MAKER, [5, 0, 1]],
    ['taker_at_cross: the amended bid is canceled at the own ask', STP_CANCEL_TAKER, [0, 5, 1]],
    ['none: the bid trades 4 with the own ask and rests 1', STP_NONE, [1, 0, 1]],
  ] as const)(
    'an amend into the owner’s own ask follows the order’s self-trade mode, %s',
    (_what, stp, [resting, canceled, eventCount]) => {
      const b = new OrderBook();
      const bid = b.submit(7, BUY, 40, 5, GTC, stp);
      const ask = b.submit(7, SELL, 45, 4, GTC, stp);
      b.amend(bid, 45, 5);
      expect(b.last.resting).toBe(resting);
      expect(b.last.canceled).toBe(canceled);
      expect(events(b)).toHaveLength(eventCount);
      if (stp === STP_CANCEL_MAKER) expect(events(b)[0]).toEqual(cancel(ask, 7, 45, 4, 'ask', 'self_trade_maker'));
      if (stp === STP_CANCEL_TAKER) {
        expect(events(b)[0]).toEqual(cancel(bid, 7, 45, 5, 'bid', 'self_trade_taker'));
        expect(b.last.cancelReason).toBe(2);
        expect(b.has(bid)).toBe(false);
      }
      if (stp === STP_NONE) expect(b.last).toMatchObject({ filled: 4, resting: 1 });
    },
  );

  it('rejects a bad price or count and leaves the order as it was', () => {
    const b = new OrderBook();
    const a = b.submit(1, BUY, 40, 5);
    expect(rejection(() => b.amend(a, 100, 5)).code).toBe('INVALID_PRICE');
    expect(rejection(() => b.amend(a, 41, 0)).code).toBe('INVALID_QUANTITY');
    expect(b.order(a)).toMatchObject({ price: 40, qty: 5 });
  });
});

describe('book: validation and ids', () => {
  it.each([
    ['a negative owner', () => new OrderBook().submit(-1, BUY, 40, 1), 'UNKNOWN_ACCOUNT', 'owner'],
    ['a fractional owner', () => new OrderBook().submit(1.5, BUY, 40, 1), 'UNKNOWN_ACCOUNT', 'owner'],
    ['a negative side', () => new OrderBook().submit(1, -1 as 0, 40, 1), 'INVALID_SIDE', 'side'],
    ['an unknown time in force', () => new OrderBook().submit(1, BUY, 40, 1, 3 as 0), 'INVALID_ORDER_TYPE', 'time in force'],
    ['an unknown self-trade mode', () => new OrderBook().submit(1, BUY, 40, 1, GTC, 3 as 0), 'INVALID_ORDER_TYPE', 'self-trade prevention'],
    ['2,000,000,001 contracts', () => new OrderBook().submit(1, BUY, 40, 2_000_000_001), 'INVALID_QUANTITY', 'count'],
    [
      'a price between ticks of a tapered grid',
      () => new OrderBook(TAPERED_DECI_CENT_GRID).submit(1, BUY, 505, 1),
      'INVALID_PRICE',
      'price',
    ],
  ])('rejects %s, naming it', (_what, act, code, words) => {
    const e = rejection(act);
    expect(e.code).toBe(code);
    expect(e.message).toContain(words);
  });

  it('accepts owner 0, the largest count and every time in force and self-trade mode', () => {
    const b = new OrderBook();
    b.submit(0, SELL, 60, 2_000_000_000);
    for (const tif of [GTC, IOC, FOK] as const)
      for (const stp of [STP_NONE, STP_CANCEL_TAKER, STP_CANCEL_MAKER] as const) b.submit(1, BUY, 10, 1, tif, stp);
    expect(b.levelOrders(BUY, 10)).toBe(3);
    expect(b.sideQty(SELL)).toBe(2_000_000_000);
  });

  it('post-only: a crossing ask is rejected naming the best bid; a resting one is accepted', () => {
    const b = new OrderBook();
    b.submit(1, BUY, 50, 1);
    expect(rejection(() => b.submit(2, SELL, 50, 1, GTC, STP_CANCEL_TAKER, true)).message).toBe(
      'post-only ask at 50 would cross the best bid 50',
    );
    b.submit(2, SELL, 51, 1, GTC, STP_CANCEL_TAKER, true);
    expect(b.bestAsk()).toBe(51);
    expect(rejection(() => b.submit(3, BUY, 52, 1, GTC, STP_CANCEL_TAKER, true)).message).toBe(
      'post-only bid at 52 would cross the best ask 51',
    );
  });

  it('stops issuing ids at 2^31 − 1, leaving the book unchanged', () => {
    const b = new OrderBook(undefined, 16, { last: 2 ** 31 - 2 });
    const id = b.submit(1, BUY, 40, 1);
    expect(id).toBe((2 ** 31 - 1) * SLOT_SPACE + (id % SLOT_SPACE));
    expect(b.has(id)).toBe(true);
    const e = rejection(() => b.submit(1, BUY, 41, 1));
    expect(e.code).toBe('CAPACITY_EXCEEDED');
    expect(e.message).toContain('2^31 order ids');
    expect([b.restingOrders, b.bestBid()]).toEqual([1, 40]);
  });

  it('books sharing an id sequence issue increasing ids and each knows only its own', () => {
    const seq = { last: 0 };
    const x = new OrderBook(undefined, 16, seq);
    const y = new OrderBook(undefined, 16, seq);
    const a = x.submit(1, BUY, 40, 1);
    const b = y.submit(1, BUY, 40, 1);
    const c = x.submit(1, BUY, 41, 1);
    expect(a < b && b < c).toBe(true);
    expect(seq.last).toBe(3);
    // a and b share slot 1 of their books: the id, not the slot, decides
    expect(a % SLOT_SPACE).toBe(b % SLOT_SPACE);
    expect([x.has(a), x.has(b), y.has(b), y.has(a)]).toEqual([true, false, true, false]);
    expect(y.order(a)).toBeUndefined();
  });

  it('finds no order for ids that were never issued', () => {
    const b = new OrderBook();
    const id = b.submit(1, BUY, 40, 1);
    for (const bad of [0, -id, id + 0.5, Number.NaN, id + 2 ** 31 * SLOT_SPACE, id + SLOT_SPACE, id - 1, Infinity])
      expect(b.has(bad), String(bad)).toBe(false);
  });
});

describe('book: depth views', () => {
  it('lists levels best first on both sides, up to a maximum, including the edge prices 1 and 99', () => {
    const b = new OrderBook();
    b.submit(1, BUY, 1, 1);
    b.submit(1, BUY, 42, 2);
    b.submit(2, BUY, 42, 3);
    b.submit(1, BUY, 45, 4);
    b.submit(1, SELL, 99, 6);
    b.submit(1, SELL, 50, 7);
    expect(b.levels(BUY)).toEqual([
      [45, 4, 1],
      [42, 5, 2],
      [1, 1, 1],
    ]);
    expect(b.levels(BUY, 2)).toEqual([
      [45, 4, 1],
      [42, 5, 2],
    ]);
    expect(b.levels(SELL)).toEqual([
      [50, 7, 1],
      [99, 6, 1],
    ]);
    expect(b.orders(BUY).map((o) => [o.price, o.qty, o.queuePosition])).toEqual([
      [45, 4, 0],
      [42, 2, 0],
      [42, 3, 2],
      [1, 1, 0],
    ]);
    expect(b.orders(SELL).map((o) => [o.side, o.price])).toEqual([
      ['ask', 50],
      ['ask', 99],
    ]);
    expect([b.sideQty(BUY), b.sideQty(SELL)]).toEqual([10, 13]);
    expect([b.levelQty(SELL, 100), b.levelOrders(SELL, 100), b.levelQty(BUY, -1), b.levelOrders(BUY, -1)]).toEqual([0, 0, 0, 0]);
  });

  it('re-seats the best bid and ask to the next level when the best is canceled', () => {
    const b = new OrderBook(tickGrid(1000));
    const bids = [999, 640, 33, 1].map((p) => b.submit(1, BUY, p, 1));
    for (const [i, next] of [640, 33, 1, 0].entries()) {
      b.cancel(bids[i]!);
      expect(b.bestBid()).toBe(next);
    }
    const asks = [1, 32, 64, 999].map((p) => b.submit(2, SELL, p, 1));
    for (const [i, next] of [32, 64, 999, 1000].entries()) {
      b.cancel(asks[i]!);
      expect(b.bestAsk()).toBe(next);
    }
  });
});

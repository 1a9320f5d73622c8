import { describe, expect, it } from 'vitest';
import { BookFills, QuoteFills, type FillModel } from '../../src/backtest/fill-models.js';
import { SimulatedVenue } from '../../src/backtest/simulated-venue.js';
import { ManualClock } from '../../src/core/clock.js';
import { CENT_GRID, NO_FEES } from '../../src/market/index.js';
import type { BookUpdate, Fill, VenueOrderEvent } from '../../src/trading/index.js';

// Expected fills and books are worked by hand from price-time priority (Kalshi's matching: best price first,
// then oldest first; a trade prints at the resting order's price) and Kalshi's money model with no fees.

function harness(fills: FillModel, options: { latencyMs?: number; depthShown?: number } = {}) {
  const clock = new ManualClock(0);
  const scheduled: Array<{ time: number; action: () => void }> = [];
  const venue = new SimulatedVenue({
    clock,
    instrument: (ticker) => ({ ticker, title: ticker, grid: CENT_GRID, fees: NO_FEES }),
    fills,
    startingCash: 10_000,
    latencyMs: options.latencyMs ?? 100,
    schedule: (time, action) => void scheduled.push({ time, action }),
    ...(options.depthShown === undefined ? {} : { depthShown: options.depthShown }),
  });
  const orders: VenueOrderEvent[] = [];
  const fillsSeen: Fill[] = [];
  const books: BookUpdate[] = [];
  const resolutions: number[] = [];
  venue.connect({
    order: (e) => void orders.push(e),
    fill: (f) => void fillsSeen.push(f),
    marketData: (d) => void (d.kind === 'book' && books.push(d)),
    resolution: (r) => void resolutions.push(r.settlementValue),
  });
  /** Let every request made so far arrive, at its scheduled time. */
  const arrive = () => {
    for (const s of scheduled.splice(0).sort((a, b) => a.time - b.time)) {
      clock.set(s.time);
      s.action();
    }
  };
  const levels = (b: BookUpdate) => ({ bids: b.bids.map((l) => [l.price, l.size]), asks: b.asks.map((l) => [l.price, l.size]) });
  return { clock, scheduled, venue, orders, fills: fillsSeen, books, resolutions, arrive, levels };
}

const quote = (time: number, bid: number, ask: number) => ({ kind: 'quote' as const, time, ticker: 'M', bid, ask });

describe('SimulatedVenue: the backtester’s exchange', () => {
  it('shows the fill model’s ladder; a request arrives after the latency and walks it as taker', () => {
    const h = harness(new BookFills({ levels: 2, depthPerLevel: 10 }));
    h.venue.onBook(quote(0, 40, 44));
    expect(h.levels(h.books.at(-1)!)).toEqual({
      bids: [
        [40, 10],
        [39, 10],
      ],
      asks: [
        [44, 10],
        [45, 10],
      ],
    });
    h.venue.submit({ ticker: 'M', side: 'bid', price: 45, count: 15, timeInForce: 'ioc', clientOrderId: 'a' });
    // nothing before it arrives, 100 ms later
    expect(h.fills).toEqual([]);
    expect(h.scheduled.map((s) => s.time)).toEqual([100]);
    h.arrive();
    expect(h.fills.map((f) => [f.clientOrderId, f.price, f.count, f.isTaker, f.time])).toEqual([
      ['a', 44, 10, true, 100],
      ['a', 45, 5, true, 100],
    ]);
    // filled at once: no separate acknowledgement
    expect(h.orders).toEqual([]);
    expect(h.venue.account.cash).toBe(10_000 - 440 - 225);
    expect(h.venue.account.position('M')).toMatchObject({ qty: 15, costBasis: 665 });
    expect(h.venue.account.positions().map((p) => p.ticker)).toEqual(['M']);
    expect(h.venue.account.position('NOWHERE')).toEqual({ ticker: 'NOWHERE', qty: 0, costBasis: 0, realizedPnl: 0, feesPaid: 0 });
    // the book now shows what is left: 5 at 45
    expect(h.levels(h.venue.bookUpdate('M')).asks).toEqual([[45, 5]]);
  });

  it('a new quote reposts: vanished levels are canceled, a shrunk level tops up, new levels appear', () => {
    const h = harness(new BookFills({ levels: 2, depthPerLevel: 10 }));
    h.venue.onBook(quote(0, 40, 44));
    h.venue.submit({ ticker: 'M', side: 'bid', price: 44, count: 4, timeInForce: 'ioc', clientOrderId: 'a' });
    h.arrive();
    h.venue.onBook(quote(200, 41, 45));
    // 44 and 39 are gone; 45 stays at 10; 41 and 46 are new
    expect(h.levels(h.books.at(-1)!)).toEqual({
      bids: [
        [41, 10],
        [40, 10],
      ],
      asks: [
        [45, 10],
        [46, 10],
      ],
    });
    // a smaller depth in a book update cuts the level down rather than adding to it
    h.venue.onBook({ kind: 'book', time: 300, ticker: 'M', bids: [{ price: 41, size: 3 }], asks: [{ price: 45, size: 25 }] });
    expect(h.levels(h.books.at(-1)!)).toEqual({ bids: [[41, 3]], asks: [[45, 25]] });
    // a level shown with size 0 is dropped
    h.venue.onBook({ kind: 'book', time: 400, ticker: 'M', bids: [{ price: 41, size: 0 }], asks: [{ price: 45, size: 25 }] });
    expect(h.levels(h.books.at(-1)!)).toEqual({ bids: [], asks: [[45, 25]] });
  });

  it('a resting strategy bid is acknowledged, then filled as maker at its own price when a later quote crosses it', () => {
    const h = harness(new QuoteFills({ depth: 5 }));
    h.venue.onBook(quote(0, 40, 44));
    h.venue.submit({ ticker: 'M', side: 'bid', price: 42, count: 3, timeInForce: 'gtc', clientOrderId: 'r' });
    h.arrive();
    expect(h.orders).toEqual([{ type: 'accepted', clientOrderId: 'r', venueOrderId: expect.any(String), time: 100 }]);
    expect(h.venue.account.reserved).toBe(126);
    h.clock.set(500);
    h.venue.onBook(quote(500, 38, 41));
    expect(h.fills.map((f) => [f.clientOrderId, f.price, f.count, f.isTaker, f.time])).toEqual([['r', 42, 3, false, 500]]);
    expect(h.venue.account.position('M').qty).toBe(3);
  });

  it('cancel and amend arrive late too; requests about orders that do not rest are refused with the reason', () => {
    const h = harness(new QuoteFills({ depth: 5 }), { latencyMs: 0 });
    h.venue.onBook(quote(0, 40, 44));
    h.venue.submit({ ticker: 'M', side: 'bid', price: 41, count: 3, timeInForce: 'gtc', clientOrderId: 'r' });
    h.venue.amend('r', { price: 42, count: 5 });
    h.venue.cancel('ghost');
    h.arrive();
    expect(h.orders.map((e) => e.type)).toEqual(['accepted', 'amended', 'refused']);
    expect(h.orders[1]).toMatchObject({ clientOrderId: 'r', price: 42, remaining: 5 });
    expect(h.orders[2]).toMatchObject({
      clientOrderId: 'ghost',
      request: 'cancel',
      reason: 'unknown_order',
      message: 'order ghost is not resting (never arrived, filled or canceled)',
    });
    h.venue.cancel('r');
    h.venue.amend('r', { price: 43, count: 5 });
    h.arrive();
    expect(h.orders.slice(3).map((e) => [e.type, 'reason' in e ? e.reason : undefined])).toEqual([
      ['canceled', 'user'],
      ['refused', 'unknown_order'],
    ]);
    expect(h.orders[4]).toMatchObject({ request: 'amend' });
    // an order for a price off the grid is rejected with the market core's reason
    h.venue.submit({ ticker: 'M', side: 'bid', price: 100, count: 1, timeInForce: 'gtc', clientOrderId: 'bad' });
    h.arrive();
    expect(h.orders.at(-1)).toMatchObject({ type: 'rejected', clientOrderId: 'bad', reason: 'invalid_price' });
  });

  it('a data trade takes liquidity first where it was first (queue back); with queue front the strategy goes first', () => {
    for (const queue of ['back', 'front'] as const) {
      const h = harness(new BookFills({ levels: 1, depthPerLevel: 10, queue }), { latencyMs: 0 });
      h.venue.onBook(quote(0, 40, 44));
      h.venue.submit({ ticker: 'M', side: 'bid', price: 40, count: 4, timeInForce: 'gtc', clientOrderId: 'r' });
      h.arrive();
      // someone sells 12 at 40: 10 shown before the strategy's 4 (back) or after them (front)
      h.venue.onTrade({ kind: 'trade', time: 1, ticker: 'M', price: 40, count: 12, takerSide: 'ask' });
      expect(h.fills.map((f) => f.count)).toEqual(queue === 'back' ? [2] : [4]);
    }
    // a print the book cannot take (off the grid) is only shown as data
    const h = harness(new QuoteFills());
    expect(() => h.venue.onTrade({ kind: 'trade', time: 1, ticker: 'M', price: 150, count: 1, takerSide: 'bid' })).not.toThrow();
  });

  it('resolution settles the strategy’s holding, cancels what rests, and reports; depthShown limits the levels shown', () => {
    const h = harness(new BookFills({ levels: 3, depthPerLevel: 10 }), { latencyMs: 0, depthShown: 2 });
    h.venue.onBook(quote(0, 40, 44));
    expect(h.levels(h.books.at(-1)!)).toEqual({
      bids: [
        [40, 10],
        [39, 10],
      ],
      asks: [
        [44, 10],
        [45, 10],
      ],
    });
    h.venue.submit({ ticker: 'M', side: 'bid', price: 44, count: 5, timeInForce: 'ioc', clientOrderId: 'a' });
    h.venue.submit({ ticker: 'M', side: 'bid', price: 30, count: 2, timeInForce: 'gtc', clientOrderId: 'b' });
    h.arrive();
    // YES wins: 5 × 100 paid
    expect(h.venue.onResolution({ kind: 'resolution', time: 10, ticker: 'M', settlementValue: 100 })).toBe(500);
    expect(h.resolutions).toEqual([100]);
    expect(h.orders.at(-1)).toMatchObject({ type: 'canceled', clientOrderId: 'b', reason: 'market_closed' });
    expect(h.venue.account.positions()).toEqual([]);
    expect(h.venue.account.cash).toBe(10_000 - 220 + 500);
    // a second resolution of the same market, or of one never seen, pays nothing
    expect(h.venue.onResolution({ kind: 'resolution', time: 11, ticker: 'M', settlementValue: 100 })).toBe(0);
    expect(h.venue.onResolution({ kind: 'resolution', time: 11, ticker: 'OTHER', settlementValue: 0 })).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { OmegaError } from '../../src/core/errors.js';
import { CENT_GRID, KALSHI_FEES, type AmendRequest, type OrderRequest } from '../../src/market/index.js';
import {
  type BookUpdate,
  type Fill,
  type Instrument,
  isTerminal,
  OrderTracker,
  type OrderUpdate,
  type PositionView,
  rejectReasonOf,
  type Strategy,
  StrategyRunner,
  type Venue,
  type VenueListener,
} from '../../src/trading/index.js';

/**
 * A venue driven entirely by the test: it records every request and does nothing by itself; the test
 * plays the venue's side by calling the listener. Positions are set by hand.
 */
class ScriptedVenue implements Venue {
  readonly name = 'scripted';
  readonly clock = new ManualClock(100);
  listener!: VenueListener;
  readonly submitted: Array<OrderRequest & { clientOrderId: string }> = [];
  readonly canceled: string[] = [];
  readonly amended: Array<[string, AmendRequest]> = [];
  readonly held = new Map<string, number>();
  cash = 10_000;
  connect(listener: VenueListener): void {
    this.listener = listener;
  }
  instrument(ticker: string): Instrument {
    if (ticker === 'BROKEN') throw new Error('the venue fell over');
    if (!ticker.startsWith('M')) throw new OmegaError('UNKNOWN_MARKET', `no market ${ticker}`);
    return { ticker, title: ticker, grid: CENT_GRID, fees: KALSHI_FEES, eventTicker: 'E' };
  }
  submit(order: OrderRequest & { readonly clientOrderId: string }): void {
    this.submitted.push(order);
  }
  cancel(clientOrderId: string): void {
    this.canceled.push(clientOrderId);
  }
  amend(clientOrderId: string, change: AmendRequest): void {
    this.amended.push([clientOrderId, change]);
  }
  private positionOf = (ticker: string): PositionView => ({
    ticker,
    qty: this.held.get(ticker) ?? 0,
    costBasis: 0,
    realizedPnl: 0,
    feesPaid: 0,
  });
  readonly account = (() => {
    const venue = this;
    return {
      get cash() {
        return venue.cash;
      },
      reserved: 0,
      feesPaid: 0,
      position: (t: string) => venue.positionOf(t),
      positions: () => [...venue.held.keys()].map((t) => venue.positionOf(t)),
    };
  })();
}

const bookOf = (ticker: string, bid: number, ask: number): BookUpdate => ({
  kind: 'book',
  time: 0,
  ticker,
  bids: [{ price: bid, size: 1 }],
  asks: [{ price: ask, size: 1 }],
});
const fillOf = (clientOrderId: string, count: number, price: number): Fill => ({
  clientOrderId,
  venueOrderId: 'v',
  tradeId: 't',
  ticker: 'M1',
  side: 'bid',
  price,
  count,
  fee: 0,
  isTaker: true,
  time: 101,
});

describe('StrategyRunner: what the context gives a strategy', () => {
  it('passes through the venue’s clock, positions, instruments, the last book and the log', () => {
    const venue = new ScriptedVenue();
    venue.held.set('M1', 7);
    const lines: string[] = [];
    const runner = new StrategyRunner(venue, { name: 's' }, { log: (m) => void lines.push(m) });
    const ctx = runner.ctx;
    expect(ctx.clock).toBe(venue.clock);
    expect(ctx.portfolio).toBe(runner.portfolio);
    expect(ctx.position('M1').qty).toBe(7);
    expect(ctx.instrument('M1').eventTicker).toBe('E');
    expect(ctx.book('M1')).toBeUndefined();
    const b = bookOf('M1', 40, 44);
    venue.listener.marketData(b);
    // a trade print does not replace the book
    venue.listener.marketData({ kind: 'trade', time: 1, ticker: 'M1', price: 44, count: 1, takerSide: 'bid' });
    expect(ctx.book('M1')).toBe(b);
    ctx.log('hello');
    expect(lines).toEqual(['hello']);
    // the portfolio marks the holding at the book's mid: 10,000 + 7 × 42
    expect(ctx.portfolio.equity).toBe(10_294);
    // without a log option, log is silent (and does not throw)
    expect(() => new StrategyRunner(new ScriptedVenue(), { name: 's' }).ctx.log('x')).not.toThrow();
  });

  it('delivers start, market data, fills, updates, resolutions and end; a strategy without hooks is fine', () => {
    const venue = new ScriptedVenue();
    const seen: string[] = [];
    const s: Strategy = {
      name: 's',
      onStart: () => void seen.push('start'),
      onMarketData: (d) => void seen.push(`data ${d.kind}`),
      onFill: (f) => void seen.push(`fill ${f.count}`),
      onOrderUpdate: (u) => void seen.push(`update ${u.order.state}`),
      onResolution: (r) => void seen.push(`resolution ${r.settlementValue}`),
      onEnd: () => void seen.push('end'),
    };
    const runner = new StrategyRunner(venue, s);
    runner.start();
    venue.listener.marketData(bookOf('M1', 40, 44));
    const id = runner.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 44, count: 2, timeInForce: 'ioc' });
    venue.listener.order({ type: 'accepted', clientOrderId: id, venueOrderId: 'v', time: 101 });
    venue.listener.fill(fillOf(id, 2, 44));
    venue.listener.resolution({ kind: 'resolution', time: 102, ticker: 'M1', settlementValue: 100 });
    runner.end();
    expect(seen).toEqual(['start', 'data book', 'update resting', 'fill 2', 'update filled', 'resolution 100', 'end']);
    // the resolved market's book is forgotten
    expect(runner.ctx.book('M1')).toBeUndefined();

    const bare = new ScriptedVenue();
    const quiet = new StrategyRunner(bare, { name: 'bare' });
    expect(() => {
      quiet.start();
      bare.listener.marketData(bookOf('M1', 40, 44));
      const q = quiet.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 44, count: 1, timeInForce: 'gtc' });
      bare.listener.order({ type: 'accepted', clientOrderId: q, venueOrderId: 'v', time: 101 });
      bare.listener.fill(fillOf(q, 1, 44));
      bare.listener.resolution({ kind: 'resolution', time: 102, ticker: 'M1', settlementValue: 0 });
      quiet.end();
    }).not.toThrow();
  });

  it('events about orders this session never sent reach no strategy callback (a rejection is still counted)', () => {
    const venue = new ScriptedVenue();
    const seen: string[] = [];
    const runner = new StrategyRunner(venue, {
      name: 's',
      onFill: () => void seen.push('fill'),
      onOrderUpdate: () => void seen.push('update'),
    });
    venue.listener.fill(fillOf('stranger', 1, 40));
    venue.listener.order({ type: 'accepted', clientOrderId: 'stranger', venueOrderId: 'v', time: 1 });
    venue.listener.order({ type: 'rejected', clientOrderId: 'stranger', reason: 'insufficient_funds', message: '', time: 1 });
    expect(seen).toEqual([]);
    expect(runner.rejections).toEqual({ insufficient_funds: 1 });
  });
});

describe('StrategyRunner: orders the venue never sees', () => {
  it('an unknown market is rejected with its code; anything else the venue throws is venue_error', () => {
    const venue = new ScriptedVenue();
    const updates: OrderUpdate[] = [];
    const runner = new StrategyRunner(venue, { name: 's', onOrderUpdate: (u) => void updates.push(u) });
    const a = runner.ctx.submitOrder({ ticker: 'X9', side: 'ask', price: 30, count: 2, timeInForce: 'gtc', postOnly: true });
    const b = runner.ctx.submitOrder({ ticker: 'BROKEN', side: 'bid', price: 30, count: 2, timeInForce: 'gtc' });
    expect(venue.submitted).toEqual([]);
    expect(updates.map((u) => [u.order.clientOrderId, u.previousState, u.order.state, u.order.reason])).toEqual([
      [a, 'pending', 'rejected', 'unknown_market'],
      [b, 'pending', 'rejected', 'venue_error'],
    ]);
    expect(runner.ctx.order(a)).toMatchObject({ side: 'ask', price: 30, postOnly: true, submittedAt: 100 });
    expect(runner.ctx.order(b)!.postOnly).toBe(false);
    expect(runner.rejections).toEqual({ unknown_market: 1, venue_error: 1 });
  });

  it('an outcome order that cannot be translated keeps the side it meant: buy YES / sell NO = bid, buy NO / sell YES = ask', () => {
    const runner = new StrategyRunner(new ScriptedVenue(), { name: 's' });
    const side = (outcome: 'yes' | 'no', action: 'buy' | 'sell') =>
      runner.ctx.order(runner.ctx.submitOrder({ ticker: 'X9', outcome, action, price: 35, count: 1, timeInForce: 'gtc' }))!;
    expect(side('yes', 'buy')).toMatchObject({ side: 'bid', price: 35, state: 'rejected' });
    expect(side('no', 'sell').side).toBe('bid');
    expect(side('no', 'buy').side).toBe('ask');
    expect(side('yes', 'sell').side).toBe('ask');
  });

  it('cancel or amend of a finished order is refused here, with the reason and the state; a live one goes to the venue', () => {
    const venue = new ScriptedVenue();
    const updates: OrderUpdate[] = [];
    const runner = new StrategyRunner(venue, { name: 's', onOrderUpdate: (u) => void updates.push(u) });
    const dead = runner.ctx.submitOrder({ ticker: 'X9', side: 'bid', price: 30, count: 1, timeInForce: 'gtc' });
    updates.length = 0;
    runner.ctx.cancelOrder(dead);
    runner.ctx.amendOrder(dead, { price: 31, count: 1 });
    expect(updates.map((u) => u.refused)).toEqual([
      { request: 'cancel', reason: 'unknown_order', message: `order ${dead} is already rejected` },
      { request: 'amend', reason: 'unknown_order', message: `order ${dead} is already rejected` },
    ]);
    expect(updates.map((u) => u.order.state)).toEqual(['rejected', 'rejected']);
    expect(venue.canceled).toEqual([]);
    expect(venue.amended).toEqual([]);
    const live = runner.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 30, count: 1, timeInForce: 'gtc' });
    runner.ctx.amendOrder(live, { price: 31, count: 1 });
    runner.ctx.cancelOrder(live);
    expect(venue.amended).toEqual([[live, { price: 31, count: 1 }]]);
    expect(venue.canceled).toEqual([live]);
    expect(() => runner.ctx.amendOrder('nope', { price: 1, count: 1 })).toThrow(/no order with clientOrderId "nope" in this session/);
    expect(() =>
      runner.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 30, count: 1, timeInForce: 'gtc', clientOrderId: live }),
    ).toThrow(new RegExp(`clientOrderId "${live}" was already used`));
  });
});

describe('StrategyRunner: risk stakes count only contracts an order opens', () => {
  const limits = { maxStakePerEvent: 10_000 };

  it('selling YES you hold stakes nothing; beyond the holding (and what other asks already close) it stakes 100 − p each', () => {
    const venue = new ScriptedVenue();
    venue.held.set('M1', 10);
    const runner = new StrategyRunner(venue, { name: 's' }, { risk: limits });
    runner.ctx.submitOrder({ ticker: 'M1', side: 'ask', price: 60, count: 4, timeInForce: 'gtc' }); // closes 4 of 10
    expect(runner.risk.stakedOnEvent('E')).toBe(0);
    // 6 still held and not being sold: an ask of 8 closes 6 and opens 2 → 2 × 40
    runner.ctx.submitOrder({ ticker: 'M1', side: 'ask', price: 60, count: 8, timeInForce: 'gtc' });
    expect(runner.risk.stakedOnEvent('E')).toBe(80);
    // a bid does not close a YES holding: 3 × 50
    runner.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 50, count: 3, timeInForce: 'gtc' });
    expect(runner.risk.stakedOnEvent('E')).toBe(230);
  });

  it('buying YES back against a NO holding (qty < 0) closes it first', () => {
    const venue = new ScriptedVenue();
    venue.held.set('M1', -5);
    const runner = new StrategyRunner(venue, { name: 's' }, { risk: limits });
    runner.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 30, count: 7, timeInForce: 'gtc' }); // closes 5, opens 2 → 60
    expect(runner.risk.stakedOnEvent('E')).toBe(60);
    runner.ctx.submitOrder({ ticker: 'M1', side: 'ask', price: 30, count: 1, timeInForce: 'gtc' }); // opens 1 → 70
    expect(runner.risk.stakedOnEvent('E')).toBe(130);
  });

  it('a venue rejection gives the stake back; a refused cancel does not', () => {
    const venue = new ScriptedVenue();
    const runner = new StrategyRunner(venue, { name: 's' }, { risk: limits });
    const a = runner.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 40, count: 10, timeInForce: 'gtc' });
    const b = runner.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 20, count: 10, timeInForce: 'gtc' });
    expect(runner.risk.stakedOnEvent('E')).toBe(600);
    venue.listener.order({ type: 'accepted', clientOrderId: a, venueOrderId: 'va', time: 101 });
    venue.listener.order({ type: 'refused', clientOrderId: a, request: 'cancel', reason: 'unknown_order', message: 'busy', time: 101 });
    expect(runner.risk.stakedOnEvent('E')).toBe(600);
    venue.listener.order({ type: 'rejected', clientOrderId: b, reason: 'insufficient_funds', message: 'no', time: 101 });
    expect(runner.risk.stakedOnEvent('E')).toBe(400);
    // 4 of a filled, the rest canceled: 6 × 40 back
    venue.listener.fill(fillOf(a, 4, 40));
    venue.listener.order({ type: 'canceled', clientOrderId: a, count: 6, remaining: 0, reason: 'user', time: 102 });
    expect(runner.risk.stakedOnEvent('E')).toBe(160);
  });

  it('a resolution that takes equity below the drawdown limit halts new orders', () => {
    const venue = new ScriptedVenue();
    const runner = new StrategyRunner(venue, { name: 's' }, { risk: { drawdownHalt: 0.5 } });
    runner.start(); // peak 10,000
    venue.cash = 4_000;
    venue.listener.resolution({ kind: 'resolution', time: 101, ticker: 'M1', settlementValue: 0 });
    const id = runner.ctx.submitOrder({ ticker: 'M1', side: 'bid', price: 40, count: 1, timeInForce: 'gtc' });
    expect(runner.ctx.order(id)).toMatchObject({ state: 'rejected', reason: 'trading_halted' });
    expect(venue.submitted).toEqual([]);
  });
});

describe('OrderTracker details', () => {
  const order = { side: 'bid' as const, price: 40, count: 10, timeInForce: 'gtc' as const, postOnly: false, tags: undefined };

  it('open orders by market, open contracts by market and side, all orders in sending order', () => {
    const t = new OrderTracker();
    t.add({ ...order, clientOrderId: 'a', ticker: 'M1' }, 0);
    t.add({ ...order, clientOrderId: 'b', ticker: 'M2' }, 0);
    t.add({ ...order, clientOrderId: 'c', ticker: 'M1', side: 'ask', count: 3 }, 0);
    t.add({ ...order, clientOrderId: 'd', ticker: 'M1', count: 5 }, 0);
    t.reject('b', 'risk_limit', 1);
    expect(t.open('M1').map((o) => o.clientOrderId)).toEqual(['a', 'c', 'd']);
    expect(t.open('M2')).toEqual([]);
    expect(t.open().map((o) => o.clientOrderId)).toEqual(['a', 'c', 'd']);
    expect(t.openCount('M1', 'bid')).toBe(15);
    expect(t.openCount('M1', 'ask')).toBe(3);
    expect(t.openCount('M2', 'bid')).toBe(0);
    expect(t.all().map((o) => [o.clientOrderId, o.state])).toEqual([
      ['a', 'pending'],
      ['b', 'rejected'],
      ['c', 'pending'],
      ['d', 'pending'],
    ]);
    // the runner's own rejection carries no venue message and counts every contract as canceled
    expect(t.view('b')).toMatchObject({ remaining: 0, count: 0, filled: 0, averageFillPrice: undefined });
  });

  it('an amend moves price and size; a cancel larger than what rests cannot go negative; a rejected order ignores fills', () => {
    const t = new OrderTracker();
    t.add({ ...order, clientOrderId: 'a', ticker: 'M1' }, 0);
    t.apply({ type: 'accepted', clientOrderId: 'a', venueOrderId: 'v', time: 1 });
    expect(t.apply({ type: 'amended', clientOrderId: 'a', price: 42, remaining: 6, time: 2 })).toMatchObject({
      previousState: 'resting',
      order: { price: 42, remaining: 6, count: 6, state: 'resting', updatedAt: 2 },
    });
    // a venue that reports 9 canceled of 6 resting, 0 left: the order is canceled with nothing resting
    expect(t.apply({ type: 'canceled', clientOrderId: 'a', count: 9, remaining: 0, reason: 'user', time: 3 })).toMatchObject({
      order: { state: 'canceled', remaining: 0, count: 0 },
    });
    // a partial cancel that leaves contracts resting, on an order not yet acknowledged: still pending
    t.add({ ...order, clientOrderId: 'b', ticker: 'M1' }, 0);
    expect(t.apply({ type: 'canceled', clientOrderId: 'b', count: 4, remaining: 6, reason: 'decreased', time: 3 })).toMatchObject({
      order: { state: 'pending', remaining: 6 },
    });
    // the venue's remaining wins when it is smaller than ours minus the count
    expect(t.apply({ type: 'canceled', clientOrderId: 'b', count: 1, remaining: 2, reason: 'decreased', time: 4 })).toMatchObject({
      order: { remaining: 2 },
    });
    t.add({ ...order, clientOrderId: 'c', ticker: 'M1' }, 0);
    t.reject('c', 'risk_limit', 1);
    expect(
      t.fill({
        clientOrderId: 'c',
        venueOrderId: 'v',
        tradeId: 't',
        ticker: 'M1',
        side: 'bid',
        price: 40,
        count: 1,
        fee: 0,
        isTaker: true,
        time: 5,
      }),
    ).toBeUndefined();
    expect(t.view('c')!.filled).toBe(0);
  });

  it('an IOC that fills some and cancels the rest ends canceled (not filled); one that fills all ends filled', () => {
    const t = new OrderTracker();
    t.add({ ...order, clientOrderId: 'a', ticker: 'M1', timeInForce: 'ioc' }, 0);
    t.fill({
      clientOrderId: 'a',
      venueOrderId: 'v',
      tradeId: 't',
      ticker: 'M1',
      side: 'bid',
      price: 40,
      count: 4,
      fee: 0,
      isTaker: true,
      time: 5,
    });
    expect(t.apply({ type: 'canceled', clientOrderId: 'a', count: 6, remaining: 0, reason: 'ioc_remainder', time: 6 })!.order.state).toBe(
      'canceled',
    );
    expect(t.apply({ type: 'rejected', clientOrderId: 'a', reason: 'venue_error', message: 'late', time: 7 })).toBeUndefined();
  });
});

describe('reason codes and terminal states', () => {
  it('market-core error codes map to lower-case reasons; anything else is venue_error', () => {
    for (const code of [
      'INSUFFICIENT_FUNDS',
      'INVALID_PRICE',
      'INVALID_QUANTITY',
      'INVALID_SIDE',
      'INVALID_ORDER_TYPE',
      'UNKNOWN_ORDER',
      'UNKNOWN_ACCOUNT',
      'UNKNOWN_MARKET',
      'MARKET_CLOSED',
      'POST_ONLY_WOULD_CROSS',
      'DUPLICATE_CLIENT_ORDER_ID',
      'CAPACITY_EXCEEDED',
      'RISK_LIMIT',
      'TRADING_HALTED',
      'VENUE_ERROR',
    ]) {
      expect(rejectReasonOf(new OmegaError(code, 'x'))).toBe(code.toLowerCase());
    }
    expect(rejectReasonOf(new OmegaError('SOMETHING_ELSE', 'x'))).toBe('venue_error');
    expect(rejectReasonOf(new Error('boom'))).toBe('venue_error');
    expect(rejectReasonOf('a string')).toBe('venue_error');
  });

  it('filled, canceled and rejected are final; pending, resting and partially filled are not', () => {
    expect(['filled', 'canceled', 'rejected', 'pending', 'resting', 'partially_filled'].map((s) => isTerminal(s as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

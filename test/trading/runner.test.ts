import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CENT_GRID,
  Exchange,
  KALSHI_FEES,
  KALSHI_FEES_WITH_MAKER,
  NO_FEES,
  type OrderRequest,
  TAPERED_DECI_CENT_GRID,
} from '../../src/market/index.js';
import {
  affordableCount,
  orderReserve,
  OrderTracker,
  type OrderUpdate,
  type Strategy,
  StrategyRunner,
  type VenueOrderEvent,
} from '../../src/trading/index.js';
import { book, instruments } from '../backtest/generic.js';
import { FakeVenue } from './fake-venue.js';

/** A fake venue that records what reached it, and optionally fills right inside `submit`. */
class RecordingVenue extends FakeVenue {
  readonly received: Array<OrderRequest & { clientOrderId: string }> = [];
  constructor(private readonly eager = false) {
    super(instruments(), 100_000);
  }
  override submit(order: OrderRequest & { readonly clientOrderId: string }): void {
    this.received.push(order);
    super.submit(order);
    if (this.eager) this.flush();
  }
}

describe('StrategyRunner: the context a strategy trades through', () => {
  it('makes client order ids, keeps given ones, and refuses a duplicate or an unknown id at once', () => {
    const venue = new RecordingVenue();
    const ids: string[] = [];
    const runner = new StrategyRunner(venue, { name: 's' }, { idPrefix: 'x' });
    const ctx = runner.ctx;
    ids.push(ctx.submitOrder({ ticker: 'M-1', side: 'bid', price: 40, count: 1, timeInForce: 'gtc' }));
    ids.push(ctx.submitOrder({ ticker: 'M-1', side: 'bid', price: 40, count: 1, timeInForce: 'gtc', clientOrderId: 'mine' }));
    ids.push(ctx.submitOrder({ ticker: 'M-1', side: 'bid', price: 40, count: 1, timeInForce: 'gtc' }));
    expect(ids).toEqual(['x-1', 'mine', 'x-2']);
    expect(() =>
      ctx.submitOrder({ ticker: 'M-1', side: 'bid', price: 40, count: 1, timeInForce: 'gtc', clientOrderId: 'mine' }),
    ).toThrowError(expect.objectContaining({ code: 'DUPLICATE_CLIENT_ORDER_ID' }));
    expect(() => ctx.cancelOrder('nope')).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
    expect(venue.received.map((o) => o.clientOrderId)).toEqual(['x-1', 'mine', 'x-2']);
  });

  it('sends outcome orders in V2 form: buy NO at 40 = ask YES at 60; sell NO at 30 = bid YES at 70', () => {
    const venue = new RecordingVenue();
    const ctx = new StrategyRunner(venue, { name: 's' }).ctx;
    ctx.submitOrder({ ticker: 'M-1', outcome: 'no', action: 'buy', price: 40, count: 3, timeInForce: 'ioc', tags: { why: 'test' } });
    ctx.submitOrder({ ticker: 'M-1', outcome: 'no', action: 'sell', price: 30, count: 2, timeInForce: 'gtc' });
    expect(venue.received.map(({ side, price, count, timeInForce }) => ({ side, price, count, timeInForce }))).toEqual([
      { side: 'ask', price: 60, count: 3, timeInForce: 'ioc' },
      { side: 'bid', price: 70, count: 2, timeInForce: 'gtc' },
    ]);
    // tags stay on this side of the venue
    expect(venue.received[0]).not.toHaveProperty('tags');
    expect(ctx.openOrders('M-1').map((o) => o.tags)).toEqual([{ why: 'test' }, undefined]);
  });

  it('never runs a callback inside another: a venue that fills inside submit still reports after submitOrder returns', () => {
    const venue = new RecordingVenue(true);
    const log: string[] = [];
    const s: Strategy = {
      name: 's',
      onMarketData(d, ctx) {
        log.push('data:start');
        ctx.submitOrder({ ticker: d.ticker, side: 'bid', price: 42, count: 2, timeInForce: 'ioc' });
        log.push('data:end');
      },
      onFill: (f) => void log.push(`fill ${f.count}@${f.price}`),
      onOrderUpdate: (u) => void log.push(`update ${u.previousState}→${u.order.state}`),
    };
    new StrategyRunner(venue, s).start();
    venue.showBook(book(0, 'M-1', [[40, 10]], [[42, 10]]));
    expect(log).toEqual(['data:start', 'data:end', 'update pending→resting', 'fill 2@42', 'update resting→filled']);
  });

  it('applies pre-trade risk limits before anything reaches the venue', () => {
    const venue = new RecordingVenue();
    const updates: OrderUpdate[] = [];
    const runner = new StrategyRunner(
      venue,
      { name: 's', onOrderUpdate: (u) => void updates.push(u) },
      { risk: { maxStakePerEvent: 1_000 } },
    );
    runner.ctx.submitOrder({ ticker: 'M-1', side: 'bid', price: 40, count: 25, timeInForce: 'gtc' }); // 25 × 40 = 1,000: fits
    runner.ctx.submitOrder({ ticker: 'M-2', side: 'ask', price: 40, count: 2, timeInForce: 'gtc' }); // another event (M), 2 × 60 = 120: over
    expect(venue.received).toHaveLength(1);
    expect(updates.map((u) => [u.order.clientOrderId, u.order.state, u.order.reason])).toEqual([
      ['omega-1', 'resting', undefined], // the fake venue acknowledges at once
      ['omega-2', 'rejected', 'risk_limit'],
    ]);
    expect(runner.rejections).toEqual({ risk_limit: 1 });
    // a canceled order gives its unfilled stake back
    venue.flush();
    runner.ctx.cancelOrder('omega-1');
    venue.flush();
    expect(runner.risk.stakedOnEvent('M')).toBe(0);
  });
});

describe('OrderTracker: the order state machine', () => {
  const order = { ticker: 'M', side: 'bid' as const, price: 40, count: 10, timeInForce: 'gtc' as const, postOnly: false, tags: undefined };
  const fill = (clientOrderId: string, count: number, price = 40) => ({
    clientOrderId,
    venueOrderId: 'v1',
    tradeId: 't',
    ticker: 'M',
    side: 'bid' as const,
    price,
    count,
    fee: 1,
    isTaker: true,
    time: 5,
  });

  it('pending → resting → partially filled → filled', () => {
    const t = new OrderTracker();
    t.add({ ...order, clientOrderId: 'a' }, 0);
    const states = [
      t.apply({ type: 'accepted', clientOrderId: 'a', venueOrderId: 'v1', time: 1 })!,
      t.fill(fill('a', 4))!,
      t.fill(fill('a', 6, 39))!,
    ].map((u) => `${u.previousState}→${u.order.state}`);
    expect(states).toEqual(['pending→resting', 'resting→partially_filled', 'partially_filled→filled']);
    expect(t.view('a')).toMatchObject({ filled: 10, remaining: 0, count: 10, averageFillPrice: 39.4, fees: 2 });
    expect(t.open()).toEqual([]);
  });

  it('a fill before the acknowledgement implies it; an IOC remainder ends the order as canceled with its fills kept', () => {
    const t = new OrderTracker();
    t.add({ ...order, clientOrderId: 'b', timeInForce: 'ioc' }, 0);
    expect(t.fill(fill('b', 3))).toMatchObject({ previousState: 'pending', order: { state: 'partially_filled', venueOrderId: 'v1' } });
    expect(t.apply({ type: 'canceled', clientOrderId: 'b', count: 7, remaining: 0, reason: 'ioc_remainder', time: 2 })).toMatchObject({
      order: { state: 'canceled', reason: 'ioc_remainder', filled: 3, remaining: 0, count: 3 },
    });
    // finished orders ignore late events; unknown orders are not invented
    expect(t.fill(fill('b', 1))).toMatchObject({ order: { filled: 4 } }); // a late fill report still counts (the venue says it traded)
    expect(t.apply({ type: 'canceled', clientOrderId: 'b', count: 1, remaining: 0, reason: 'user', time: 3 })).toBeUndefined();
    expect(t.apply({ type: 'accepted', clientOrderId: 'zzz', venueOrderId: 'v9', time: 3 })).toBeUndefined();
  });

  it('a refused amend leaves the order as it was; a decrease keeps it resting; a rejection ends it', () => {
    const t = new OrderTracker();
    t.add({ ...order, clientOrderId: 'c' }, 0);
    t.apply({ type: 'accepted', clientOrderId: 'c', venueOrderId: 'v1', time: 1 });
    const refused: VenueOrderEvent = {
      type: 'refused',
      clientOrderId: 'c',
      request: 'amend',
      reason: 'insufficient_funds',
      message: 'no',
      time: 2,
    };
    expect(t.apply(refused)).toMatchObject({
      previousState: 'resting',
      order: { state: 'resting', price: 40, remaining: 10 },
      refused: { request: 'amend', reason: 'insufficient_funds' },
    });
    expect(t.apply({ type: 'canceled', clientOrderId: 'c', count: 4, remaining: 6, reason: 'decreased', time: 3 })).toMatchObject({
      order: { state: 'resting', remaining: 6, count: 6 },
    });
    t.add({ ...order, clientOrderId: 'd' }, 0);
    expect(t.reject('d', 'risk_limit', 4)).toMatchObject({
      previousState: 'pending',
      order: { state: 'rejected', reason: 'risk_limit', remaining: 0 },
    });
    expect(t.open().map((o) => o.clientOrderId)).toEqual(['c']);
  });
});

describe('sizing with the ledger’s arithmetic', () => {
  it('affordableCount contracts are accepted by the exchange and one more is refused (cent and tapered grids, all fee schedules)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000 }),
        fc.constantFrom('bid' as const, 'ask' as const),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom(NO_FEES, KALSHI_FEES, KALSHI_FEES_WITH_MAKER),
        fc.boolean(),
        (cash, side, p, fees, tapered) => {
          const grid = tapered ? TAPERED_DECI_CENT_GRID : CENT_GRID;
          const price = tapered ? p * 10 : p;
          const n = affordableCount(cash, side, price, grid, fees);
          const ex = new Exchange();
          ex.listMarket({ ticker: 'M', grid, fees });
          const a = ex.openAccount('a', cash);
          if (n > 0) {
            expect(orderReserve(side, price, n, grid, fees)).toBeLessThanOrEqual(cash);
            ex.submitOrder(a, { ticker: 'M', side, price, count: n, timeInForce: 'gtc' });
          }
          expect(() =>
            ex.submitOrder(a, { ticker: 'M', side, price, count: n + 1, timeInForce: 'gtc', clientOrderId: 'again' }),
          ).toThrowError(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});

import { ManualClock } from '../../src/core/clock.js';
import { type AmendRequest, type OrderRequest, takerFee } from '../../src/market/index.js';
import {
  type BookUpdate,
  type Fill,
  type Instrument,
  type PositionView,
  type Venue,
  type VenueAccount,
  type VenueListener,
} from '../../src/trading/index.js';

interface FakeOrder {
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly ticker: string;
  readonly side: 'bid' | 'ask';
  price: number;
  remaining: number;
  filled: number;
  readonly timeInForce: 'gtc' | 'ioc' | 'fok';
  readonly postOnly: boolean;
  arrived: boolean;
}

interface Holding {
  qty: number;
  costBasis: number;
  realizedPnl: number;
  feesPaid: number;
}

/**
 * A venue written independently of the market core, for tests: it acknowledges every order at once
 * (inside `submit`, as a synchronous venue might) and does nothing else until `flush()`, when queued
 * requests reach its simple matching: an order that crosses the last book takes the touch (one fill at
 * the touch price, Kalshi's taker fee on the order), the rest of a GTC order rests, and a resting order
 * fills at its own price (maker, no fee) when a later book crosses it. Depth is unlimited. Money is its
 * own arithmetic (YES at p costs p, NO at p costs 100 − p, a closing trade realizes the difference).
 */
export class FakeVenue implements Venue {
  readonly name = 'fake';
  readonly clock: ManualClock;
  private listener: VenueListener | undefined;
  private readonly books = new Map<string, BookUpdate>();
  private readonly orders = new Map<string, FakeOrder>();
  private readonly queue: Array<() => void> = [];
  private readonly holdings = new Map<string, Holding>();
  private seq = 0;
  private trades = 0;
  cash: number;

  constructor(
    private readonly instruments: (ticker: string) => Instrument,
    startingCash: number,
    clock = new ManualClock(0),
  ) {
    this.cash = startingCash;
    this.clock = clock;
  }

  connect(listener: VenueListener): void {
    this.listener = listener;
  }

  instrument(ticker: string): Instrument {
    return this.instruments(ticker);
  }

  submit(order: OrderRequest & { readonly clientOrderId: string }): void {
    const o: FakeOrder = {
      clientOrderId: order.clientOrderId,
      venueOrderId: `fake-${++this.seq}`,
      ticker: order.ticker,
      side: order.side,
      price: order.price,
      remaining: order.count,
      filled: 0,
      timeInForce: order.timeInForce,
      postOnly: order.postOnly === true,
      arrived: false,
    };
    this.orders.set(o.clientOrderId, o);
    this.listener?.order({ type: 'accepted', clientOrderId: o.clientOrderId, venueOrderId: o.venueOrderId, time: this.clock.now() });
    this.queue.push(() => this.arrive(o));
  }

  cancel(clientOrderId: string): void {
    this.queue.push(() => {
      const o = this.orders.get(clientOrderId);
      if (o === undefined || o.remaining === 0)
        return this.listener?.order({
          type: 'refused',
          clientOrderId,
          request: 'cancel',
          reason: 'unknown_order',
          message: 'not resting',
          time: this.clock.now(),
        });
      const n = o.remaining;
      o.remaining = 0;
      this.listener?.order({ type: 'canceled', clientOrderId, count: n, remaining: 0, reason: 'user', time: this.clock.now() });
    });
  }

  amend(clientOrderId: string, change: AmendRequest): void {
    this.queue.push(() => {
      const o = this.orders.get(clientOrderId);
      if (o === undefined || o.remaining === 0 || change.count <= o.filled)
        return this.listener?.order({
          type: 'refused',
          clientOrderId,
          request: 'amend',
          reason: 'unknown_order',
          message: 'not resting',
          time: this.clock.now(),
        });
      o.price = change.price;
      o.remaining = change.count - o.filled;
      this.listener?.order({ type: 'amended', clientOrderId, price: o.price, remaining: o.remaining, time: this.clock.now() });
      this.cross(o, true);
    });
  }

  /**
   * Market data from the harness: remember the book, fill resting orders it crosses, then show it — with
   * this account's own resting orders in it, as a venue's book shows them.
   */
  showBook(book: BookUpdate): void {
    this.books.set(book.ticker, book);
    for (const o of this.orders.values()) if (o.ticker === book.ticker && o.arrived && o.remaining > 0) this.cross(o, false);
    const merge = (levels: readonly { price: number; size: number }[], side: 'bid' | 'ask') => {
      const at = new Map(levels.map((l) => [l.price, l.size]));
      for (const o of this.orders.values())
        if (o.ticker === book.ticker && o.side === side && o.arrived && o.remaining > 0)
          at.set(o.price, (at.get(o.price) ?? 0) + o.remaining);
      return [...at].map(([price, size]) => ({ price, size })).sort((a, b) => (side === 'bid' ? b.price - a.price : a.price - b.price));
    };
    this.listener?.marketData({ ...book, bids: merge(book.bids, 'bid'), asks: merge(book.asks, 'ask') });
  }

  /** Requests sent since the last flush reach the matching now. */
  flush(): void {
    const q = this.queue.splice(0);
    for (const action of q) action();
  }

  resolve(ticker: string, settlementValue: number): void {
    for (const o of this.orders.values()) {
      if (o.ticker !== ticker || o.remaining === 0) continue;
      const n = o.remaining;
      o.remaining = 0;
      this.listener?.order({
        type: 'canceled',
        clientOrderId: o.clientOrderId,
        count: n,
        remaining: 0,
        reason: 'market_closed',
        time: this.clock.now(),
      });
    }
    const h = this.holdings.get(ticker);
    if (h && h.qty !== 0) {
      const payout = h.qty > 0 ? h.qty * settlementValue : -h.qty * (100 - settlementValue);
      h.realizedPnl += payout - h.costBasis;
      h.costBasis = 0;
      h.qty = 0;
      this.cash += payout;
    }
    this.listener?.resolution({ kind: 'resolution', time: this.clock.now(), ticker, settlementValue });
  }

  readonly account: VenueAccount = (() => {
    const venue = this;
    return {
      get cash() {
        return venue.cash;
      },
      reserved: 0,
      get feesPaid() {
        let f = 0;
        for (const h of venue.holdings.values()) f += h.feesPaid;
        return f;
      },
      position: (ticker: string) => venue.position(ticker),
      positions: () => [...venue.holdings.keys()].map((t) => venue.position(t)).filter((p) => p.qty !== 0),
    };
  })();

  position(ticker: string): PositionView {
    const h = this.holdings.get(ticker);
    return { ticker, qty: h?.qty ?? 0, costBasis: h?.costBasis ?? 0, realizedPnl: h?.realizedPnl ?? 0, feesPaid: h?.feesPaid ?? 0 };
  }

  private arrive(o: FakeOrder): void {
    o.arrived = true;
    const book = this.books.get(o.ticker);
    const touch = o.side === 'bid' ? book?.asks[0]?.price : book?.bids[0]?.price;
    const crosses = touch !== undefined && (o.side === 'bid' ? o.price >= touch : o.price <= touch);
    if (o.postOnly && crosses) {
      o.remaining = 0;
      return this.listener?.order({
        type: 'rejected',
        clientOrderId: o.clientOrderId,
        reason: 'post_only_would_cross',
        message: 'would cross',
        time: this.clock.now(),
      });
    }
    if (crosses) this.fill(o, touch, o.remaining, true);
    else if (o.timeInForce !== 'gtc') {
      const n = o.remaining;
      o.remaining = 0;
      this.listener?.order({
        type: 'canceled',
        clientOrderId: o.clientOrderId,
        count: n,
        remaining: 0,
        reason: o.timeInForce === 'ioc' ? 'ioc_remainder' : 'fok_unfilled',
        time: this.clock.now(),
      });
    }
  }

  /** A resting order the book now crosses fills at its own price (it was there first). */
  private cross(o: FakeOrder, amended: boolean): void {
    const book = this.books.get(o.ticker);
    const touch = o.side === 'bid' ? book?.asks[0]?.price : book?.bids[0]?.price;
    if (touch === undefined || !(o.side === 'bid' ? o.price >= touch : o.price <= touch)) return;
    if (amended) this.fill(o, touch, o.remaining, true);
    else this.fill(o, o.price, o.remaining, false);
  }

  private fill(o: FakeOrder, price: number, count: number, isTaker: boolean): void {
    const fee = isTaker ? takerFee(count, price) : 0;
    o.remaining -= count;
    o.filled += count;
    this.apply(o.ticker, o.side, price, count, fee);
    const fill: Fill = {
      clientOrderId: o.clientOrderId,
      venueOrderId: o.venueOrderId,
      tradeId: `t${++this.trades}`,
      ticker: o.ticker,
      side: o.side,
      price,
      count,
      fee,
      isTaker,
      time: this.clock.now(),
    };
    this.listener?.fill(fill);
  }

  private apply(ticker: string, side: 'bid' | 'ask', price: number, count: number, fee: number): void {
    let h = this.holdings.get(ticker);
    if (h === undefined) this.holdings.set(ticker, (h = { qty: 0, costBasis: 0, realizedPnl: 0, feesPaid: 0 }));
    const signed = side === 'bid' ? count : -count;
    const opposite = side === 'bid' ? Math.max(0, -h.qty) : Math.max(0, h.qty);
    const closing = Math.min(count, opposite);
    if (closing > 0) {
      const released = (h.costBasis * closing) / Math.abs(h.qty);
      const proceeds = side === 'bid' ? closing * (100 - price) : closing * price;
      h.realizedPnl += proceeds - released;
      h.costBasis -= released;
      this.cash += proceeds;
    }
    const opening = count - closing;
    if (opening > 0) {
      const cost = side === 'bid' ? opening * price : opening * (100 - price);
      h.costBasis += cost;
      this.cash -= cost;
    }
    h.qty += signed;
    h.feesPaid += fee;
    this.cash -= fee;
  }
}

import type { ManualClock } from '../core/clock.js';
import { OrderRejectedError } from '../core/errors.js';
import { BUY, SELL } from '../market/book/constants.js';
import { Exchange } from '../market/exchange.js';
import type { ExchangeCancel, ExchangeFill } from '../market/reports.js';
import type { AmendRequest, BookSide, OrderRequest } from '../market/orders.js';
import type { Instrument } from '../trading/instrument.js';
import type { BookUpdate, Level, MarketResolution, TradePrint } from '../trading/market-data.js';
import { rejectReasonOf, type Fill } from '../trading/orders.js';
import type { PositionView } from '../trading/strategy.js';
import type { Venue, VenueAccount, VenueListener } from '../trading/venue.js';
import type { FillModel, Quote } from './fill-models.js';

export interface SimulatedVenueOptions {
  readonly clock: ManualClock;
  readonly instrument: (ticker: string) => Instrument;
  readonly fills: FillModel;
  /** Strategy cash in money units (cents on the cent grid). */
  readonly startingCash: number;
  /** Delay between a request and its arrival at the exchange, in ms (0: right after the callback returns). */
  readonly latencyMs: number;
  /** Run `action` at `time`, after whatever the engine is doing now. */
  readonly schedule: (time: number, action: () => void) => void;
  /** Price levels shown per side in book updates (default 10). */
  readonly depthShown?: number;
}

/** What the liquidity account keeps resting at one price: order ids, oldest first. */
type LadderSide = Map<number, number[]>;

const MARKET_MAKER_CASH = 1e15;

/**
 * The backtester's venue: the market core's {@link Exchange}, in which the strategy has an ordinary
 * account (its cash, collateral, fees and positions are the exchange's — one money model), a liquidity
 * account posts what the fill model makes of each quote or book, and a tape account prints data trades.
 * Requests arrive `latencyMs` after they are made, through the engine's scheduler; fills and cancels of
 * the strategy's orders are reported as the exchange books them.
 */
export class SimulatedVenue implements Venue {
  readonly name = 'backtest';
  readonly clock: ManualClock;
  readonly exchange: Exchange;
  readonly strategyAccount: number;
  readonly account: VenueAccount;
  private readonly liquidityAccount: number;
  private readonly tapeAccount: number;
  private listener: VenueListener | undefined;
  private readonly byClientId = new Map<string, number>();
  private readonly ladders = new Map<string, { bids: LadderSide; asks: LadderSide }>();
  private readonly held = new Set<string>();
  private readonly depthShown: number;
  /** Reports wait here until the exchange call that caused them has finished (a strategy must never see a half-booked trade). */
  private readonly outbox: Array<() => void> = [];

  constructor(private readonly options: SimulatedVenueOptions) {
    this.clock = options.clock;
    this.exchange = new Exchange({ clock: options.clock, recordTape: false, recycleBooks: true });
    this.strategyAccount = this.exchange.openAccount('strategy', options.startingCash);
    this.liquidityAccount = this.exchange.openAccount('liquidity', MARKET_MAKER_CASH);
    this.tapeAccount = this.exchange.openAccount('tape', MARKET_MAKER_CASH);
    this.depthShown = options.depthShown ?? 10;
    this.exchange.listen({ onFill: (f) => this.onExchangeFill(f), onCancel: (c) => this.onExchangeCancel(c) });
    const acct = this.exchange.accountRef(this.strategyAccount);
    const position = (ticker: string): PositionView => {
      const market = this.exchange.findMarket(ticker);
      const p = market === undefined ? undefined : acct.positions.get(market.index);
      return { ticker, qty: p?.qty ?? 0, costBasis: p?.costBasis ?? 0, realizedPnl: p?.realizedPnl ?? 0, feesPaid: p?.feesPaid ?? 0 };
    };
    const held = this.held;
    this.account = {
      get cash() {
        return acct.cash;
      },
      get reserved() {
        return acct.reserved;
      },
      get feesPaid() {
        return acct.feesPaid;
      },
      position,
      positions: () => [...held].map(position).filter((p) => p.qty !== 0),
    };
  }

  connect(listener: VenueListener): void {
    this.listener = listener;
  }

  instrument(ticker: string): Instrument {
    return this.options.instrument(ticker);
  }

  // ---------------------------------------------------------------- requests (they arrive later)

  submit(order: OrderRequest & { readonly clientOrderId: string }): void {
    this.later(() => this.arriveSubmit(order));
  }

  cancel(clientOrderId: string): void {
    this.later(() => this.arriveCancel(clientOrderId));
  }

  amend(clientOrderId: string, change: AmendRequest): void {
    this.later(() => this.arriveAmend(clientOrderId, change));
  }

  private later(action: () => void): void {
    this.options.schedule(this.clock.now() + this.options.latencyMs, () => this.deliverAfter(action));
  }

  /** Run an exchange operation, then hand over what it reported, in order. */
  private deliverAfter(action: () => void): void {
    try {
      action();
    } finally {
      for (let i = 0; i < this.outbox.length; i++) this.outbox[i]!();
      this.outbox.length = 0;
    }
  }

  private arriveSubmit(order: OrderRequest & { readonly clientOrderId: string }): void {
    const time = this.clock.now();
    try {
      this.ensureMarket(order.ticker);
      const ack = this.exchange.submitOrder(this.strategyAccount, order);
      this.byClientId.set(order.clientOrderId, ack.orderId);
      if (ack.fillCount === 0 && ack.canceledCount === 0)
        this.emitOrder({ type: 'accepted', clientOrderId: order.clientOrderId, venueOrderId: String(ack.orderId), time });
      if (ack.remainingCount > 0) this.keepQueuePosition(order.ticker, order.side, ack.price);
    } catch (e) {
      this.emitOrder({
        type: 'rejected',
        clientOrderId: order.clientOrderId,
        reason: rejectReasonOf(e),
        message: (e as Error).message,
        time,
      });
    }
  }

  private arriveCancel(clientOrderId: string): void {
    try {
      this.exchange.cancelOrder(this.restingId(clientOrderId));
    } catch (e) {
      this.emitOrder({
        type: 'refused',
        clientOrderId,
        request: 'cancel',
        reason: rejectReasonOf(e),
        message: (e as Error).message,
        time: this.clock.now(),
      });
    }
  }

  private arriveAmend(clientOrderId: string, change: AmendRequest): void {
    const time = this.clock.now();
    try {
      const ack = this.exchange.amendOrder(this.restingId(clientOrderId), change);
      this.emitOrder({ type: 'amended', clientOrderId, price: ack.price, remaining: ack.remainingCount, time });
      if (ack.remainingCount > 0) this.keepQueuePosition(ack.ticker, ack.side, ack.price);
    } catch (e) {
      this.emitOrder({ type: 'refused', clientOrderId, request: 'amend', reason: rejectReasonOf(e), message: (e as Error).message, time });
    }
  }

  private restingId(clientOrderId: string): number {
    const id = this.byClientId.get(clientOrderId);
    if (id === undefined || !this.exchange.isOpen(id))
      throw new OrderRejectedError('UNKNOWN_ORDER', `order ${clientOrderId} is not resting (never arrived, filled or canceled)`, {
        clientOrderId,
      });
    return id;
  }

  // ---------------------------------------------------------------- market data

  /** A quote or book from the data: re-post the fill model's liquidity, then show the book. */
  onBook(event: Quote | BookUpdate): void {
    this.deliverAfter(() => {
      const market = this.ensureMarket(event.ticker);
      const ladder = this.options.fills.ladder(event, market.grid);
      this.repost(event.ticker, ladder.bids, ladder.asks);
      const update = this.bookUpdate(event.ticker);
      this.outbox.push(() => this.listener?.marketData(update));
    });
  }

  /** A trade from the data: it trades against the book (liquidity first where it was first), then is shown. */
  onTrade(trade: TradePrint): void {
    this.deliverAfter(() => {
      this.ensureMarket(trade.ticker);
      try {
        this.exchange.submitOrder(this.tapeAccount, {
          ticker: trade.ticker,
          side: trade.takerSide,
          price: trade.price,
          count: trade.count,
          timeInForce: 'ioc',
          selfTradePrevention: 'maker',
        });
      } catch {
        // a print the book cannot take (off the grid, closed market) only shows as data
      }
      this.outbox.push(() => this.listener?.marketData(trade));
    });
  }

  /**
   * Settle the market at the resolution's value (resting orders are canceled first), then report it.
   * Returns what settlement paid the strategy.
   */
  onResolution(resolution: MarketResolution): number {
    // a market that never traded or quoted holds nothing to settle: no need to list it
    let paid = 0;
    this.deliverAfter(() => {
      const market = this.exchange.findMarket(resolution.ticker);
      if (market !== undefined && market.status !== 'settled')
        paid = this.exchange.settle(resolution.ticker, { yesValue: resolution.settlementValue }).get(this.strategyAccount) ?? 0;
      this.ladders.delete(resolution.ticker);
      this.held.delete(resolution.ticker);
      this.outbox.push(() => this.listener?.resolution(resolution));
    });
    return paid;
  }

  /** The exchange's book of a market as a book update (YES bids and asks, best first, with sizes). */
  bookUpdate(ticker: string): BookUpdate {
    const book = this.exchange.market(ticker).book;
    const levels = (side: 0 | 1) => book.levels(side, this.depthShown).map(([price, size]) => ({ price, size }));
    return { kind: 'book', time: this.clock.now(), ticker, bids: levels(BUY), asks: levels(SELL) };
  }

  // ---------------------------------------------------------------- liquidity

  /**
   * Move the liquidity account's resting orders to the new ladder without losing queue priority where
   * it need not: levels that disappear are canceled first (so a new ask never meets a stale bid), a level
   * that shrinks is decreased from its youngest orders, one that grows gets a new order at the back.
   * New size that crosses a resting strategy order trades with it (the strategy is the maker).
   */
  private repost(ticker: string, bids: readonly Level[], asks: readonly Level[]): void {
    let state = this.ladders.get(ticker);
    if (state === undefined) this.ladders.set(ticker, (state = { bids: new Map(), asks: new Map() }));
    this.dropMissing(state.bids, bids);
    this.dropMissing(state.asks, asks);
    this.resize(ticker, 'bid', state.bids, bids);
    this.resize(ticker, 'ask', state.asks, asks);
  }

  private dropMissing(side: LadderSide, want: readonly Level[]): void {
    for (const [price, ids] of side) {
      if (want.some((l) => l.price === price && l.size > 0)) continue;
      for (const id of ids) if (this.exchange.isOpen(id)) this.exchange.cancelOrder(id);
      side.delete(price);
    }
  }

  private resize(ticker: string, side: BookSide, state: LadderSide, want: readonly Level[]): void {
    for (const { price, size } of want) {
      if (!(size > 0)) continue;
      const ids = state.get(price) ?? [];
      let shown = 0;
      for (let i = ids.length - 1; i >= 0; i--) {
        const r = this.exchange.remaining(ids[i]!);
        if (r === 0) ids.splice(i, 1);
        else shown += r;
      }
      for (let i = ids.length - 1; i >= 0 && shown > size; i--) {
        const id = ids[i]!;
        const r = this.exchange.remaining(id);
        const cut = Math.min(r, shown - size);
        if (cut === r) {
          this.exchange.cancelOrder(id);
          ids.splice(i, 1);
        } else this.exchange.decreaseOrder(id, cut);
        shown -= cut;
      }
      if (shown < size) {
        const ack = this.exchange.submitOrder(this.liquidityAccount, {
          ticker,
          side,
          price,
          count: size - shown,
          timeInForce: 'gtc',
          selfTradePrevention: 'maker',
        });
        if (ack.remainingCount > 0) ids.push(ack.orderId);
      }
      if (ids.length > 0) state.set(price, ids);
      else state.delete(price);
    }
  }

  /** With queue position `front`, a strategy order that rests where liquidity rests goes ahead of it. */
  private keepQueuePosition(ticker: string, side: BookSide, price: number): void {
    if (this.options.fills.queue !== 'front') return;
    const state = this.ladders.get(ticker);
    const level = (side === 'bid' ? state?.bids : state?.asks)?.get(price);
    if (level === undefined) return;
    const reposted: number[] = [];
    for (const id of level) {
      if (!this.exchange.isOpen(id)) continue;
      const size = this.exchange.remaining(id);
      this.exchange.cancelOrder(id);
      const ack = this.exchange.submitOrder(this.liquidityAccount, {
        ticker,
        side,
        price,
        count: size,
        timeInForce: 'gtc',
        selfTradePrevention: 'maker',
      });
      if (ack.remainingCount > 0) reposted.push(ack.orderId);
    }
    level.length = 0;
    level.push(...reposted);
  }

  // ---------------------------------------------------------------- reports

  private onExchangeFill(f: ExchangeFill): void {
    if (f.accountId !== this.strategyAccount || f.clientOrderId === undefined) return;
    this.held.add(f.ticker);
    const fill: Fill = {
      clientOrderId: f.clientOrderId,
      venueOrderId: String(f.orderId),
      tradeId: String(f.tradeId),
      ticker: f.ticker,
      side: f.side,
      price: f.price,
      count: f.count,
      fee: f.fee,
      isTaker: f.isTaker,
      time: f.time,
    };
    this.outbox.push(() => this.listener?.fill(fill));
  }

  private onExchangeCancel(c: ExchangeCancel): void {
    if (c.accountId !== this.strategyAccount || c.clientOrderId === undefined) return;
    this.emitOrder({
      type: 'canceled',
      clientOrderId: c.clientOrderId,
      count: c.count,
      remaining: c.remaining,
      reason: c.reason,
      time: c.time,
    });
  }

  private emitOrder(event: Parameters<VenueListener['order']>[0]): void {
    this.outbox.push(() => this.listener?.order(event));
  }

  private ensureMarket(ticker: string) {
    return this.exchange.findMarket(ticker) ?? this.list(ticker);
  }

  private list(ticker: string) {
    const inst = this.options.instrument(ticker);
    return this.exchange.listMarket({ ticker, title: inst.title, grid: inst.grid, fees: inst.fees, bookCapacity: 16 });
  }
}

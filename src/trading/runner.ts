import { OmegaError } from '../core/errors.js';
import { bookOrder, isOutcomeOrder, type AmendRequest, type OrderRequest } from '../market/orders.js';
import type { Instrument } from './instrument.js';
import type { BookUpdate, MarketData, MarketResolution } from './market-data.js';
import { OrderTracker } from './order-tracker.js';
import {
  isTerminal,
  rejectReasonOf,
  type Fill,
  type OrderIntent,
  type OrderUpdate,
  type OrderView,
  type RejectReason,
  type VenueOrderEvent,
} from './orders.js';
import { AccountPortfolio } from './portfolio.js';
import { RiskManager, type RiskLimits } from './risk.js';
import type { PortfolioView, PositionView, Strategy, StrategyContext } from './strategy.js';
import type { Venue, VenueListener } from './venue.js';

export interface RunnerOptions<C extends StrategyContext> {
  /** Pre-trade limits applied before orders reach the venue. */
  readonly risk?: RiskLimits;
  readonly log?: (message: string) => void;
  /** Prefix of the client order ids the runner makes (default `omega`): `omega-1`, `omega-2`, … */
  readonly idPrefix?: string;
  /** Add data views to the context (e.g. the NFL schedule and results) for strategies that need them. */
  readonly extend?: (ctx: StrategyContext) => C;
}

/**
 * Runs one strategy against one venue: it is the strategy's {@link StrategyContext}, keeps every order's
 * state machine, applies pre-trade risk limits, and delivers venue events as callbacks. Callbacks never
 * nest: whatever the venue reports while a callback runs (even from inside `submitOrder`) is queued and
 * delivered after it returns, in the order it happened — so a fill always reaches the strategy after the
 * `submitOrder` call that caused it has returned. A fill is delivered (`onFill`) before the order update it causes.
 */
export class StrategyRunner<C extends StrategyContext = StrategyContext> {
  readonly ctx: C;
  readonly orders = new OrderTracker();
  readonly risk: RiskManager;
  /** Refused orders by reason (pre-trade and at the venue). */
  readonly rejections: Record<string, number> = {};
  private readonly books = new Map<string, BookUpdate>();
  private readonly queue: Array<() => void> = [];
  private draining = false;
  private seq = 0;
  private readonly prefix: string;
  private readonly portfolioView: AccountPortfolio;
  private readonly log: (message: string) => void;

  constructor(
    readonly venue: Venue,
    readonly strategy: Strategy<C>,
    options: RunnerOptions<C> = {},
  ) {
    this.risk = new RiskManager(options.risk);
    this.prefix = options.idPrefix ?? 'omega';
    this.log = options.log ?? (() => undefined);
    this.portfolioView = new AccountPortfolio(venue, this.books);
    const base = this.baseContext();
    this.ctx = options.extend ? options.extend(base) : (base as C);
    const listener: VenueListener = {
      order: (e) => this.onVenueOrder(e),
      fill: (f) => this.onVenueFill(f),
      marketData: (d) => this.onVenueData(d),
      resolution: (r) => this.onVenueResolution(r),
    };
    venue.connect(listener);
  }

  get portfolio(): PortfolioView {
    return this.portfolioView;
  }

  /** Deliver `onStart` (and record the starting equity for the drawdown limit). */
  start(): void {
    this.risk.observeEquity(this.portfolioView.equity);
    this.deliver(() => this.strategy.onStart?.(this.ctx));
  }

  end(): void {
    this.deliver(() => this.strategy.onEnd?.(this.ctx));
  }

  // ---------------------------------------------------------------- the context

  private baseContext(): StrategyContext {
    const venue = this.venue;
    return {
      clock: venue.clock,
      portfolio: this.portfolioView,
      submitOrder: (order) => this.submitOrder(order),
      cancelOrder: (id) => this.cancelOrder(id),
      amendOrder: (id, change) => this.amendOrder(id, change),
      openOrders: (ticker) => this.orders.open(ticker),
      order: (id) => this.orders.view(id),
      position: (ticker): PositionView => venue.account.position(ticker),
      instrument: (ticker): Instrument => venue.instrument(ticker),
      book: (ticker) => this.books.get(ticker),
      log: (message) => this.log(message),
    };
  }

  private submitOrder(intent: OrderIntent): string {
    const id = intent.clientOrderId ?? `${this.prefix}-${++this.seq}`;
    if (this.orders.has(id))
      throw new OmegaError(
        'DUPLICATE_CLIENT_ORDER_ID',
        `clientOrderId ${JSON.stringify(id)} was already used in this session; leave it out to get a fresh one`,
        { clientOrderId: id },
      );
    const now = this.venue.clock.now();
    let instrument: Instrument | undefined;
    let order: OrderRequest | undefined;
    let refusal: RejectReason | undefined;
    try {
      instrument = this.venue.instrument(intent.ticker);
      order = isOutcomeOrder(intent) ? bookOrder(intent, instrument.grid) : intent;
    } catch (e) {
      refusal = rejectReasonOf(e);
    }
    const side =
      order?.side ?? (isOutcomeOrder(intent) ? ((intent.action === 'buy') === (intent.outcome === 'yes') ? 'bid' : 'ask') : intent.side);
    // measured before the order joins the open orders: it must not count as already closing its own holding
    const opening = order === undefined ? 0 : this.opening(order);
    this.orders.add(
      {
        clientOrderId: id,
        ticker: intent.ticker,
        side,
        price: order?.price ?? intent.price,
        count: intent.count,
        timeInForce: intent.timeInForce,
        postOnly: intent.postOnly === true,
        tags: intent.tags,
      },
      now,
    );
    if (refusal === undefined && order !== undefined && instrument !== undefined)
      refusal = this.risk.admit(id, instrument, order.side, order.price, opening);
    if (refusal !== undefined || order === undefined) {
      this.onVenueOrder({
        type: 'rejected',
        clientOrderId: id,
        reason: refusal ?? 'venue_error',
        message: 'refused before reaching the venue',
        time: now,
      });
      return id;
    }
    this.venue.submit({
      ticker: order.ticker,
      side: order.side,
      price: order.price,
      count: order.count,
      timeInForce: order.timeInForce,
      postOnly: order.postOnly,
      selfTradePrevention: order.selfTradePrevention,
      clientOrderId: id,
    });
    return id;
  }

  private cancelOrder(clientOrderId: string): void {
    const o = this.requireOrder(clientOrderId);
    if (isTerminal(o.state)) return this.refuse(clientOrderId, 'cancel', `order ${clientOrderId} is already ${o.state}`);
    this.venue.cancel(clientOrderId);
  }

  private amendOrder(clientOrderId: string, change: AmendRequest): void {
    const o = this.requireOrder(clientOrderId);
    if (isTerminal(o.state)) return this.refuse(clientOrderId, 'amend', `order ${clientOrderId} is already ${o.state}`);
    this.venue.amend(clientOrderId, change);
  }

  /** Contracts an order would open: what it trades beyond the opposite holding other orders are not already closing. */
  private opening(order: OrderRequest): number {
    const qty = this.venue.account.position(order.ticker).qty;
    const held = order.side === 'bid' ? Math.max(0, -qty) : Math.max(0, qty);
    const closing = Math.max(0, held - this.orders.openCount(order.ticker, order.side));
    return Math.max(0, order.count - closing);
  }

  private requireOrder(clientOrderId: string): OrderView {
    const o = this.orders.view(clientOrderId);
    if (o === undefined)
      throw new OmegaError('UNKNOWN_ORDER', `no order with clientOrderId ${JSON.stringify(clientOrderId)} in this session`, {
        clientOrderId,
      });
    return o;
  }

  private refuse(clientOrderId: string, request: 'cancel' | 'amend', message: string): void {
    this.onVenueOrder({ type: 'refused', clientOrderId, request, reason: 'unknown_order', message, time: this.venue.clock.now() });
  }

  // ---------------------------------------------------------------- venue events

  private onVenueOrder(event: VenueOrderEvent): void {
    const update = this.orders.apply(event);
    if (event.type === 'rejected') this.rejections[event.reason] = (this.rejections[event.reason] ?? 0) + 1;
    if (update === undefined) return;
    this.afterUpdate(update);
    this.deliver(() => this.strategy.onOrderUpdate?.(update, this.ctx));
  }

  private onVenueFill(fill: Fill): void {
    const update = this.orders.fill(fill);
    if (update === undefined) return;
    this.afterUpdate(update);
    this.deliver(() => {
      this.strategy.onFill?.(fill, this.ctx);
      this.strategy.onOrderUpdate?.(update, this.ctx);
    });
  }

  private onVenueData(data: MarketData): void {
    if (data.kind === 'book') this.books.set(data.ticker, data);
    this.deliver(() => this.strategy.onMarketData?.(data, this.ctx));
  }

  private onVenueResolution(resolution: MarketResolution): void {
    this.books.delete(resolution.ticker);
    this.deliver(() => {
      this.strategy.onResolution?.(resolution, this.ctx);
    });
    this.risk.observeEquity(this.portfolioView.equity);
  }

  private afterUpdate(update: OrderUpdate): void {
    if (update.refused === undefined && isTerminal(update.order.state)) this.risk.release(update.order.clientOrderId, update.order.filled);
  }

  /** Run `callback` now, or after the callback that is running returns. */
  private deliver(callback: () => void): void {
    this.queue.push(callback);
    if (this.draining) return;
    this.draining = true;
    try {
      for (let i = 0; i < this.queue.length; i++) this.queue[i]!();
    } finally {
      this.queue.length = 0;
      this.draining = false;
    }
  }
}

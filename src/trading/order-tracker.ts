import type { CancelReason } from '../market/book/constants.js';
import type { BookSide, TimeInForce } from '../market/orders.js';
import {
  isTerminal,
  type Fill,
  type OrderReason,
  type OrderState,
  type OrderTags,
  type OrderUpdate,
  type OrderView,
  type RejectReason,
  type VenueOrderEvent,
} from './orders.js';

interface OrderRecord {
  readonly clientOrderId: string;
  venueOrderId: string | undefined;
  readonly ticker: string;
  readonly side: BookSide;
  price: number;
  filled: number;
  remaining: number;
  canceled: number;
  state: OrderState;
  reason: OrderReason | undefined;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly tags: OrderTags | undefined;
  notional: number;
  fees: number;
  readonly submittedAt: number;
  updatedAt: number;
}

/** The order as the runner first records it (already in V2 form). */
export interface NewOrder {
  readonly clientOrderId: string;
  readonly ticker: string;
  readonly side: BookSide;
  readonly price: number;
  readonly count: number;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly tags: OrderTags | undefined;
}

/**
 * The state machine of every order a session sent, fed by what the venue reports. It tolerates the
 * orders venues really use: a fill may arrive before the acknowledgement (a fill implies it), a cancel of
 * the remainder follows the fills of an IOC, and events about unknown or finished orders are ignored
 * (returned as undefined) rather than corrupting the record.
 */
export class OrderTracker {
  private readonly orders = new Map<string, OrderRecord>();
  /** Orders not yet finished, in the order they were sent. */
  private readonly live = new Map<string, OrderRecord>();

  has(clientOrderId: string): boolean {
    return this.orders.has(clientOrderId);
  }

  add(order: NewOrder, time: number): OrderView {
    const rec: OrderRecord = {
      clientOrderId: order.clientOrderId,
      venueOrderId: undefined,
      ticker: order.ticker,
      side: order.side,
      price: order.price,
      filled: 0,
      remaining: order.count,
      canceled: 0,
      state: 'pending',
      reason: undefined,
      timeInForce: order.timeInForce,
      postOnly: order.postOnly,
      tags: order.tags,
      notional: 0,
      fees: 0,
      submittedAt: time,
      updatedAt: time,
    };
    this.orders.set(order.clientOrderId, rec);
    this.live.set(order.clientOrderId, rec);
    return view(rec);
  }

  view(clientOrderId: string): OrderView | undefined {
    const rec = this.orders.get(clientOrderId);
    return rec && view(rec);
  }

  /** Every order, in the order it was sent. */
  all(): OrderView[] {
    return [...this.orders.values()].map(view);
  }

  open(ticker?: string): OrderView[] {
    const out: OrderView[] = [];
    for (const rec of this.live.values()) if (ticker === undefined || rec.ticker === ticker) out.push(view(rec));
    return out;
  }

  /** Resting (or pending) contracts of unfinished orders on one side of a market. */
  openCount(ticker: string, side: BookSide): number {
    let n = 0;
    for (const rec of this.live.values()) if (rec.ticker === ticker && rec.side === side) n += rec.remaining;
    return n;
  }

  /** A pre-trade refusal by the runner itself (risk limits, bad input): the order never left. */
  reject(clientOrderId: string, reason: RejectReason, time: number): OrderUpdate | undefined {
    return this.apply({ type: 'rejected', clientOrderId, reason, message: '', time });
  }

  apply(event: VenueOrderEvent): OrderUpdate | undefined {
    const rec = this.orders.get(event.clientOrderId);
    if (rec === undefined) return undefined;
    if (event.type === 'refused') {
      return {
        order: view(rec),
        previousState: rec.state,
        refused: { request: event.request, reason: event.reason, message: event.message },
      };
    }
    if (isTerminal(rec.state)) return undefined;
    const previous = rec.state;
    rec.updatedAt = event.time;
    switch (event.type) {
      case 'accepted':
        rec.venueOrderId = event.venueOrderId;
        break;
      case 'rejected':
        rec.state = 'rejected';
        rec.reason = event.reason;
        rec.canceled += rec.remaining;
        rec.remaining = 0;
        this.live.delete(rec.clientOrderId);
        return { order: view(rec), previousState: previous };
      case 'canceled':
        rec.canceled += Math.min(event.count, rec.remaining);
        rec.remaining = Math.max(0, Math.min(event.remaining, rec.remaining - event.count));
        rec.reason = event.reason as CancelReason;
        break;
      case 'amended':
        rec.price = event.price;
        rec.remaining = event.remaining;
        break;
    }
    this.settleState(rec);
    return { order: view(rec), previousState: previous };
  }

  /** Book a fill; returns the order's update (undefined for an order this session does not know). */
  fill(fill: Fill): OrderUpdate | undefined {
    const rec = this.orders.get(fill.clientOrderId);
    if (rec === undefined || rec.state === 'rejected') return undefined;
    const previous = rec.state;
    rec.venueOrderId ??= fill.venueOrderId;
    rec.filled += fill.count;
    rec.remaining = Math.max(0, rec.remaining - fill.count);
    rec.notional += fill.price * fill.count;
    rec.fees += fill.fee;
    rec.updatedAt = fill.time;
    this.settleState(rec);
    return { order: view(rec), previousState: previous };
  }

  private settleState(rec: OrderRecord): void {
    if (rec.remaining > 0) {
      rec.state = rec.venueOrderId === undefined ? 'pending' : rec.filled > 0 ? 'partially_filled' : 'resting';
      return;
    }
    rec.state = rec.canceled > 0 ? 'canceled' : 'filled';
    this.live.delete(rec.clientOrderId);
  }
}

function view(rec: OrderRecord): OrderView {
  return {
    clientOrderId: rec.clientOrderId,
    venueOrderId: rec.venueOrderId,
    ticker: rec.ticker,
    side: rec.side,
    price: rec.price,
    count: rec.filled + rec.remaining,
    filled: rec.filled,
    remaining: rec.remaining,
    state: rec.state,
    reason: rec.reason,
    timeInForce: rec.timeInForce,
    postOnly: rec.postOnly,
    tags: rec.tags,
    averageFillPrice: rec.filled > 0 ? rec.notional / rec.filled : undefined,
    fees: rec.fees,
    submittedAt: rec.submittedAt,
    updatedAt: rec.updatedAt,
  };
}

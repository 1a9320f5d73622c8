import { OmegaError } from '../core/errors.js';
import type { CancelReason } from '../market/book/constants.js';
import type { BookSide, OrderRequest, OutcomeOrderRequest, TimeInForce } from '../market/orders.js';

/**
 * What a strategy sends: a V2 order (bid/ask at a YES price) or the outcome-side convenience (buy/sell
 * YES or NO at that outcome's price; buy NO at q = ask YES at 100 − q). `clientOrderId` is optional —
 * the context makes one when it is missing. `tags` stay with the order (and its fills) on this side of
 * the venue: a model probability, a note; they are never sent.
 */
export type OrderIntent = (OrderRequest | OutcomeOrderRequest) & { readonly tags?: OrderTags };
export type OrderTags = Readonly<Record<string, string | number | boolean>>;

/**
 * An order's life: `pending` (sent, not yet acknowledged) → `resting` (on the book) / `partially_filled`
 * (some filled, the rest resting) → `filled`, `canceled` (the rest left the book: by request, as an IOC or
 * FOK remainder, by self-trade prevention, at market close) or `rejected` (never accepted).
 */
export type OrderState = 'pending' | 'resting' | 'partially_filled' | 'filled' | 'canceled' | 'rejected';

/** Why an order (or a request about it) was refused — the market core's codes, in lower case, plus the runner's own. */
export type RejectReason =
  | 'insufficient_funds'
  | 'invalid_price'
  | 'invalid_quantity'
  | 'invalid_side'
  | 'invalid_order_type'
  | 'unknown_order'
  | 'unknown_account'
  | 'unknown_market'
  | 'market_closed'
  | 'post_only_would_cross'
  | 'duplicate_client_order_id'
  | 'capacity_exceeded'
  | 'risk_limit'
  | 'trading_halted'
  | 'venue_error';

/** A reason code on an order update: a rejection, or why contracts were canceled. */
export type OrderReason = RejectReason | CancelReason;

/** Where an order stands, as the strategy sees it. Prices are YES prices in ticks. */
export interface OrderView {
  readonly clientOrderId: string;
  /** The venue's id, once acknowledged. */
  readonly venueOrderId: string | undefined;
  readonly ticker: string;
  readonly side: BookSide;
  readonly price: number;
  /** Kalshi's count: contracts filled + contracts still resting (or, while pending, the count asked for). */
  readonly count: number;
  readonly filled: number;
  /** Contracts resting (or waiting to arrive, while pending). */
  readonly remaining: number;
  readonly state: OrderState;
  /** The last reason code (a rejection, or why contracts were canceled). */
  readonly reason: OrderReason | undefined;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly tags: OrderTags | undefined;
  /** Average YES price of the fills so far (undefined before the first). */
  readonly averageFillPrice: number | undefined;
  readonly fees: number;
  readonly submittedAt: number;
  readonly updatedAt: number;
}

/** A change to one order, delivered through `onOrderUpdate`. */
export interface OrderUpdate {
  readonly order: OrderView;
  readonly previousState: OrderState;
  /** Set when a cancel or amend request was refused (the order itself is unchanged). */
  readonly refused?: { readonly request: 'cancel' | 'amend'; readonly reason: OrderReason; readonly message: string };
}

/** One execution of one order. */
export interface Fill {
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  /** The venue's trade id (shared by both sides of the trade). */
  readonly tradeId: string;
  readonly ticker: string;
  readonly side: BookSide;
  /** YES price of the trade in ticks. */
  readonly price: number;
  readonly count: number;
  /** Fee charged for this fill, in money units. */
  readonly fee: number;
  readonly isTaker: boolean;
  readonly time: number;
}

/** What a venue reports about an order besides its fills. Counts are contracts. */
export type VenueOrderEvent =
  | { readonly type: 'accepted'; readonly clientOrderId: string; readonly venueOrderId: string; readonly time: number }
  | {
      readonly type: 'rejected';
      readonly clientOrderId: string;
      readonly reason: RejectReason;
      readonly message: string;
      readonly time: number;
    }
  /** `count` contracts left the book; `remaining` still rest. */
  | {
      readonly type: 'canceled';
      readonly clientOrderId: string;
      readonly count: number;
      readonly remaining: number;
      readonly reason: CancelReason;
      readonly time: number;
    }
  | { readonly type: 'amended'; readonly clientOrderId: string; readonly price: number; readonly remaining: number; readonly time: number }
  | {
      readonly type: 'refused';
      readonly clientOrderId: string;
      readonly request: 'cancel' | 'amend';
      readonly reason: RejectReason;
      readonly message: string;
      readonly time: number;
    };

/** The lower-case reason for an error thrown by the market core (or `venue_error` for anything else). */
export function rejectReasonOf(error: unknown): RejectReason {
  if (error instanceof OmegaError) {
    const code = error.code.toLowerCase();
    if (REJECT_REASONS.has(code)) return code as RejectReason;
  }
  return 'venue_error';
}

const REJECT_REASONS = new Set<string>([
  'insufficient_funds',
  'invalid_price',
  'invalid_quantity',
  'invalid_side',
  'invalid_order_type',
  'unknown_order',
  'unknown_account',
  'unknown_market',
  'market_closed',
  'post_only_would_cross',
  'duplicate_client_order_id',
  'capacity_exceeded',
  'risk_limit',
  'trading_halted',
  'venue_error',
]);

/** True once an order can change no more. */
export function isTerminal(state: OrderState): boolean {
  return state === 'filled' || state === 'canceled' || state === 'rejected';
}

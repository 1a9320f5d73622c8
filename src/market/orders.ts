import { OrderRejectedError } from '../core/errors.js';
import {
  BUY,
  FOK,
  GTC,
  IOC,
  SELL,
  STP_CANCEL_MAKER,
  STP_CANCEL_TAKER,
  type BookSideCode,
  type CancelReason,
  type StpCode,
  type TimeInForceCode,
} from './book/constants.js';
import type { TickGrid } from './grid.js';

/**
 * Kalshi's V2 order vocabulary (KALSHI_API.md §0, §4 "Order entry V2"): every order is a bid or an ask
 * on the YES book, priced in YES ticks, with a required time in force. There are no market orders.
 */
export type BookSide = 'bid' | 'ask';
/** good-till-canceled, immediate-or-cancel, fill-or-kill. */
export type TimeInForce = 'gtc' | 'ioc' | 'fok';
/** Kalshi's names: `taker_at_cross` cancels the incoming order, `maker` cancels the resting one. */
export type SelfTradePrevention = 'taker_at_cross' | 'maker';
export type OutcomeSide = 'yes' | 'no';
export type Action = 'buy' | 'sell';

interface OrderTerms {
  readonly ticker: string;
  readonly count: number;
  /** Required, as in Kalshi's V2 create-order. */
  readonly timeInForce: TimeInForce;
  /** Reject instead of trading if the order would cross on arrival. */
  readonly postOnly?: boolean;
  /** Default `taker_at_cross` (Kalshi requires the field; the venue client always sends it). */
  readonly selfTradePrevention?: SelfTradePrevention;
  /** Your id for the order; a second order with an id the account already used is rejected. */
  readonly clientOrderId?: string;
}

/** A V2 order: a bid (buy YES) or an ask (sell YES) at a YES price in ticks. */
export interface OrderRequest extends OrderTerms {
  readonly side: BookSide;
  /** YES price in ticks of the market's grid, whatever the direction. */
  readonly price: number;
}

/**
 * The outcome-side convenience: buy or sell YES or NO, priced in the chosen outcome's ticks.
 * One mapping (Kalshi's, KALSHI_API.md §4 "Direction mapping"): buy YES at p = bid p; sell YES at p = ask p;
 * buy NO at q = ask YES at units − q; sell NO at q = bid YES at units − q.
 */
export interface OutcomeOrderRequest extends OrderTerms {
  readonly outcome: OutcomeSide;
  readonly action: Action;
  /** Price of the chosen outcome in ticks (a NO order is priced in NO ticks). */
  readonly price: number;
}

/** The YES-book side an outcome order lands on. */
export function bookSideOf(outcome: OutcomeSide, action: Action): BookSide {
  if (outcome !== 'yes' && outcome !== 'no')
    throw new OrderRejectedError('INVALID_SIDE', `outcome must be "yes" or "no", got ${JSON.stringify(outcome)}`);
  if (action !== 'buy' && action !== 'sell')
    throw new OrderRejectedError('INVALID_SIDE', `action must be "buy" or "sell", got ${JSON.stringify(action)}`);
  return (outcome === 'yes') === (action === 'buy') ? 'bid' : 'ask';
}

/** Translate an outcome-side order into the V2 order it means (see {@link OutcomeOrderRequest}). */
export function bookOrder(order: OutcomeOrderRequest, grid: TickGrid): OrderRequest {
  const { outcome, action, price, ...terms } = order;
  return { ...terms, side: bookSideOf(outcome, action), price: outcome === 'yes' ? price : grid.unitsPerContract - price };
}

/** True when the request uses the outcome-side convenience rather than a YES-book side. */
export function isOutcomeOrder(order: OrderRequest | OutcomeOrderRequest): order is OutcomeOrderRequest {
  return (order as OutcomeOrderRequest).outcome !== undefined;
}

/** Kalshi's order status: `resting` (something rests), `executed` (fully filled), `canceled` (the rest was canceled). */
export type OrderStatus = 'resting' | 'executed' | 'canceled';

/** What the exchange answers to a create or amend, as Kalshi's V2 responses do (plus the order's terms). */
export interface OrderAck {
  readonly orderId: number;
  readonly clientOrderId: string | undefined;
  readonly ticker: string;
  readonly side: BookSide;
  /** The order's YES limit price in ticks. */
  readonly price: number;
  readonly status: OrderStatus;
  /** Total fillable count: contracts filled over the order's life + contracts resting now. */
  readonly count: number;
  /** Contracts filled over the order's life. */
  readonly fillCount: number;
  /** Contracts resting now. */
  readonly remainingCount: number;
  /** Contracts this call canceled (an IOC remainder, an unfilled FOK, self-trade prevention). */
  readonly canceledCount: number;
  readonly cancelReason: CancelReason | undefined;
  /** Average YES price of this call's fills, undefined when nothing filled. */
  readonly averageFillPrice: number | undefined;
  /** Fees charged to this order by this call, in money units. */
  readonly fees: number;
}

/** What `amendOrder` changes. `count` follows Kalshi: the new total = already filled + the desired resting remainder. */
export interface AmendRequest {
  /** New YES price in ticks. */
  readonly price: number;
  readonly count: number;
}

export function bookSideCode(side: BookSide): BookSideCode {
  if (side === 'bid') return BUY;
  if (side === 'ask') return SELL;
  throw new OrderRejectedError(
    'INVALID_SIDE',
    `side must be "bid" (buy YES) or "ask" (sell YES), got ${JSON.stringify(side)}; for YES/NO + buy/sell use an outcome order`,
  );
}

export function timeInForceCode(tif: TimeInForce): TimeInForceCode {
  // if-chains, not a lookup table: this runs on every simulated order
  if (tif === 'gtc') return GTC;
  if (tif === 'ioc') return IOC;
  if (tif === 'fok') return FOK;
  throw new OrderRejectedError(
    'INVALID_ORDER_TYPE',
    `timeInForce is required: "gtc" (good till canceled), "ioc" (immediate or cancel) or "fok" (fill or kill), got ${JSON.stringify(tif)}`,
  );
}

export function stpCode(stp: SelfTradePrevention | undefined): StpCode {
  if (stp === undefined || stp === 'taker_at_cross') return STP_CANCEL_TAKER;
  if (stp === 'maker') return STP_CANCEL_MAKER;
  throw new OrderRejectedError('INVALID_ORDER_TYPE', `selfTradePrevention must be "taker_at_cross" or "maker", got ${JSON.stringify(stp)}`);
}

export function clientOrderIdOf(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 128)
    throw new OrderRejectedError(
      'INVALID_ORDER_TYPE',
      `clientOrderId must be a non-empty string of at most 128 characters, got ${JSON.stringify(id)}`,
    );
  return id;
}

import type { CancelReason } from './book/constants.js';
import type { BookSide } from './orders.js';

/** One side of a trade, as the ledger booked it. */
export interface ExchangeFill {
  /** Shared by the two sides of a trade; increases with every trade. */
  readonly tradeId: number;
  readonly time: number;
  readonly ticker: string;
  readonly orderId: number;
  readonly clientOrderId: string | undefined;
  readonly accountId: number;
  readonly side: BookSide;
  /** YES price of the trade in ticks. */
  readonly price: number;
  readonly count: number;
  /** Fee this fill was charged, in money units. */
  readonly fee: number;
  readonly isTaker: boolean;
}

/** Contracts of an order that left the book without trading. */
export interface ExchangeCancel {
  readonly time: number;
  readonly ticker: string;
  readonly orderId: number;
  readonly clientOrderId: string | undefined;
  readonly accountId: number;
  readonly count: number;
  /** Contracts still resting after this cancel (0 when the order is gone). */
  readonly remaining: number;
  readonly reason: CancelReason;
}

/** Observers of every fill and cancel (venues and recorders); the simulation runs without any. */
export interface ExchangeListener {
  onFill?(fill: ExchangeFill): void;
  onCancel?(cancel: ExchangeCancel): void;
}

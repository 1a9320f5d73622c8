import { OrderRejectedError } from '../core/errors.js';
import type { OrderBook } from './book/order-book.js';
import type { FeeSchedule } from './fees.js';
import type { TickGrid } from './grid.js';

export type MarketStatus = 'open' | 'closed' | 'settled';

/** Resolution: YES, NO, or a value paid per YES contract in ticks (e.g. 50 on the cent grid for a tie that refunds half). */
export type Resolution = 'yes' | 'no' | { readonly yesValue: number };

export interface MarketSpec {
  readonly ticker: string;
  readonly title?: string;
  readonly grid?: TickGrid;
  readonly fees?: FeeSchedule;
  /** Resting orders the book makes room for at first (it grows as needed; default 1024). */
  readonly bookCapacity?: number;
}

/** One listed binary market: its static terms, its book, and where it is in its life. */
export interface Market {
  readonly index: number;
  readonly ticker: string;
  readonly title: string;
  readonly grid: TickGrid;
  readonly fees: FeeSchedule;
  /** The market's book; once settled, a shared empty book of its grid (the exchange frees the old one's memory). */
  book: OrderBook;
  status: MarketStatus;
  /** Value paid per YES contract at settlement, once settled. */
  settlementValue: number | undefined;
}

/** The value paid per YES contract for a resolution, checked against the grid. */
export function resolutionValue(grid: TickGrid, resolution: Resolution): number {
  const units = grid.unitsPerContract;
  const value = resolution === 'yes' ? units : resolution === 'no' ? 0 : resolution.yesValue;
  if (!Number.isInteger(value) || value < 0 || value > units) {
    throw new OrderRejectedError('INVALID_PRICE', `settlement yesValue must be an integer in 0..${units}, got ${String(value)}`);
  }
  return value;
}

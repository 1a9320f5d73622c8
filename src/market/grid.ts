import { OrderRejectedError } from '../core/errors.js';

/**
 * The price grid of a binary contract. A contract pays `unitsPerContract` money units when it wins;
 * prices are the integers 1 … unitsPerContract−1. With the default 100 the unit is the cent and the
 * tick is 1¢ (Kalshi's `linear_cent` markets). A finer grid (1000 = 0.1¢ ticks) only changes this number:
 * the book, accounts and fees are written against the grid, never against a literal 100.
 */
export interface TickGrid {
  /** Money units paid per winning contract; also the number of price levels + 1. */
  readonly unitsPerContract: number;
  /** Money units per cent (1 on the cent grid, 10 on a 0.1¢ grid). */
  readonly unitsPerCent: number;
  readonly minPrice: number;
  readonly maxPrice: number;
}

export function tickGrid(unitsPerContract = 100): TickGrid {
  if (!Number.isInteger(unitsPerContract) || unitsPerContract < 100 || unitsPerContract % 100 !== 0 || unitsPerContract > 100_000) {
    throw new RangeError(`tickGrid: unitsPerContract must be a multiple of 100 between 100 and 100000, got ${unitsPerContract}`);
  }
  return Object.freeze({
    unitsPerContract,
    unitsPerCent: unitsPerContract / 100,
    minPrice: 1,
    maxPrice: unitsPerContract - 1,
  });
}

/** The 1¢ grid every Kalshi `linear_cent` market uses. */
export const CENT_GRID: TickGrid = tickGrid(100);

export function isValidPrice(grid: TickGrid, price: number): boolean {
  return Number.isInteger(price) && price >= grid.minPrice && price <= grid.maxPrice;
}

export function assertPrice(grid: TickGrid, price: number, field = 'price'): void {
  if (!isValidPrice(grid, price)) {
    throw new OrderRejectedError(
      'INVALID_PRICE',
      `${field} must be an integer tick in ${grid.minPrice}..${grid.maxPrice}, got ${String(price)}`,
      { field, price },
    );
  }
}

export function assertQuantity(qty: number, field = 'count'): void {
  if (!Number.isInteger(qty) || qty <= 0 || qty > 2_000_000_000) {
    throw new OrderRejectedError(
      'INVALID_QUANTITY',
      `${field} must be a positive whole number of contracts, got ${String(qty)}`,
      { field, qty },
    );
  }
}

/** The complementary price: a NO bid at p is a YES ask at unitsPerContract − p. */
export function complement(grid: TickGrid, price: number): number {
  return grid.unitsPerContract - price;
}

import { OrderRejectedError } from '../core/errors.js';

/** A band of valid prices: start, start + step, …, up to end (all in ticks; both ends on the grid). */
export interface PriceRange {
  readonly start: number;
  readonly end: number;
  readonly step: number;
}

/**
 * The price grid of a binary contract. A contract pays `unitsPerContract` money units when it wins;
 * prices are integers strictly between 0 and unitsPerContract, and only those the price ranges reach
 * are valid. With 100 units the unit is the cent and every price 1…99 is valid (Kalshi's
 * `linear_cent`). Kalshi's sub-penny markets use 1000 units (0.1¢): `deci_cent` allows every price,
 * `tapered_deci_cent` allows 0.1¢ steps below 10¢ and above 90¢ and 1¢ steps in between
 * (KALSHI_API.md §3). The book, accounts and fees are written against the grid, never against a literal 100.
 */
export interface TickGrid {
  /** Kalshi's `price_level_structure` name, or `custom`. */
  readonly name: string;
  /** Money units paid per winning contract; also the number of price levels + 1. */
  readonly unitsPerContract: number;
  /** Money units per cent (1 on the cent grid, 10 on a 0.1¢ grid). */
  readonly unitsPerCent: number;
  /** Lowest and highest valid prices. */
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly ranges: readonly PriceRange[];
  /** valid[p] === 1 when p is a price on the grid (an O(1) check on the hot path). */
  readonly valid: Uint8Array;
}

/** A grid from price ranges in ticks (Kalshi's `price_ranges`, scaled to integer units). */
export function priceGrid(unitsPerContract: number, ranges: readonly PriceRange[], name = 'custom'): TickGrid {
  if (!Number.isInteger(unitsPerContract) || unitsPerContract < 100 || unitsPerContract % 100 !== 0 || unitsPerContract > 100_000) {
    throw new RangeError(`tick grid: unitsPerContract must be a multiple of 100 between 100 and 100000, got ${unitsPerContract}`);
  }
  if (ranges.length === 0) throw new RangeError('tick grid: at least one price range is required');
  const valid = new Uint8Array(unitsPerContract + 1);
  for (const [i, r] of ranges.entries()) {
    const ok =
      [r.start, r.end, r.step].every(Number.isInteger) &&
      r.step >= 1 &&
      r.start >= 0 &&
      r.end <= unitsPerContract &&
      r.start < r.end &&
      (r.end - r.start) % r.step === 0;
    if (!ok)
      throw new RangeError(
        `tick grid: price range ${i} must be integers 0 ≤ start < end ≤ ${unitsPerContract} with (end − start) a multiple of step > 0, got ${JSON.stringify(r)}`,
      );
    for (let p = r.start; p <= r.end; p += r.step) valid[p] = 1;
  }
  // 0 and the payout are range ends, never prices
  valid[0] = 0;
  valid[unitsPerContract] = 0;
  const minPrice = valid.indexOf(1);
  const maxPrice = valid.lastIndexOf(1);
  if (minPrice === -1) throw new RangeError('tick grid: the price ranges allow no price strictly between 0 and the payout');
  return Object.freeze({
    name,
    unitsPerContract,
    unitsPerCent: unitsPerContract / 100,
    minPrice,
    maxPrice,
    ranges: Object.freeze(ranges.map((r) => Object.freeze({ ...r }))),
    valid,
  });
}

/** A uniform grid: every integer price 1 … unitsPerContract − 1 (100 = 1¢ ticks, 1000 = 0.1¢ ticks). */
export function tickGrid(unitsPerContract = 100): TickGrid {
  const name = unitsPerContract === 100 ? 'linear_cent' : unitsPerContract === 1000 ? 'deci_cent' : 'custom';
  return priceGrid(unitsPerContract, [{ start: 0, end: unitsPerContract, step: 1 }], name);
}

/** The 1¢ grid of Kalshi's `linear_cent` markets. */
export const CENT_GRID: TickGrid = tickGrid(100);
/** Kalshi's `deci_cent`: 0.1¢ ticks everywhere (prices in tenths of a cent, 1 … 999). */
export const DECI_CENT_GRID: TickGrid = tickGrid(1000);
/** Kalshi's `tapered_deci_cent`: 0.1¢ ticks below 10¢ and above 90¢, 1¢ ticks between (prices in tenths of a cent). */
export const TAPERED_DECI_CENT_GRID: TickGrid = priceGrid(
  1000,
  [
    { start: 0, end: 100, step: 1 },
    { start: 100, end: 900, step: 10 },
    { start: 900, end: 1000, step: 1 },
  ],
  'tapered_deci_cent',
);

/** The grid of a Kalshi `price_level_structure`. */
export function gridForStructure(structure: string): TickGrid {
  if (structure === 'linear_cent') return CENT_GRID;
  if (structure === 'deci_cent') return DECI_CENT_GRID;
  if (structure === 'tapered_deci_cent') return TAPERED_DECI_CENT_GRID;
  throw new RangeError(`unknown price_level_structure ${JSON.stringify(structure)}; known: linear_cent, deci_cent, tapered_deci_cent`);
}

export function isValidPrice(grid: TickGrid, price: number): boolean {
  // valid[] holds 1 only at grid prices strictly between 0 and the payout, and a typed array reads undefined at
  // any other index (fractions, negatives, NaN, past the end), so this one lookup is the whole check
  return grid.valid[price] === 1;
}

export function assertPrice(grid: TickGrid, price: number, field = 'price'): void {
  if (!isValidPrice(grid, price)) {
    const where =
      grid.ranges.length === 1 && grid.ranges[0]!.step === 1
        ? `an integer tick in ${grid.minPrice}..${grid.maxPrice}`
        : `a price on the ${grid.name} grid (${grid.ranges.map((r) => `${r.start}..${r.end} step ${r.step}`).join(', ')}; round with roundPrice)`;
    throw new OrderRejectedError('INVALID_PRICE', `${field} must be ${where}, got ${String(price)}`, { field, price });
  }
}

export function assertQuantity(qty: number, field = 'count'): void {
  if (!Number.isInteger(qty) || qty <= 0 || qty > 2_000_000_000) {
    throw new OrderRejectedError('INVALID_QUANTITY', `${field} must be a positive whole number of contracts, got ${String(qty)}`, {
      field,
      qty,
    });
  }
}

/** The complementary price: a NO bid at p is a YES ask at unitsPerContract − p. */
export function complement(grid: TickGrid, price: number): number {
  return grid.unitsPerContract - price;
}

/**
 * The nearest valid price at or below (`down`) or at or above (`up`) `price`, clamped to the grid's
 * range. Buyers round down and sellers round up so that rounding never makes a limit worse.
 */
export function roundPrice(grid: TickGrid, price: number, direction: 'down' | 'up'): number {
  return direction === 'down' ? floorToGrid(grid, price) : ceilToGrid(grid, price);
}

/** The next valid price above `price` (the top price itself at the top of the grid). */
export function tickUp(grid: TickGrid, price: number): number {
  return ceilToGrid(grid, Math.floor(price) + 1);
}

/** The next valid price below `price` (the bottom price itself at the bottom of the grid). */
export function tickDown(grid: TickGrid, price: number): number {
  return floorToGrid(grid, Math.ceil(price) - 1);
}

/** The lowest valid price ≥ price, clamped to the grid's range (the top price is valid, so the walk ends). */
function ceilToGrid(grid: TickGrid, price: number): number {
  let p = Math.min(Math.max(Math.ceil(price), grid.minPrice), grid.maxPrice);
  while (grid.valid[p] === 0) p++;
  return p;
}

/** The highest valid price ≤ price, clamped to the grid's range. */
function floorToGrid(grid: TickGrid, price: number): number {
  let p = Math.max(Math.min(Math.floor(price), grid.maxPrice), grid.minPrice);
  while (grid.valid[p] === 0) p--;
  return p;
}

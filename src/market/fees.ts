import { CENT_GRID, type TickGrid } from './grid.js';

/**
 * Kalshi's fee schedule (KALSHI_API.md §7, "fee_rounding"):
 *   fee = roundUp_to_cent(rate × C × P × (1 − P)),  C contracts, P the price in dollars,
 * taker rate 0.07; maker rate 0.0175 only on series that charge maker fees (`quadratic_with_maker_fees`).
 * Kalshi rounds per fill to $0.0001 and refunds the excess so an order's total fee equals the
 * cent-rounded fee of the whole order; we keep the exact fee numerator per order and charge the
 * ceiling of the running total, which gives the same totals with integer arithmetic only.
 */
export interface FeeSchedule {
  /** Taker rate as a fraction (0.07). */
  readonly takerRate: number;
  /** Maker rate as a fraction (0 on plain `quadratic` series, 0.0175 on maker-fee series). */
  readonly makerRate: number;
}

export const KALSHI_FEES: FeeSchedule = Object.freeze({ takerRate: 0.07, makerRate: 0 });
export const KALSHI_FEES_WITH_MAKER: FeeSchedule = Object.freeze({ takerRate: 0.07, makerRate: 0.0175 });
export const NO_FEES: FeeSchedule = Object.freeze({ takerRate: 0, makerRate: 0 });

/** A rate in 1/10,000ths (0.07 → 700), so fee arithmetic stays in integers. */
export function rateToBasisPoints(rate: number, field = 'rate'): number {
  const bp = Math.round(rate * 10_000);
  // more than four decimals (0.00005 → 0.5 bp); the tolerance absorbs float noise such as 0.07 × 10,000 = 700.0000000000001
  // Stryker disable next-line EqualityOperator: `>= 1e-6` differs only for a rate exactly 1e-6 bp off a whole bp, which no test can write
  const fifthDecimal = Math.abs(bp - rate * 10_000) > 1e-6;
  if (!(rate >= 0 && rate <= 1) || fifthDecimal) {
    throw new RangeError(`${field} must be in [0, 1] with at most 4 decimals (0.07, 0.0175), got ${rate}`);
  }
  return bp;
}

/** The exact fee before rounding, as an integer numerator over {@link feeDenominator}. */
export function feeNumerator(rateBp: number, count: number, price: number, grid: TickGrid): number {
  return rateBp * count * price * (grid.unitsPerContract - price);
}

/** numerator / denominator = fee in cents. */
export function feeDenominator(grid: TickGrid): number {
  return 100 * grid.unitsPerContract * grid.unitsPerContract;
}

/** Cents charged for an exact numerator: rounded up to the cent, returned in money units of the grid. */
export function feeUnitsFromNumerator(numerator: number, grid: TickGrid): number {
  return Math.ceil(numerator / feeDenominator(grid)) * grid.unitsPerCent;
}

export interface FeeOptions {
  readonly schedule?: FeeSchedule;
  readonly grid?: TickGrid;
}

/** Taker fee for one order of `count` contracts at `price` ticks, in money units (cents on the cent grid). */
export function takerFee(count: number, price: number, options: FeeOptions = {}): number {
  const grid = options.grid ?? CENT_GRID;
  const rateBp = rateToBasisPoints((options.schedule ?? KALSHI_FEES).takerRate, 'takerRate');
  return feeUnitsFromNumerator(feeNumerator(rateBp, count, price, grid), grid);
}

/** Maker fee for one order (0 unless the schedule charges makers), in money units. */
export function makerFee(count: number, price: number, options: FeeOptions = {}): number {
  const grid = options.grid ?? CENT_GRID;
  const rateBp = rateToBasisPoints((options.schedule ?? KALSHI_FEES_WITH_MAKER).makerRate, 'makerRate');
  return feeUnitsFromNumerator(feeNumerator(rateBp, count, price, grid), grid);
}

import { feeNumerator, feeUnitsFromNumerator, rateToBasisPoints, type FeeSchedule } from './fees.js';
import type { TickGrid } from './grid.js';

/** Fee rates of one market in 1/10,000ths, resolved once. */
export interface FeeRates {
  readonly takerBp: number;
  readonly makerBp: number;
}

export function feeRates(schedule: FeeSchedule): FeeRates {
  return {
    takerBp: rateToBasisPoints(schedule.takerRate, 'fees.takerRate'),
    makerBp: rateToBasisPoints(schedule.makerRate, 'fees.makerRate'),
  };
}

/**
 * Largest p·(units−p) over the prices an order with this limit can trade at: a buy trades at or
 * below its limit, a sell at or above it, and p·(units−p) peaks at half the payout.
 */
export function worstPriceTerm(side: 0 | 1, limit: number, grid: TickGrid): number {
  const u = grid.unitsPerContract;
  // the reachable price nearest the peak: a buy reaches min(limit, half), a sell max(limit, half)
  const p = side === 0 ? Math.min(limit, u / 2) : Math.max(limit, u / 2);
  return p * (u - p);
}

/** Fees still to come for `qty` contracts of an order whose running numerator is `num`, at rate `bp`. */
export function feeHeadroom(num: number, bp: number, qty: number, priceTerm: number, grid: TickGrid): number {
  return feeUnitsFromNumerator(num + bp * qty * priceTerm, grid) - feeUnitsFromNumerator(num, grid);
}

/** Fee owed by a fill, given the order's running numerator before it; returns [units charged, new numerator]. */
export function chargeFill(num: number, bp: number, qty: number, price: number, grid: TickGrid): [number, number] {
  const next = num + feeNumerator(bp, qty, price, grid);
  return [feeUnitsFromNumerator(next, grid) - feeUnitsFromNumerator(num, grid), next];
}

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
  const half = u / 2;
  const peakReachable = side === 0 ? limit >= half : limit <= half;
  return peakReachable ? half * half : limit * (u - limit);
}

/** Fees still to come for `qty` contracts of an order whose running numerator is `num`, at rate `bp`. */
export function feeHeadroom(num: number, bp: number, qty: number, priceTerm: number, grid: TickGrid): number {
  if (bp === 0 || qty === 0) return 0;
  return feeUnitsFromNumerator(num + bp * qty * priceTerm, grid) - feeUnitsFromNumerator(num, grid);
}

/** Fee owed by a fill, given the order's running numerator before it; returns [units charged, new numerator]. */
export function chargeFill(num: number, bp: number, qty: number, price: number, grid: TickGrid): [number, number] {
  if (bp === 0) return [0, num];
  const next = num + feeNumerator(bp, qty, price, grid);
  return [feeUnitsFromNumerator(next, grid) - feeUnitsFromNumerator(num, grid), next];
}

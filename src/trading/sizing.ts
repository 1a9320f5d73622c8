import type { FeeSchedule } from '../market/fees.js';
import type { TickGrid } from '../market/grid.js';
import { feeHeadroom, feeRates, worstPriceTerm } from '../market/order-fees.js';
import type { BookSide } from '../market/orders.js';

/**
 * Money the market core locks for an order that opens `count` contracts: the collateral (p per contract
 * for a bid, units − p for an ask) plus the worst-case fees it may still owe. The same arithmetic as the
 * ledger, so a strategy can size an order that will not be rejected for insufficient funds.
 */
export function orderReserve(side: BookSide, price: number, count: number, grid: TickGrid, fees: FeeSchedule): number {
  const rates = feeRates(fees);
  const code = side === 'bid' ? 0 : 1;
  const bp = Math.max(rates.takerBp, rates.makerBp);
  const perContract = side === 'bid' ? price : grid.unitsPerContract - price;
  const fee =
    feeHeadroom(0, bp, count, worstPriceTerm(code, price, grid), grid) +
    (rates.takerBp > 0 && rates.makerBp > 0 && count > 0 ? grid.unitsPerCent : 0);
  return perContract * count + fee;
}

/** The most contracts an order can open from `cash` free money units (0 when not even one fits). */
export function affordableCount(cash: number, side: BookSide, price: number, grid: TickGrid, fees: FeeSchedule): number {
  const perContract = side === 'bid' ? price : grid.unitsPerContract - price;
  if (!(cash > 0) || perContract <= 0) return 0;
  // collateral alone bounds the count; fees only lower it, and the reserve grows with the count
  let hi = Math.floor(cash / perContract);
  let lo = 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (orderReserve(side, price, mid, grid, fees) <= cash) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

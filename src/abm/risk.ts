/**
 * Position sizing and limits, relative to each agent's own capital (never a fixed wealth for all:
 * the reference system froze its noise traders that way).
 */

/**
 * Kelly fraction of bankroll for buying a binary contract that pays 1 at price `price` (both in (0,1))
 * when you believe it wins with probability `belief`: f* = (belief − price) / (1 − price).
 * Negative means the other side (NO) has the edge; this returns 0 then.
 */
export function kellyFraction(belief: number, price: number): number {
  if (!(price > 0 && price < 1)) throw new RangeError(`kellyFraction: price must be in (0,1), got ${price}`);
  if (!(belief >= 0 && belief <= 1)) throw new RangeError(`kellyFraction: belief must be in [0,1], got ${belief}`);
  return Math.max(0, (belief - price) / (1 - price));
}

/**
 * Contracts to hold for a (fractional) Kelly bet: stake = fraction × f* × bankroll (money units),
 * contracts = stake / (price × unitsPerContract). For NO, call with (1 − belief, 1 − price).
 */
export function kellyContracts(belief: number, price: number, bankroll: number, fraction = 1, unitsPerContract = 100): number {
  const stake = fraction * kellyFraction(belief, price) * bankroll;
  return Math.max(0, Math.floor(stake / (price * unitsPerContract) + 1e-9));
}

/** Largest position (contracts) whose cost at `price` (in (0,1), per contract paying `unitsPerContract`) stays within `fraction` of `capital`. */
export function positionLimit(capital: number, fraction: number, price: number, unitsPerContract = 100): number {
  const cost = Math.max(price, 1 / unitsPerContract) * unitsPerContract;
  return Math.max(0, Math.floor((fraction * capital) / cost));
}

/**
 * Returns of a bounded price series. Log returns break near 1¢ and 99¢, so facts use either price
 * changes in ticks or changes in logit(price). Non-finite prices (an empty book) are skipped.
 */

/** Δp_t = p_t − p_{t−1}, in the price's units (cents). */
export function priceChanges(prices: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 1; i < prices.length; i++) {
    const a = prices[i - 1]!;
    const b = prices[i]!;
    if (Number.isFinite(a) && Number.isFinite(b)) out.push(b - a);
  }
  return out;
}

/**
 * Δlogit(p_t) with p = price / unitsPerContract, prices clamped to [½ tick, units − ½ tick] so 0 and 100
 * stay finite.
 */
export function logitChanges(prices: ArrayLike<number>, unitsPerContract = 100): number[] {
  const lo = 0.5;
  const hi = unitsPerContract - 0.5;
  const lg = (p: number) => {
    const q = Math.min(hi, Math.max(lo, p)) / unitsPerContract;
    return Math.log(q / (1 - q));
  };
  const out: number[] = [];
  for (let i = 1; i < prices.length; i++) {
    const a = prices[i - 1]!;
    const b = prices[i]!;
    if (Number.isFinite(a) && Number.isFinite(b)) out.push(lg(b) - lg(a));
  }
  return out;
}

/** k-step returns: sums of consecutive non-overlapping blocks of k returns (a trailing partial block is dropped). */
export function aggregateReturns(returns: ArrayLike<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`aggregateReturns: k must be a whole number ≥ 1, got ${k}`);
  const out: number[] = [];
  for (let i = 0; i + k <= returns.length; i += k) {
    let s = 0;
    for (let j = i; j < i + k; j++) s += returns[j]!;
    out.push(s);
  }
  return out;
}

import { Slab } from './book/slab.js';

/**
 * One account's exposure to one market: a signed contract count (+ YES, − NO, as Kalshi's
 * `position_fp`), the account's resting orders aggregated by YES price, and the collateral
 * those orders lock.
 */
export class Position {
  /** Signed contracts: positive = YES held, negative = NO held. */
  qty = 0;
  /** Money paid for the contracts currently held (YES at p costs p, NO at p costs units − p). */
  costBasis = 0;
  /** Realized profit from closing and settlement, before fees (fees are in `feesPaid`). */
  realizedPnl = 0;
  feesPaid = 0;
  /** Contracts traded, both sides. */
  volume = 0;
  /** Collateral currently locked for resting orders in this market. */
  collateral = 0;
  /** Resting buy (YES bid) contracts by YES price. */
  buyAt: Float64Array;
  /** Resting sell (YES ask) contracts by YES price. */
  sellAt: Float64Array;
  buyQty = 0;
  sellQty = 0;
  /** No resting buy above this price, no resting sell below `sellLo` (bounds that keep the scans short). */
  private buyHi = 0;
  private sellLo: number;

  constructor(readonly units: number) {
    // ladders of settled positions are reused; otherwise one buffer for both (see Slab)
    const spare = spareLadders.get(units);
    if (spare !== undefined && spare.length >= 2) {
      this.buyAt = spare.pop()!;
      this.sellAt = spare.pop()!;
    } else {
      const slab = Slab.of(8 * units, 8 * units);
      this.buyAt = slab.f64(units);
      this.sellAt = slab.f64(units);
    }
    this.sellLo = units;
  }

  /** Average cost per contract held (0 when flat). */
  averageCost(): number {
    return this.qty === 0 ? 0 : this.costBasis / Math.abs(this.qty);
  }

  /**
   * Collateral that covers every resting order filling in the worst order.
   * Buys first close NO contracts held (which frees money), so only the buys beyond the NO held open
   * new YES exposure; the worst case is that the most expensive ones are the opening ones. Sells
   * mirror this with the NO cost units − p. Each side is bounded separately and the bounds add up,
   * which stays safe whichever way fills interleave (a sell that opens NO can only make later buys
   * cheaper, because they then close it).
   */
  requiredCollateral(): number {
    const units = this.units;
    let reserve = 0;
    // at most the contracts resting on a side open new exposure, and they all rest between buyHi and 1 (sells:
    // between sellLo and units − 1), so each walk ends inside the ladder
    let opening = this.buyQty - Math.max(0, -this.qty);
    for (let p = this.buyHi; opening > 0; p--) {
      const take = Math.min(this.buyAt[p]!, opening);
      reserve += take * p;
      opening -= take;
    }
    opening = this.sellQty - Math.max(0, this.qty);
    for (let p = this.sellLo; opening > 0; p++) {
      const take = Math.min(this.sellAt[p]!, opening);
      reserve += take * (units - p);
      opening -= take;
    }
    return reserve;
  }

  addResting(side: 0 | 1, price: number, qty: number): void {
    if (side === 0) {
      this.buyAt[price] += qty;
      this.buyQty += qty;
      // a bound, not the exact top: a removal never lowers it (an empty side resets it so later walks stay short)
      if (this.buyQty === 0) this.buyHi = 0;
      else this.buyHi = Math.max(this.buyHi, price);
    } else {
      this.sellAt[price] += qty;
      this.sellQty += qty;
      if (this.sellQty === 0) this.sellLo = this.units;
      else this.sellLo = Math.min(this.sellLo, price);
    }
  }

  /**
   * Apply a trade of `qty` contracts at YES price `price` on `side` (0 buy YES, 1 sell YES).
   * Returns the cash change: closing NO by buying YES returns units − price per contract (the pair
   * redeems at `units`), opening costs the price; selling YES held returns the price, selling beyond
   * it opens NO at units − price.
   */
  applyTrade(side: 0 | 1, price: number, qty: number): number {
    const units = this.units;
    const held = side === 0 ? Math.max(0, -this.qty) : Math.max(0, this.qty);
    const closing = Math.min(qty, held);
    const opening = qty - closing;
    let cash = 0;
    if (closing > 0) {
      const avg = this.costBasis / Math.abs(this.qty);
      const proceeds = side === 0 ? closing * (units - price) : closing * price;
      const released = closing === held ? this.costBasis : avg * closing;
      this.realizedPnl += proceeds - released;
      this.costBasis -= released;
      cash += proceeds;
    }
    const cost = side === 0 ? opening * price : opening * (units - price);
    this.costBasis += cost;
    cash -= cost;
    this.qty += side === 0 ? qty : -qty;
    this.volume += qty;
    return cash;
  }

  /** Pay out at settlement: `value` units per YES contract (units for YES, 0 for NO). Returns the cash paid. */
  settle(value: number): number {
    const payout = this.markValue(value);
    this.realizedPnl += payout - this.costBasis;
    this.costBasis = 0;
    this.qty = 0;
    return payout;
  }

  /**
   * The market settled and takes no more orders: drop the per-price ladders (they are all zero now) for a
   * shared zero ladder, keeping the totals. Only the ledger calls this, after settlement.
   */
  release(): void {
    if (this.buyQty !== 0 || this.sellQty !== 0) throw new Error('Position.release: orders still rest');
    const zero = zeroLadder(this.units);
    if (this.buyAt === zero) return;
    // every resting order is gone, so both ladders are all zeros: another position can use them
    let spare = spareLadders.get(this.units);
    if (spare === undefined) spareLadders.set(this.units, (spare = []));
    if (spare.length < MAX_SPARE) spare.push(this.buyAt, this.sellAt);
    this.buyAt = zero;
    this.sellAt = zero;
  }

  /** Value of the holding if the market resolved at `yesPrice` per YES contract (for marking to mid). */
  markValue(yesPrice: number): number {
    return this.qty >= 0 ? this.qty * yesPrice : -this.qty * (this.units - yesPrice);
  }
}

const zeroLadders = new Map<number, Float64Array>();
const spareLadders = new Map<number, Float64Array[]>();
const MAX_SPARE = 4096;
function zeroLadder(units: number): Float64Array {
  let z = zeroLadders.get(units);
  if (z === undefined) zeroLadders.set(units, (z = new Float64Array(units)));
  return z;
}

import type { Market } from '../market/market.js';
import type { Fundamental } from './fundamental.js';

/**
 * What the model tracks about one market between steps: the latent truth, the last trade, and the
 * per-step series (mid, volume, trades) with running sums so moving averages are O(1) for every agent.
 */
export class MarketState {
  lastPrice: number;
  stepVolume = 0;
  stepTrades = 0;
  /** Net signed taker volume in the current step (+ bought YES). */
  stepFlow = 0;
  totalVolume = 0;
  totalTrades = 0;
  /** Running sum of signed taker volume: + when takers bought YES, − when they sold. */
  signedFlow = 0;
  /** mids[t] = mid at the end of step t (mids[0] = the opening price). */
  private mids: Float64Array;
  private cumMid: Float64Array;
  private n = 0;

  constructor(
    readonly market: Market,
    readonly fundamental: Fundamental,
    capacity: number,
  ) {
    this.lastPrice = Math.round(fundamental.probability * market.grid.unitsPerContract);
    this.mids = new Float64Array(capacity + 1);
    this.cumMid = new Float64Array(capacity + 2);
    this.record();
  }

  get book() {
    return this.market.book;
  }

  get units(): number {
    return this.market.grid.unitsPerContract;
  }

  /** Mid of the touch; with one side empty, that side's price is averaged with the last trade; with both empty, the last trade. */
  mid(): number {
    const b = this.market.book;
    const hasBid = b.hasBid();
    const hasAsk = b.hasAsk();
    if (hasBid && hasAsk) return (b.bestBid() + b.bestAsk()) / 2;
    if (hasBid) return Math.max(b.bestBid(), this.lastPrice);
    if (hasAsk) return Math.min(b.bestAsk(), this.lastPrice);
    return this.lastPrice;
  }

  spread(): number {
    const b = this.market.book;
    return b.hasBid() && b.hasAsk() ? b.bestAsk() - b.bestBid() : Number.NaN;
  }

  /** Append the current mid to the series (called once per step by the model). */
  record(): void {
    if (this.n >= this.mids.length) this.grow();
    const m = this.mid();
    this.mids[this.n] = m;
    this.cumMid[this.n + 1] = this.cumMid[this.n]! + m;
    this.n++;
  }

  /** Number of recorded mids. */
  get length(): number {
    return this.n;
  }

  midAt(t: number): number {
    return this.mids[Math.max(0, Math.min(this.n - 1, t))]!;
  }

  /** Mean of the last `window` recorded mids (fewer at the start). */
  movingAverage(window: number): number {
    const w = Math.min(window, this.n);
    return w === 0 ? this.mid() : (this.cumMid[this.n]! - this.cumMid[this.n - w]!) / w;
  }

  /** A copy of the recorded mids. */
  series(): Float64Array {
    return this.mids.slice(0, this.n);
  }

  private grow(): void {
    const mids = new Float64Array(this.mids.length * 2);
    mids.set(this.mids);
    const cum = new Float64Array(this.cumMid.length * 2);
    cum.set(this.cumMid);
    this.mids = mids;
    this.cumMid = cum;
  }
}

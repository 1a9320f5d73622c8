import type { Exchange } from '../market/exchange.js';
import type { Market } from '../market/market.js';
import type { TruthPath } from './truth/path.js';

/**
 * What the model tracks about one market: when it opens and resolves, the truth behind it, the last trade,
 * and its series over its life (mid, volume, truth) with running sums so moving averages are O(1) for every
 * agent. A market opens at step `open`, trades in steps open … close − 1, and resolves at the start of step
 * `close` (or at the end of the run if that comes first), when the exchange settles it on the truth's outcome.
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
  /** The outcome once the market has resolved (settled). */
  outcome: 0 | 1 | undefined;
  /** Step at which it resolved (close, or the run's end). */
  resolvedAt = -1;
  /** The book just before settlement emptied it. */
  closeDepth: ReturnType<Exchange['depth']> | undefined;
  /** mids[i] = mid at the end of step open + i (mids[0]: the opening price). */
  private mids: Float64Array;
  private cumMid: Float64Array;
  private volumes: Float64Array;
  private n = 0;

  constructor(
    readonly index: number,
    readonly market: Market,
    readonly truth: TruthPath,
    /** Step at which it opens. */
    readonly open: number,
    /** Step at which it resolves: open + life. */
    readonly close: number,
  ) {
    if (truth.probabilities.length !== close - open + 1)
      throw new RangeError(
        `MarketState: a truth path of ${truth.probabilities.length} values does not fit a life of ${close - open} steps`,
      );
    this.lastPrice = Math.min(
      market.grid.unitsPerContract - 1,
      Math.max(1, Math.round(truth.probabilities[0]! * market.grid.unitsPerContract)),
    );
    this.mids = new Float64Array(close - open + 1);
    this.cumMid = new Float64Array(close - open + 2);
    this.volumes = new Float64Array(close - open + 1);
  }

  get book() {
    return this.market.book;
  }

  get units(): number {
    return this.market.grid.unitsPerContract;
  }

  get life(): number {
    return this.close - this.open;
  }

  /** Trading at step t: opened and not yet resolved. */
  isActive(t: number): boolean {
    return t >= this.open && t < this.close && this.outcome === undefined;
  }

  /** The true probability at global step t (its opening value before it opens, its outcome after it closes). */
  trueProbabilityAt(t: number): number {
    const p = this.truth.probabilities;
    return p[Math.max(0, Math.min(p.length - 1, t - this.open))]!;
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

  /** Append the current mid and the step's volume to the series (once per step while it trades, and once when it opens). */
  record(): void {
    if (this.n >= this.mids.length) return;
    const m = this.mid();
    this.mids[this.n] = m;
    this.volumes[this.n] = this.stepVolume;
    this.cumMid[this.n + 1] = this.cumMid[this.n]! + m;
    this.n++;
  }

  /** Number of recorded mids. */
  get length(): number {
    return this.n;
  }

  /** Mid recorded `i` steps after the open (clamped to what has been recorded). */
  midAt(i: number): number {
    return this.mids[Math.max(0, Math.min(this.n - 1, i))]!;
  }

  /** Mean of the last `window` recorded mids (fewer at the start). */
  movingAverage(window: number): number {
    const w = Math.min(window, this.n);
    return w === 0 ? this.mid() : (this.cumMid[this.n]! - this.cumMid[this.n - w]!) / w;
  }

  /** A copy of the recorded mids (index = steps since the open). */
  series(): Float64Array {
    return this.mids.slice(0, this.n);
  }

  /** Contracts traded in each recorded step. */
  volumeSeries(): Float64Array {
    return this.volumes.slice(0, this.n);
  }

  /** The truth over the recorded steps. */
  truthSeries(): Float64Array {
    return this.truth.probabilities.slice(0, this.n);
  }
}

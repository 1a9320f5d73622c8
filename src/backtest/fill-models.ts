import { roundPrice, tickDown, tickUp, type TickGrid } from '../market/grid.js';
import type { BookUpdate, Level, MarketResolution, TradePrint } from '../trading/market-data.js';

/** A top of book without sizes, as closing-line data give it (YES prices in ticks). */
export interface Quote {
  readonly kind: 'quote';
  readonly time: number;
  readonly ticker: string;
  readonly bid: number;
  readonly ask: number;
}

/** What the backtester replays: quotes or books with sizes, trades, and resolutions, in time order. */
export type FeedEvent = Quote | BookUpdate | TradePrint | MarketResolution;

/** Where resting strategy orders stand in the queue at a price where the market already shows size. */
export type QueuePosition = 'back' | 'front';

/**
 * How market data becomes liquidity the strategy can trade with. The backtester posts the model's
 * ladder in the market core's book for a liquidity account, so every fill — taker fills walking it,
 * maker fills when a later quote, book or trade crosses a resting order — goes through the same
 * matching, fees (maker and taker each right) and accounts as everything else.
 */
export interface FillModel {
  readonly name: string;
  readonly queue: QueuePosition;
  /** The levels to display for a quote or a book update (best first). */
  ladder(event: Quote | BookUpdate, grid: TickGrid): { bids: Level[]; asks: Level[] };
}

/** Effectively unlimited depth at the quote (closing-line data say nothing about size). */
export const UNLIMITED_DEPTH = 1_000_000_000;

/**
 * Fills at the quote: one level on each side, the quote widened by `slippageTicks` against the trader,
 * `depth` contracts each (unlimited by default), refreshed by every new quote. A book update with sizes
 * is shown as it is.
 */
export class QuoteFills implements FillModel {
  readonly name = 'quote';
  readonly queue: QueuePosition = 'back';
  readonly slippageTicks: number;
  readonly depth: number;

  constructor(options: { slippageTicks?: number; depth?: number } = {}) {
    this.slippageTicks = options.slippageTicks ?? 0;
    this.depth = options.depth ?? UNLIMITED_DEPTH;
    if (!(Number.isInteger(this.slippageTicks) && this.slippageTicks >= 0))
      throw new RangeError(`slippageTicks must be a whole number ≥ 0, got ${this.slippageTicks}`);
    if (!(Number.isInteger(this.depth) && this.depth > 0))
      throw new RangeError(`depth must be a positive whole number of contracts, got ${this.depth}`);
  }

  ladder(event: Quote | BookUpdate, grid: TickGrid): { bids: Level[]; asks: Level[] } {
    if (event.kind === 'book') return { bids: [...event.bids], asks: [...event.asks] };
    const bid = Math.max(grid.minPrice, event.bid - this.slippageTicks);
    const ask = Math.min(grid.maxPrice, event.ask + this.slippageTicks);
    return {
      bids: event.bid >= grid.minPrice ? [{ price: bid, size: this.depth }] : [],
      asks: event.ask <= grid.maxPrice ? [{ price: ask, size: this.depth }] : [],
    };
  }
}

/**
 * Fills through an order book: a quote becomes a synthetic ladder of `levels` prices of `depthPerLevel`
 * contracts on each side from the touch outwards (a book update with sizes is used as it is); takers
 * walk it level by level. `queue` sets where a resting strategy order stands at a price the market
 * already shows: `back` (behind the displayed size, which must trade first) or `front` (ahead of it).
 */
export class BookFills implements FillModel {
  readonly name = 'book';
  readonly levels: number;
  readonly depthPerLevel: number;
  readonly queue: QueuePosition;

  constructor(options: { levels?: number; depthPerLevel?: number; queue?: QueuePosition } = {}) {
    this.levels = options.levels ?? 5;
    this.depthPerLevel = options.depthPerLevel ?? 50;
    this.queue = options.queue ?? 'back';
    if (!(Number.isInteger(this.levels) && this.levels > 0))
      throw new RangeError(`levels must be a positive whole number, got ${this.levels}`);
    if (!(Number.isInteger(this.depthPerLevel) && this.depthPerLevel > 0))
      throw new RangeError(`depthPerLevel must be a positive whole number, got ${this.depthPerLevel}`);
    if (this.queue !== 'back' && this.queue !== 'front')
      throw new RangeError(`queue must be "back" or "front", got ${JSON.stringify(this.queue)}`);
  }

  ladder(event: Quote | BookUpdate, grid: TickGrid): { bids: Level[]; asks: Level[] } {
    if (event.kind === 'book') return { bids: [...event.bids], asks: [...event.asks] };
    // levels are valid ticks, not money units: on a tapered sub-penny grid 1¢ is 10 units between 10¢ and 90¢
    const bids: Level[] = [];
    const asks: Level[] = [];
    if (event.bid >= grid.minPrice) {
      for (let b = roundPrice(grid, event.bid, 'down'); bids.length < this.levels; b = tickDown(grid, b)) {
        bids.push({ price: b, size: this.depthPerLevel });
        if (b <= grid.minPrice) break;
      }
    }
    if (event.ask <= grid.maxPrice) {
      for (let a = roundPrice(grid, event.ask, 'up'); asks.length < this.levels; a = tickUp(grid, a)) {
        asks.push({ price: a, size: this.depthPerLevel });
        if (a >= grid.maxPrice) break;
      }
    }
    return { bids, asks };
  }
}

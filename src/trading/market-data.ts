import type { BookSide } from '../market/orders.js';

/** One price level of the YES book: a price in ticks and the contracts offered there. */
export interface Level {
  readonly price: number;
  readonly size: number;
}

/**
 * The YES book of one market at a moment: bids and asks, best first, with sizes. A NO bid at q shows
 * here as a YES ask at 100 − q. Top of book is `bids[0]` / `asks[0]`; the rest is depth.
 */
export interface BookUpdate {
  readonly kind: 'book';
  readonly time: number;
  readonly ticker: string;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

/** A trade printed on a market (anyone's). */
export interface TradePrint {
  readonly kind: 'trade';
  readonly time: number;
  readonly ticker: string;
  /** YES price in ticks. */
  readonly price: number;
  readonly count: number;
  /** `bid`: the taker bought YES; `ask`: it sold YES. */
  readonly takerSide: BookSide;
}

/**
 * A market resolved: it pays `settlementValue` ticks per YES contract and units − settlementValue per NO
 * contract (100/0 on the cent grid; a tie, as Kalshi settles NFL ties, pays 50 to each side).
 */
export interface MarketResolution {
  readonly kind: 'resolution';
  readonly time: number;
  readonly ticker: string;
  readonly settlementValue: number;
}

/** Market data a strategy reacts to in `onMarketData`. */
export type MarketData = BookUpdate | TradePrint;
export type MarketEvent = MarketData | MarketResolution;

export function bestBid(book: BookUpdate | undefined): number | undefined {
  return book?.bids[0]?.price;
}

export function bestAsk(book: BookUpdate | undefined): number | undefined {
  return book?.asks[0]?.price;
}

/** Mid of the touch; with one side empty, that side's price; undefined for an empty book. */
export function midPrice(book: BookUpdate | undefined): number | undefined {
  const b = bestBid(book);
  const a = bestAsk(book);
  if (b !== undefined && a !== undefined) return (b + a) / 2;
  return b ?? a;
}

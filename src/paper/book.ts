import type { LocalBook } from '../venues/kalshi/ws/local-book.js';
import type { BookUpdate, Level } from '../trading/market-data.js';

/**
 * A Kalshi book (YES bids and NO bids, as the stream keeps it) as the trading layer's YES book: bids
 * best first, and asks from the NO bids (a NO bid at q is a YES ask at units − q), best first.
 */
export function bookUpdateOf(book: LocalBook, time: number, unitsPerContract: number, depth = 10): BookUpdate {
  const ob = book.toOrderbook();
  const bids: Level[] = ob.yes
    .slice()
    .reverse()
    .slice(0, depth)
    .map((l) => ({ price: l.price, size: l.count }));
  const asks: Level[] = ob.no
    .slice()
    .reverse()
    .slice(0, depth)
    .map((l) => ({ price: unitsPerContract - l.price, size: l.count }));
  return { kind: 'book', time, ticker: book.ticker, bids, asks };
}

/** Same prices and sizes on both sides (times may differ). */
export function sameBook(a: BookUpdate | undefined, b: BookUpdate): boolean {
  if (a === undefined) return false;
  const eq = (x: readonly Level[], y: readonly Level[]) =>
    x.length === y.length && x.every((l, i) => l.price === y[i]!.price && l.size === y[i]!.size);
  return eq(a.bids, b.bids) && eq(a.asks, b.asks);
}

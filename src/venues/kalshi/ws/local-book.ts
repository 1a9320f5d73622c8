import type { BookLevel, VenueOrderBook } from '../domain/types.js';

/**
 * An order book kept from the WebSocket stream: a snapshot, then signed size changes per level. YES
 * bids in YES ticks and NO bids in NO ticks, exactly as Kalshi's REST `orderbook_fp`, so
 * `toOrderbook()` can be compared with a REST fetch level for level.
 */
export class LocalBook {
  private yes = new Map<number, number>();
  private no = new Map<number, number>();
  /** False before the first snapshot, and after a gap or an impossible delta until the next one. */
  consistent = false;

  constructor(readonly ticker: string) {}

  applySnapshot(yes: readonly BookLevel[], no: readonly BookLevel[]): void {
    this.yes = new Map(yes.map((l) => [l.price, l.count]));
    this.no = new Map(no.map((l) => [l.price, l.count]));
    this.consistent = true;
  }

  /** Apply a delta; a level that would go negative marks the book inconsistent (returns false). */
  applyDelta(side: 'yes' | 'no', price: number, delta: number): boolean {
    const m = side === 'yes' ? this.yes : this.no;
    const next = (m.get(price) ?? 0) + delta;
    if (next < 0) {
      this.consistent = false;
      return false;
    }
    if (next === 0) m.delete(price);
    else m.set(price, next);
    return true;
  }

  private levels(m: Map<number, number>): BookLevel[] {
    return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([price, count]) => ({ price, count }));
  }

  /** Ascending by price (best bid last), like the REST response. */
  toOrderbook(): VenueOrderBook {
    return { ticker: this.ticker, yes: this.levels(this.yes), no: this.levels(this.no) };
  }

  bestYesBid(): number | undefined {
    return this.yes.size ? Math.max(...this.yes.keys()) : undefined;
  }

  /** Best YES ask = units − best NO bid. */
  bestYesAsk(unitsPerContract = 100): number | undefined {
    return this.no.size ? unitsPerContract - Math.max(...this.no.keys()) : undefined;
  }
}

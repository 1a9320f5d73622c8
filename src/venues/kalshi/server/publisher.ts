import type { FillRecord, MarketDef, OrderRecord, TradeRecord } from './records.js';

/** A change to one price level: Kalshi's `orderbook_delta` (YES side in YES prices, NO side in NO prices). */
export interface BookDelta {
  readonly side: 'yes' | 'no';
  readonly price: number;
  readonly delta: number;
}

export interface TopOfBook {
  readonly yesBid: number | undefined;
  readonly yesAsk: number | undefined;
  readonly yesBidSize: number;
  readonly yesAskSize: number;
}

/** What the local exchange tells its WebSocket server (and any in-process observer). */
export interface VenueListener {
  book?(ticker: string, deltas: readonly BookDelta[], tsMs: number): void;
  ticker?(market: MarketDef, top: TopOfBook, tsMs: number): void;
  trade?(trade: TradeRecord): void;
  fill?(fill: FillRecord): void;
  order?(order: OrderRecord): void;
  lifecycle?(market: MarketDef, event: 'created' | 'activated' | 'deactivated' | 'determined' | 'settled', tsMs: number): void;
}

interface DepthSource {
  readonly now: number;
  markets: ReadonlyMap<string, MarketDef>;
  depth(ticker: string): { yes: Array<{ price: number; qty: number }>; no: Array<{ price: number; qty: number }> };
}

type Levels = Map<number, number>;

/**
 * Turns state changes into stream events. Books are published as differences against the last state
 * each subscribed market was published in, so every mutation path (API orders, agents, replays,
 * settlement) produces the same deltas, and a book rebuilt from snapshot + deltas equals a REST fetch.
 */
export class BookPublisher {
  private readonly listeners: VenueListener[] = [];
  private readonly published = new Map<string, { yes: Levels; no: Levels; top: string }>();

  constructor(private readonly venue: DepthSource) {}

  add(l: VenueListener): () => void {
    this.listeners.push(l);
    return () => {
      const i = this.listeners.indexOf(l);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Current levels of a market, and start tracking it for deltas (called when a client subscribes). */
  snapshot(ticker: string): { yes: Array<[number, number]>; no: Array<[number, number]> } {
    const d = this.venue.depth(ticker);
    const yes = new Map(d.yes.map((l) => [l.price, l.qty] as [number, number]));
    const no = new Map(d.no.map((l) => [l.price, l.qty] as [number, number]));
    this.published.set(ticker, { yes, no, top: this.topKey(d) });
    const asc = (m: Levels) => [...m.entries()].sort((a, b) => a[0] - b[0]);
    return { yes: asc(yes), no: asc(no) };
  }

  private topKey(d: { yes: Array<{ price: number; qty: number }>; no: Array<{ price: number; qty: number }> }): string {
    return `${d.yes[0]?.price ?? ''}:${d.yes[0]?.qty ?? ''}:${d.no[0]?.price ?? ''}:${d.no[0]?.qty ?? ''}`;
  }

  books(tickers: Iterable<string>): void {
    if (this.listeners.length === 0) return;
    for (const t of tickers) {
      const prev = this.published.get(t);
      if (!prev) continue;
      const d = this.venue.depth(t);
      const deltas: BookDelta[] = [];
      for (const side of ['yes', 'no'] as const) {
        const now = new Map(d[side].map((l) => [l.price, l.qty] as [number, number]));
        const before = prev[side];
        for (const [price, qty] of now) if (before.get(price) !== qty) deltas.push({ side, price, delta: qty - (before.get(price) ?? 0) });
        for (const [price, qty] of before) if (!now.has(price)) deltas.push({ side, price, delta: -qty });
        prev[side] = now;
      }
      if (deltas.length) for (const l of this.listeners) l.book?.(t, deltas, this.venue.now);
      const top = this.topKey(d);
      if (top !== prev.top) {
        prev.top = top;
        const m = this.venue.markets.get(t);
        if (m) {
          const tob: TopOfBook = {
            yesBid: d.yes[0]?.price,
            yesAsk: d.no[0] ? 100 - d.no[0].price : undefined,
            yesBidSize: d.yes[0]?.qty ?? 0,
            yesAskSize: d.no[0]?.qty ?? 0,
          };
          for (const l of this.listeners) l.ticker?.(m, tob, this.venue.now);
        }
      }
    }
  }

  trade(t: TradeRecord): void {
    for (const l of this.listeners) l.trade?.(t);
  }

  fill(f: FillRecord): void {
    for (const l of this.listeners) l.fill?.(f);
  }

  order(o: OrderRecord): void {
    for (const l of this.listeners) l.order?.(o);
  }

  lifecycle(m: MarketDef, event: 'created' | 'activated' | 'deactivated' | 'determined' | 'settled'): void {
    for (const l of this.listeners) l.lifecycle?.(m, event, this.venue.now);
  }
}

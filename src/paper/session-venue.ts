import type { Clock } from '../core/clock.js';
import type { AmendRequest, OrderRequest } from '../market/orders.js';
import type { Instrument } from '../trading/instrument.js';
import type { BookUpdate, MarketData, MarketResolution } from '../trading/market-data.js';
import type { Fill, VenueOrderEvent } from '../trading/orders.js';
import type { Venue, VenueAccount, VenueListener } from '../trading/venue.js';
import type { SessionLedger } from './ledger.js';

/**
 * Sits between the strategy runner and the real venue (Kalshi orders, or the shadow simulation) and
 * writes everything that crosses it to the session ledger first: requests before they leave, venue
 * answers and market data before the strategy sees them. During a restart's replay the same calls
 * confirm the ledger's records instead (see {@link SessionLedger.write}) and requests are not sent again.
 */
export class SessionVenue implements Venue {
  readonly name: string;
  readonly clock: Clock;
  private listener: VenueListener | undefined;
  /** The last book the strategy was shown per market. */
  readonly lastBook = new Map<string, BookUpdate>();
  readonly resolved = new Set<string>();
  /** Requests seen during a replay that were not answered (the engine reconciles them). */
  readonly replayedRequests: Array<OrderRequest & { readonly clientOrderId: string }> = [];

  constructor(
    private readonly inner: Venue,
    private readonly ledger: SessionLedger,
    /** Orders mode: venue answers are ledger inputs during replay; shadow mode: the simulation regenerates them. */
    private readonly answersAreInputs: boolean,
    private readonly onRequestReplayed?: (order: OrderRequest & { readonly clientOrderId: string }) => void,
    /** Shadow mode: market data and resolutions go into the simulation, which shows the strategy its own book. */
    private readonly simulation?: { onBook(b: BookUpdate): void; onResolution(r: MarketResolution): number },
  ) {
    this.name = inner.name;
    this.clock = inner.clock;
    inner.connect({
      order: (e) => this.venueOrder(e),
      fill: (f) => this.venueFill(f),
      marketData: (d) => this.listener?.marketData(d),
      resolution: (r) => this.listener?.resolution(r),
    });
  }

  get account(): VenueAccount {
    return this.inner.account;
  }

  connect(listener: VenueListener): void {
    this.listener = listener;
  }

  instrument(ticker: string): Instrument {
    return this.inner.instrument(ticker);
  }

  submit(order: OrderRequest & { readonly clientOrderId: string }): void {
    const { fresh } = this.ledger.write('request', { op: 'submit', order });
    if (fresh || !this.answersAreInputs) this.inner.submit(order);
    else {
      this.replayedRequests.push(order);
      this.onRequestReplayed?.(order);
    }
  }

  cancel(clientOrderId: string): void {
    const { fresh } = this.ledger.write('request', { op: 'cancel', clientOrderId });
    if (fresh || !this.answersAreInputs) this.inner.cancel(clientOrderId);
  }

  amend(clientOrderId: string, change: AmendRequest): void {
    const { fresh } = this.ledger.write('request', { op: 'amend', clientOrderId, change });
    if (fresh || !this.answersAreInputs) this.inner.amend(clientOrderId, change);
  }

  // ---- from the venue (or, in a replay of orders mode, from the ledger)

  venueOrder(event: VenueOrderEvent): void {
    this.ledger.write('order', event);
    this.listener?.order(event);
  }

  venueFill(fill: Fill): void {
    this.ledger.write('fill', fill);
    this.listener?.fill(fill);
  }

  /** Market data from the venue's stream: recorded, then shown to the strategy (or to the simulation). */
  deliverData(data: MarketData): void {
    this.ledger.write('data', data);
    if (data.kind === 'book') this.lastBook.set(data.ticker, data);
    if (this.simulation && data.kind === 'book') this.simulation.onBook(data);
    else this.listener?.marketData(data);
  }

  deliverResolution(r: MarketResolution): void {
    this.ledger.write('resolution', r);
    this.resolved.add(r.ticker);
    this.lastBook.delete(r.ticker);
    if (this.simulation) this.simulation.onResolution(r);
    else this.listener?.resolution(r);
  }
}

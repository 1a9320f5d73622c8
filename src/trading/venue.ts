import type { Clock } from '../core/clock.js';
import type { AmendRequest, OrderRequest } from '../market/orders.js';
import type { Instrument } from './instrument.js';
import type { MarketData, MarketResolution } from './market-data.js';
import type { Fill, VenueOrderEvent } from './orders.js';
import type { PositionView } from './strategy.js';

/** What a venue tells the runner; it may call these at any time, also from inside submit/cancel/amend. */
export interface VenueListener {
  order(event: VenueOrderEvent): void;
  fill(fill: Fill): void;
  marketData(data: MarketData): void;
  resolution(resolution: MarketResolution): void;
}

/** The account at the venue, read when the strategy asks. */
export interface VenueAccount {
  readonly cash: number;
  readonly reserved: number;
  readonly feesPaid: number;
  position(ticker: string): PositionView;
  positions(): readonly PositionView[];
}

/**
 * Where orders go: the backtester's simulated exchange, a test venue, or a real one (Kalshi). Requests
 * return nothing: acknowledgements, rejections, fills and cancels come back through the listener, now
 * or later. Orders reach the venue in V2 form (bid/ask at a YES price) with a client order id.
 */
export interface Venue {
  readonly name: string;
  readonly clock: Clock;
  connect(listener: VenueListener): void;
  instrument(ticker: string): Instrument;
  submit(order: OrderRequest & { readonly clientOrderId: string }): void;
  cancel(clientOrderId: string): void;
  amend(clientOrderId: string, change: AmendRequest): void;
  readonly account: VenueAccount;
}

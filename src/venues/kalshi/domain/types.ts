/**
 * Domain types of the Kalshi venue: what the rest of the project reads once a wire payload has been
 * parsed at the edge. Prices are integer ticks of the market's grid (YES price; `unitsPerContract`
 * ticks = $1), counts are whole contracts, money is integer micro-dollars (Kalshi's finest precision
 * is 6 decimals). These map one-to-one onto the venue-neutral trading types (src/trading) when they land.
 */

export type BookSide = 'bid' | 'ask';
export type OutcomeSide = 'yes' | 'no';
export type TimeInForce = 'good_till_canceled' | 'immediate_or_cancel' | 'fill_or_kill';
export type SelfTradePrevention = 'taker_at_cross' | 'maker';
export type OrderStatus = 'resting' | 'canceled' | 'executed';

/** A market's tick structure: price ranges in ticks of `unitsPerContract`. */
export interface PriceGrid {
  readonly structure: string;
  readonly unitsPerContract: number;
  readonly ranges: ReadonlyArray<{ readonly start: number; readonly end: number; readonly step: number }>;
}

export type MarketStatus = 'initialized' | 'inactive' | 'active' | 'closed' | 'determined' | 'disputed' | 'amended' | 'finalized';

export interface VenueMarket {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly title: string;
  readonly yesSubTitle: string;
  readonly status: MarketStatus;
  readonly openTimeMs: number;
  readonly closeTimeMs: number;
  readonly grid: PriceGrid;
  /** Best YES bid / ask in ticks; undefined when that side is empty. */
  readonly yesBid: number | undefined;
  readonly yesAsk: number | undefined;
  readonly lastPrice: number | undefined;
  readonly volume: number;
  readonly openInterest: number;
  readonly result: 'yes' | 'no' | 'scalar' | '';
  readonly settlementValue: number | undefined;
  readonly fractionalTrading: boolean;
}

export interface BookLevel {
  readonly price: number;
  readonly count: number;
}

/** Bids only, as Kalshi shows them: YES bids in YES ticks and NO bids in NO ticks, ascending (best last). */
export interface VenueOrderBook {
  readonly ticker: string;
  readonly yes: readonly BookLevel[];
  readonly no: readonly BookLevel[];
}

export interface VenueTrade {
  readonly tradeId: string;
  readonly ticker: string;
  readonly yesPrice: number;
  readonly count: number;
  readonly takerSide: BookSide;
  readonly timeMs: number;
}

export interface VenueOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly ticker: string;
  readonly side: BookSide;
  readonly yesPrice: number;
  readonly status: OrderStatus;
  readonly initialCount: number;
  readonly filledCount: number;
  readonly remainingCount: number;
  readonly feesMicros: number;
  readonly createdMs: number | undefined;
}

export interface VenueFill {
  readonly fillId: string;
  readonly tradeId: string;
  readonly orderId: string;
  readonly ticker: string;
  readonly side: BookSide;
  readonly yesPrice: number;
  readonly count: number;
  readonly isTaker: boolean;
  readonly feeMicros: number;
  readonly timeMs: number | undefined;
}

export interface VenueBalance {
  readonly balanceCents: number;
  readonly portfolioValueCents: number;
  readonly updatedTs: number;
}

export interface VenuePosition {
  readonly ticker: string;
  /** Signed: + YES contracts, − NO contracts. */
  readonly position: number;
  readonly exposureMicros: number;
  readonly realizedPnlMicros: number;
  readonly feesPaidMicros: number;
  readonly tradedMicros: number;
}

export interface VenueSettlement {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly result: 'yes' | 'no' | 'scalar';
  readonly yesCount: number;
  readonly noCount: number;
  readonly revenueCents: number;
  readonly settledTimeMs: number;
}

/** The acknowledgement of an order write. */
export interface OrderAck {
  readonly orderId: string;
  readonly clientOrderId: string | undefined;
  readonly filledCount: number;
  readonly remainingCount: number;
  readonly tsMs: number;
}

/** A V2 order in domain terms (what the REST client's `createOrder` takes). */
export interface OrderIntent {
  readonly ticker: string;
  readonly side: BookSide;
  /** YES price in ticks of the market's grid. */
  readonly yesPrice: number;
  readonly count: number;
  readonly timeInForce: TimeInForce;
  readonly selfTradePrevention?: SelfTradePrevention;
  readonly postOnly?: boolean;
  readonly reduceOnly?: boolean;
  /** Kalshi de-duplicates creates by this id; the client makes one when absent. */
  readonly clientOrderId?: string;
  readonly expirationTs?: number;
}

import type { Clock } from '../core/clock.js';
import type { AmendRequest } from '../market/orders.js';
import type { Instrument } from './instrument.js';
import type { BookUpdate, MarketData, MarketResolution } from './market-data.js';
import type { Fill, OrderIntent, OrderUpdate, OrderView } from './orders.js';

/** One market's holding, from the venue's accounts. Money in the grid's units (cents on the cent grid). */
export interface PositionView {
  readonly ticker: string;
  /** Signed contracts: + YES held, − NO held. */
  readonly qty: number;
  /** Money paid for the contracts held. */
  readonly costBasis: number;
  /** Realized profit from closing and settlement, before fees. */
  readonly realizedPnl: number;
  readonly feesPaid: number;
}

/** The account a strategy trades from. */
export interface PortfolioView {
  /** Free cash: what new orders can use. */
  readonly cash: number;
  /** Cash locked as collateral and fee headroom for resting orders. */
  readonly reserved: number;
  /** Cash + reserved + every position marked at its market's last mid (cost where no book was seen). */
  readonly equity: number;
  readonly feesPaid: number;
  positions(): readonly PositionView[];
}

/**
 * Everything a strategy can see and do, the same in a backtest, a paper session and a test venue.
 * Orders are acknowledged later: `submitOrder` returns the client order id at once and the order's
 * life arrives through `onOrderUpdate` and `onFill`, never inside the call. Time comes from `clock`.
 */
export interface StrategyContext {
  readonly clock: Clock;
  readonly portfolio: PortfolioView;
  /** Send an order; returns its client order id (the given one, or a new one). */
  submitOrder(order: OrderIntent): string;
  /** Ask to cancel what rests of an order. */
  cancelOrder(clientOrderId: string): void;
  /** Ask to re-price or re-size a resting order; `count` is Kalshi's: contracts filled + desired remaining. */
  amendOrder(clientOrderId: string, change: AmendRequest): void;
  /** Orders not yet finished (pending, resting, partially filled), oldest first; one market's with `ticker`. */
  openOrders(ticker?: string): readonly OrderView[];
  /** Any order this session sent, by client order id. */
  order(clientOrderId: string): OrderView | undefined;
  position(ticker: string): PositionView;
  /** Static facts of a market (grid, fees, event, what YES means). */
  instrument(ticker: string): Instrument;
  /** The last book seen for a market, if any. */
  book(ticker: string): BookUpdate | undefined;
  log(message: string): void;
}

/**
 * A trading strategy, written once for every venue. `C` lets a data source add views (e.g. the NFL
 * schedule and results) to the context; the venue-neutral part is {@link StrategyContext}.
 */
export interface Strategy<C extends StrategyContext = StrategyContext> {
  readonly name: string;
  onStart?(ctx: C): void;
  onMarketData?(data: MarketData, ctx: C): void;
  onOrderUpdate?(update: OrderUpdate, ctx: C): void;
  onFill?(fill: Fill, ctx: C): void;
  onResolution?(resolution: MarketResolution, ctx: C): void;
  onEnd?(ctx: C): void;
}

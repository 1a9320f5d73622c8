export type {
  OrderIntent,
  OrderTags,
  OrderState,
  RejectReason,
  OrderReason,
  OrderView,
  OrderUpdate,
  Fill,
  VenueOrderEvent,
} from './orders.js';
export { isTerminal, rejectReasonOf } from './orders.js';
export {
  bestBid,
  bestAsk,
  midPrice,
  type Level,
  type BookUpdate,
  type TradePrint,
  type MarketResolution,
  type MarketData,
  type MarketEvent,
} from './market-data.js';
export type { Instrument } from './instrument.js';
export type { Strategy, StrategyContext, PortfolioView, PositionView } from './strategy.js';
export type { Venue, VenueListener, VenueAccount } from './venue.js';
export { OrderTracker, type NewOrder } from './order-tracker.js';
export { RiskManager, type RiskLimits } from './risk.js';
export { orderReserve, affordableCount } from './sizing.js';
export { AccountPortfolio } from './portfolio.js';
export { StrategyRunner, type RunnerOptions } from './runner.js';

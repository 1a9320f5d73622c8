export * from './models/index.js';
export { QuoteFills, BookFills, UNLIMITED_DEPTH, type FillModel, type Quote, type FeedEvent, type QueuePosition } from './fill-models.js';
export { SimulatedVenue, type SimulatedVenueOptions } from './simulated-venue.js';
export { Scheduler } from './scheduler.js';
export { BetBook, type MarketBet } from './bets.js';
export { runBacktest, type BacktestOptions, type BacktestRun, type EquitySample } from './engine.js';
export {
  nflFeed,
  nflDetails,
  marketTicker,
  settlementValue,
  quoteFromProbability,
  GAME_WALL_MS,
  RESOLUTION_DELAY_MS,
  LINES_KNOWN_BEFORE_KICKOFF_MS,
  type NflFeed,
  type NflFeedOptions,
  type NflContractDetails,
} from './nfl-feed.js';
export { nflContext, gameInfo, type NflContext, type NflView, type GameInfo, type GameResult } from './nfl-context.js';
export { EdgeStrategy, eloSource, spreadSource, DEFAULT_EDGE, type EdgeParams, type ProbabilityModel } from './strategies/edge.js';
export { performance, forecastQuality, type PerformanceMetrics, type ForecastQuality } from './metrics.js';
export { compareForecasts, type ForecastComparison } from './forecast.js';
export {
  backtestNfl,
  runNfl,
  nflResult,
  makeStrategy,
  STRATEGIES,
  type NflBacktestConfig,
  type NflRiskLimits,
  type NflRunOptions,
  type StrategyName,
  type Bet,
  type EquityPoint,
  type BacktestResult,
} from './nfl.js';
export { walkForward, parameterGrid, type WalkForwardFold } from './walk-forward.js';
export { tearSheet, metricRows } from './tear-sheet.js';

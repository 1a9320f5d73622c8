// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
import type { Clock } from '../../../src/core/clock.js';
import type { MarketData, Resolution } from './events.js';

/** An order a strategy sends, in Kalshi's vocabulary. Prices are cents of the chosen side. */
export interface StrategyOrder {
  readonly market: string;
  readonly side: 'yes' | 'no';
  readonly action: 'buy' | 'sell';
  readonly count: number;
  /** Worst acceptable price of the chosen side (cents); default: whatever the venue quotes. */
  readonly limitPrice?: number;
  /** Free text kept with the bet (e.g. the model probability behind it). */
  readonly note?: string;
  /** The strategy's probability that this side wins, kept for forecast and CLV statistics. */
  readonly modelProbability?: number;
}

export interface OrderAck {
  readonly accepted: boolean;
  readonly filled: number;
  /** Average fill price of the chosen side (cents). */
  readonly avgPrice: number;
  readonly fees: number;
  /** Why nothing (or less) was filled: risk limit, no liquidity, limit price, halted … */
  readonly reason?: string;
}

export interface Fill {
  readonly time: number;
  readonly market: string;
  readonly side: 'yes' | 'no';
  readonly action: 'buy' | 'sell';
  readonly count: number;
  readonly price: number;
  readonly fees: number;
}

/** Public facts about a game: known from the schedule, before it is played (no scores). */
export interface GameInfo {
  readonly gameId: string;
  readonly season: number;
  readonly week: number;
  readonly gameType: string;
  readonly kickoff: number;
  readonly homeTeam: string;
  readonly awayTeam: string;
  readonly homeFranchise: string;
  readonly awayFranchise: string;
  readonly neutral: boolean;
}

/** A finished game as the strategy may see it once it has resolved. */
export interface GameResult extends GameInfo {
  readonly homeScore: number;
  readonly awayScore: number;
  readonly result: number;
  readonly spreadLine: number | undefined;
}

interface PortfolioView {
  readonly cash: number;
  /** Cash plus open positions marked at their last mid (cents). */
  readonly equity: number;
  /** Signed contracts in a market (+ YES, − NO). */
  position(market: string): number;
}

/**
 * Everything a strategy can see and do. Venue-neutral: the backtester and paper trading each provide
 * one. Time comes from `clock`; nothing stamped after `clock.now()` is reachable (asking for a game's
 * result or closing line before it is known throws a LookAheadError).
 */
export interface StrategyContext {
  readonly clock: Clock;
  readonly portfolio: PortfolioView;
  /** The latest quote of a market, if one has been published by now. */
  quote(market: string): MarketData | undefined;
  /** Schedule facts of a game (teams, kickoff): public in advance. */
  game(gameId: string): GameInfo;
  /** The closing lines of a game; known from its kickoff quote on. */
  lines(gameId: string): { spreadLine: number | undefined; homeMoneyline: number | undefined; awayMoneyline: number | undefined };
  /** Games resolved before now, oldest first (the strategy's history). */
  history(): readonly GameResult[];
  placeOrder(order: StrategyOrder): OrderAck;
  log(message: string): void;
}

/**
 * A trading strategy. The same object runs in the backtester and in paper trading: it reacts to market
 * data, fills and resolutions through the context and never reads the wall clock.
 */
export interface Strategy {
  readonly name: string;
  onStart?(ctx: StrategyContext): void;
  onMarketData(data: MarketData, ctx: StrategyContext): void;
  onFill?(fill: Fill, ctx: StrategyContext): void;
  onResolution?(resolution: Resolution, ctx: StrategyContext): void;
  onEnd?(ctx: StrategyContext): void;
}

import { ValidationError } from '../core/errors.js';
import type { Game } from '../data/nfl/games.js';
import type { WinProbabilitySeries } from '../data/nfl/pbp.js';
import type { Fill, OrderView } from '../trading/orders.js';
import type { Strategy } from '../trading/strategy.js';
import { runBacktest, type BacktestRun } from './engine.js';
import { BookFills, QuoteFills, type QueuePosition } from './fill-models.js';
import { performance, type PerformanceMetrics } from './metrics.js';
import type { DevigMethod } from './models/odds.js';
import { nflContext, type NflContext } from './nfl-context.js';
import { nflDetails, nflFeed, type NflFeed } from './nfl-feed.js';
import { EdgeStrategy, eloSource, spreadSource } from './strategies/edge.js';

export const STRATEGIES = ['elo-edge', 'spread-edge'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** Risk limits of an NFL backtest, in cents or fractions of the trader's own equity. */
export interface NflRiskLimits {
  /** Most money staked on one game (cents). */
  readonly maxStakePerGame?: number;
  /** Most money staked in one season-week (cents). */
  readonly maxExposurePerWeek?: number;
  /** Stop opening positions once equity falls this far below its peak (0.3 = 30%). */
  readonly drawdownHalt?: number;
}

export interface NflBacktestConfig {
  readonly seasons: readonly [number, number];
  readonly strategy: StrategyName;
  readonly edge?: number;
  readonly kelly?: number;
  readonly minPrice?: number;
  readonly maxPrice?: number;
  readonly inGame?: boolean;
  /** `quote`: fills at the quote (closing-line data); `book`: through a synthetic order book. */
  readonly execution?: 'quote' | 'book';
  readonly slippageTicks?: number;
  /** Book execution: where resting orders stand behind (or ahead of) the displayed size. */
  readonly queue?: QueuePosition;
  /** Delay before orders reach the exchange, in ms. */
  readonly latencyMs?: number;
  readonly halfSpread?: number;
  readonly devig?: DevigMethod;
  readonly risk?: NflRiskLimits;
  readonly startingCash?: number;
}

/** One position on one team contract, from first fill to settlement. Money in cents. */
export interface Bet {
  readonly gameId: string;
  readonly season: number;
  readonly week: number;
  readonly market: string;
  readonly team: string;
  /** 'yes' (backs the team) or 'no' (against it): the side of the first fill. */
  readonly side: 'yes' | 'no';
  readonly contracts: number;
  /** Average entry price of that side (cents). */
  readonly avgPrice: number;
  readonly fees: number;
  /** Money paid for entries (cents). */
  readonly cost: number;
  readonly payout: number;
  readonly pnl: number;
  readonly won: boolean;
  readonly entryTime: number;
  readonly modelProbability: number | undefined;
  /** Last pregame (closing) mid of the side, for closing-line value (cents). */
  readonly closingPrice: number | undefined;
  /** When that closing quote was published. */
  readonly closingTime: number | undefined;
  readonly entryPhase: 'pregame' | 'ingame';
}

export interface EquityPoint {
  readonly time: number;
  readonly season: number;
  readonly week: number;
  readonly equity: number;
}

/** An NFL backtest: the engine's run with bets and equity in NFL terms (game, team, season, week). */
export interface BacktestResult {
  readonly strategy: string;
  readonly execution: string;
  readonly startingCash: number;
  readonly finalEquity: number;
  readonly bets: readonly Bet[];
  /** Equity after each game resolved. */
  readonly equity: readonly EquityPoint[];
  readonly fills: readonly Fill[];
  readonly orders: readonly OrderView[];
  readonly rejections: Readonly<Record<string, number>>;
  readonly events: number;
  readonly halted: boolean;
}

export function makeStrategy(config: NflBacktestConfig): Strategy<NflContext> {
  const params = { edge: config.edge, kelly: config.kelly, minPrice: config.minPrice, maxPrice: config.maxPrice, inGame: config.inGame };
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  if (config.strategy === 'elo-edge') return new EdgeStrategy(eloSource(), clean);
  if (config.strategy === 'spread-edge') return new EdgeStrategy(spreadSource(), clean);
  throw new ValidationError(`unknown strategy ${JSON.stringify(config.strategy)}; choose one of ${STRATEGIES.join(', ')}`);
}

export interface NflRunOptions {
  /** Every game the strategy may know about (schedule, and results once resolved). */
  readonly games: readonly Game[];
  readonly feed: NflFeed;
  readonly strategy: Strategy<NflContext>;
  readonly execution?: 'quote' | 'book';
  readonly slippageTicks?: number;
  readonly queue?: QueuePosition;
  readonly latencyMs?: number;
  readonly risk?: NflRiskLimits;
  readonly startingCash?: number;
  readonly log?: (message: string) => void;
}

/** Run any NFL strategy on a feed, and report in NFL terms. */
export function runNfl(options: NflRunOptions): BacktestResult {
  const fills =
    options.execution === 'book' ? new BookFills({ queue: options.queue }) : new QuoteFills({ slippageTicks: options.slippageTicks });
  const risk = options.risk ?? {};
  const run = runBacktest<NflContext>({
    instruments: options.feed.instrument,
    events: options.feed.events,
    strategy: options.strategy,
    fills,
    latencyMs: options.latencyMs,
    risk: { maxStakePerEvent: risk.maxStakePerGame, maxStakePerPeriod: risk.maxExposurePerWeek, drawdownHalt: risk.drawdownHalt },
    startingCash: options.startingCash,
    extend: nflContext(options.games),
    log: options.log,
  });
  return nflResult(run, options.feed);
}

/** The engine's run in NFL terms: bets per team contract, one equity point per game. */
export function nflResult(run: BacktestRun, feed: NflFeed): BacktestResult {
  const bets: Bet[] = run.bets.map((b) => {
    const d = nflDetails(feed.instrument(b.ticker));
    const close = feed.closing.get(b.ticker);
    const closeMid = close ? (close.bid + close.ask) / 2 : undefined;
    const p = b.tags?.modelProbability;
    return {
      gameId: d.gameId,
      season: d.season,
      week: d.week,
      market: b.ticker,
      team: d.team,
      side: b.side,
      contracts: b.contracts,
      avgPrice: b.avgPrice,
      fees: b.fees,
      cost: b.cost,
      payout: b.payout,
      pnl: b.pnl,
      won: b.won,
      entryTime: b.entryTime,
      modelProbability: typeof p === 'number' ? p : undefined,
      closingPrice: closeMid === undefined ? undefined : b.side === 'yes' ? closeMid : 100 - closeMid,
      closingTime: close?.time,
      entryPhase: b.entryTime >= d.kickoff ? 'ingame' : 'pregame',
    };
  });
  // both contracts of a game resolve together: keep the equity after the last of them
  const equity: EquityPoint[] = [];
  const seen = new Map<string, number>();
  for (const s of run.equity) {
    const d = nflDetails(feed.instrument(s.ticker));
    const point = { time: s.time, season: d.season, week: d.week, equity: s.equity };
    const i = seen.get(d.gameId);
    if (i === undefined) seen.set(d.gameId, equity.push(point) - 1);
    else equity[i] = point;
  }
  return {
    strategy: run.strategy,
    execution: run.execution,
    startingCash: run.startingCash,
    finalEquity: run.finalEquity,
    bets,
    equity,
    fills: run.fills,
    orders: run.orders,
    rejections: run.rejections,
    events: run.events,
    halted: run.halted,
  };
}

/**
 * Backtest one strategy configuration on NFL seasons [from, to]. Every game in the data is passed to the
 * strategy as schedule/history (so Elo can learn from seasons before `from`), but only the selected
 * seasons produce market data and bets.
 */
export function backtestNfl(
  games: readonly Game[],
  config: NflBacktestConfig,
  inGame: readonly WinProbabilitySeries[] = [],
): { result: BacktestResult; metrics: PerformanceMetrics; games: number } {
  const [from, to] = config.seasons;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from <= to))
    throw new ValidationError(`seasons must be a range FROM-TO with FROM ≤ TO, got ${from}-${to}`);
  const selected = games.filter((g) => g.season >= from && g.season <= to);
  if (selected.length === 0)
    throw new ValidationError(
      `no games in seasons ${from}-${to}; the data cover ${games[0]?.season ?? '?'}-${games.at(-1)?.season ?? '?'}`,
    );
  const feed = cachedFeed(games, selected, config, config.inGame ? inGame : []);
  const result = runNfl({
    games,
    feed,
    strategy: makeStrategy(config),
    execution: config.execution,
    slippageTicks: config.slippageTicks,
    queue: config.queue,
    latencyMs: config.latencyMs,
    risk: config.risk,
    startingCash: config.startingCash,
  });
  return { result, metrics: performance(result), games: selected.length };
}

/** Feeds are pure functions of the games and the quoting options: parameter grids reuse them. */
const feeds = new WeakMap<readonly Game[], Map<string, NflFeed>>();

function cachedFeed(
  games: readonly Game[],
  selected: readonly Game[],
  config: NflBacktestConfig,
  inGame: readonly WinProbabilitySeries[],
): NflFeed {
  let byKey = feeds.get(games);
  if (byKey === undefined) feeds.set(games, (byKey = new Map<string, NflFeed>()));
  const key = JSON.stringify([config.seasons, config.halfSpread, config.devig, inGame.length, inGame[0]?.gameId, inGame.at(-1)?.gameId]);
  let feed = byKey.get(key);
  if (feed === undefined) {
    feed = nflFeed(selected, { halfSpread: config.halfSpread, devig: config.devig, inGame });
    if (byKey.size > 64) byKey.clear();
    byKey.set(key, feed);
  }
  return feed;
}

import { ValidationError } from '../core/errors.js';
import type { Game } from '../data/nfl/games.js';
import type { WinProbabilitySeries } from '../data/nfl/pbp.js';
import { runBacktest, type BacktestResult } from './engine.js';
import { BookExecution, QuoteExecution } from './execution.js';
import { nflEvents } from './market-data.js';
import { performance, type PerformanceMetrics } from './metrics.js';
import type { DevigMethod } from './models/odds.js';
import type { RiskLimits } from './risk.js';
import { EdgeStrategy, eloSource, spreadSource } from './strategies/edge.js';
import type { Strategy } from './strategy.js';

export const STRATEGIES = ['elo-edge', 'spread-edge'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export interface NflBacktestConfig {
  readonly seasons: readonly [number, number];
  readonly strategy: StrategyName;
  readonly edge?: number;
  readonly kelly?: number;
  readonly minPrice?: number;
  readonly maxPrice?: number;
  readonly inGame?: boolean;
  readonly execution?: 'quote' | 'book';
  readonly slippageTicks?: number;
  readonly halfSpread?: number;
  readonly devig?: DevigMethod;
  readonly risk?: RiskLimits;
  readonly startingCash?: number;
}

export function makeStrategy(config: NflBacktestConfig): Strategy {
  const params = { edge: config.edge, kelly: config.kelly, minPrice: config.minPrice, maxPrice: config.maxPrice, inGame: config.inGame };
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  if (config.strategy === 'elo-edge') return new EdgeStrategy(eloSource(), clean);
  if (config.strategy === 'spread-edge') return new EdgeStrategy(spreadSource(), clean);
  throw new ValidationError(`unknown strategy ${JSON.stringify(config.strategy)}; choose one of ${STRATEGIES.join(', ')}`);
}

/**
 * Backtest one strategy configuration on NFL seasons [from, to]. Every game in the data is passed to the
 * engine as schedule/history (so Elo can learn from seasons before `from`), but only the selected
 * seasons produce market data and bets.
 */
export function backtestNfl(games: readonly Game[], config: NflBacktestConfig, inGame: readonly WinProbabilitySeries[] = []): { result: BacktestResult; metrics: PerformanceMetrics; games: number } {
  const [from, to] = config.seasons;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from <= to)) throw new ValidationError(`seasons must be a range FROM-TO with FROM ≤ TO, got ${from}-${to}`);
  const selected = games.filter((g) => g.season >= from && g.season <= to);
  if (selected.length === 0) throw new ValidationError(`no games in seasons ${from}-${to}; the data cover ${games[0]?.season ?? '?'}-${games.at(-1)?.season ?? '?'}`);
  const events = nflEvents(selected, { halfSpread: config.halfSpread, devig: config.devig, inGame: config.inGame ? inGame : [] });
  const execution = config.execution === 'book' ? new BookExecution() : new QuoteExecution({ slippageTicks: config.slippageTicks });
  const result = runBacktest({ games, events, strategy: makeStrategy(config), execution, risk: config.risk, startingCash: config.startingCash });
  return { result, metrics: performance(result), games: selected.length };
}

// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
import type { Game } from '../../../src/data/nfl/games.js';
import { runBacktest, type BacktestResult } from './engine.js';
import type { BacktestEvent } from './events.js';
import { QuoteExecution } from './execution.js';
import { nflEvents } from './market-data.js';
import { EdgeStrategy, eloSource } from './edge.js';

/** The old event stream of the games of some seasons (built once, outside the timed replay). */
export function legacyEvents(games: readonly Game[], seasons: readonly [number, number]): BacktestEvent[] {
  return nflEvents(games.filter((g) => g.season >= seasons[0] && g.season <= seasons[1]));
}

/** The old engine running the Elo-edge strategy with quote execution (the benchmark's workload). */
export function legacyEloBacktest(games: readonly Game[], events: readonly BacktestEvent[]): BacktestResult {
  return runBacktest({ games, events, strategy: new EdgeStrategy(eloSource()), execution: new QuoteExecution() });
}

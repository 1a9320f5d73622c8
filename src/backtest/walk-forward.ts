import type { Game } from '../data/nfl/games.js';
import type { PerformanceMetrics } from './metrics.js';
import { backtestNfl, type NflBacktestConfig } from './nfl.js';

export interface WalkForwardFold {
  readonly testSeason: number;
  readonly trainSeasons: readonly [number, number];
  readonly metrics: PerformanceMetrics;
}

/**
 * Walk-forward evaluation: for each test season S in [from, to], train on the seasons before S and test
 * on S alone. The strategies learn only from history the engine reveals (Elo from earlier results; the
 * spread scale refitted on seasons < S), so each fold is out of sample.
 */
export function walkForward(
  games: readonly Game[],
  config: Omit<NflBacktestConfig, 'seasons'>,
  seasons: readonly [number, number],
): WalkForwardFold[] {
  const first = games[0]?.season ?? seasons[0];
  const folds: WalkForwardFold[] = [];
  for (let s = seasons[0]; s <= seasons[1]; s++) {
    const { metrics } = backtestNfl(games, { ...config, seasons: [s, s] });
    folds.push({ testSeason: s, trainSeasons: [first, s - 1], metrics });
  }
  return folds;
}

/** Every combination of the given parameter values (a full-factorial grid). */
export function parameterGrid<T extends Record<string, readonly unknown[]>>(axes: T): Array<{ [K in keyof T]: T[K][number] }> {
  let out: Array<Record<string, unknown>> = [{}];
  for (const [k, values] of Object.entries(axes)) out = out.flatMap((o) => values.map((v) => ({ ...o, [k]: v })));
  return out as Array<{ [K in keyof T]: T[K][number] }>;
}

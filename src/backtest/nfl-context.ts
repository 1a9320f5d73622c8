import { LookAheadError, OmegaError } from '../core/errors.js';
import type { Game } from '../data/nfl/games.js';
import type { StrategyContext } from '../trading/strategy.js';
import { LINES_KNOWN_BEFORE_KICKOFF_MS, nflDetails, RESOLUTION_DELAY_MS, type NflContractDetails } from './nfl-feed.js';

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

/**
 * What an NFL strategy may know besides market data, revealed by the clock: the schedule (any time),
 * a game's closing lines (from its pregame quote, 5 minutes before kickoff) and results (from the
 * game's resolution, 3.5 h after kickoff). Asking earlier throws a {@link LookAheadError}.
 */
export interface NflView {
  game(gameId: string): GameInfo;
  lines(gameId: string): { spreadLine: number | undefined; homeMoneyline: number | undefined; awayMoneyline: number | undefined };
  /** Games resolved by now, oldest first (the strategy's history). */
  history(): readonly GameResult[];
  /** The game, team and side of a team contract. */
  contract(ticker: string): NflContractDetails;
}

export type NflContext = StrategyContext & NflView;

/** Resolved games in time order with their public results, computed once per games array (grids reuse it). */
const historyCache = new WeakMap<readonly Game[], { order: Game[]; results: GameResult[]; byId: Map<string, Game> }>();

function historyOf(games: readonly Game[]) {
  let h = historyCache.get(games);
  if (!h) {
    const order = games.filter((g) => g.result !== undefined).sort((a, b) => a.kickoffMs - b.kickoffMs);
    h = {
      order,
      results: order.map((g) => ({
        ...gameInfo(g),
        homeScore: g.homeScore!,
        awayScore: g.awayScore!,
        result: g.result!,
        spreadLine: g.spreadLine,
      })),
      byId: new Map(games.map((g) => [g.gameId, g])),
    };
    historyCache.set(games, h);
  }
  return h;
}

export const gameInfo = (g: Game): GameInfo => ({
  gameId: g.gameId,
  season: g.season,
  week: g.week,
  gameType: g.gameType,
  kickoff: g.kickoffMs,
  homeTeam: g.homeTeam,
  awayTeam: g.awayTeam,
  homeFranchise: g.homeFranchise,
  awayFranchise: g.awayFranchise,
  neutral: g.neutral,
});

/** Add the NFL view of `games` (every game the strategy may know of, traded or not) to a context. */
export function nflContext(games: readonly Game[]): (ctx: StrategyContext) => NflContext {
  const cached = historyOf(games);
  return (ctx) => {
    const history: GameResult[] = [];
    let cursor = 0;
    const find = (gameId: string): Game => {
      const g = cached.byId.get(gameId);
      if (!g) throw new OmegaError('UNKNOWN_GAME', `unknown game ${gameId}`, { gameId });
      return g;
    };
    const view: NflView = {
      game: (gameId) => gameInfo(find(gameId)),
      lines: (gameId) => {
        const g = find(gameId);
        const knownAt = g.kickoffMs - LINES_KNOWN_BEFORE_KICKOFF_MS;
        const now = ctx.clock.now();
        if (now < knownAt)
          throw new LookAheadError(
            `the closing lines of ${gameId} are known from ${new Date(knownAt).toISOString()}, but it is ${new Date(now).toISOString()}`,
            { gameId },
          );
        return { spreadLine: g.spreadLine, homeMoneyline: g.homeMoneyline, awayMoneyline: g.awayMoneyline };
      },
      history: () => {
        const now = ctx.clock.now();
        while (cursor < cached.order.length && cached.order[cursor]!.kickoffMs + RESOLUTION_DELAY_MS <= now)
          history.push(cached.results[cursor++]!);
        return history;
      },
      contract: (ticker) => nflDetails(ctx.instrument(ticker)),
    };
    return { ...ctx, ...view };
  };
}

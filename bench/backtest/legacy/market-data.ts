// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
import type { Game } from '../../../src/data/nfl/games.js';
import { winner } from '../../../src/data/nfl/games.js';
import type { WinProbabilitySeries } from '../../../src/data/nfl/pbp.js';
import { marketTicker, type BacktestEvent, type MarketData } from './events.js';
import { moneylineHomeProbability, type DevigMethod } from '../../../src/backtest/models/odds.js';

export interface MarketDataOptions {
  /** Half-spread (cents) of the synthetic quote around the de-vigged probability (default 0.5 → a 1–2¢ spread). */
  readonly halfSpread?: number;
  readonly devig?: DevigMethod;
  /** In-game win-probability series to turn into quotes (play-by-play, where present). */
  readonly inGame?: readonly WinProbabilitySeries[];
  /** Minutes before kickoff at which the closing line is quoted (default 5). */
  readonly quoteLeadMinutes?: number;
}

const HOUR = 3_600_000;
/** A game lasts about 3 h of wall time; it resolves 3.5 h after kickoff. */
const GAME_WALL_MS = 3 * HOUR;
export const RESOLUTION_DELAY_MS = 3.5 * HOUR;

function quoteFromProbability(p: number, halfSpread: number): { bid: number; ask: number } {
  const mid = 100 * p;
  const bid = Math.max(1, Math.min(98, Math.floor(mid - halfSpread + 1e-9)));
  const ask = Math.max(bid + 1, Math.min(99, Math.ceil(mid + halfSpread - 1e-9)));
  return { bid, ask };
}

/**
 * The event stream of a set of games: for each game with both moneylines, a YES quote on each team's
 * contract just before kickoff, from the de-vigged closing moneyline (proportional by default) ± a
 * half-spread; optional in-game quotes from play-by-play win probabilities (spread-adjusted where the
 * file has them), spaced over the ~3 h of the game; and a resolution 3.5 h after kickoff. Games without
 * a score are left out (nothing to settle). Sorted by time; at equal times quotes come first.
 */
export function nflEvents(games: readonly Game[], options: MarketDataOptions = {}): BacktestEvent[] {
  const half = options.halfSpread ?? 0.5;
  const lead = (options.quoteLeadMinutes ?? 5) * 60_000;
  const inGame = new Map((options.inGame ?? []).map((s) => [s.gameId, s]));
  const events: BacktestEvent[] = [];
  for (const g of games) {
    const w = winner(g);
    if (w === undefined) continue;
    const quote = (time: number, pHome: number, phase: MarketData['phase']) => {
      const home = quoteFromProbability(pHome, half);
      const away = quoteFromProbability(1 - pHome, half);
      events.push({
        kind: 'quote',
        time,
        market: marketTicker(g.gameId, g.homeTeam),
        gameId: g.gameId,
        team: g.homeTeam,
        isHome: true,
        ...home,
        phase,
      });
      events.push({
        kind: 'quote',
        time,
        market: marketTicker(g.gameId, g.awayTeam),
        gameId: g.gameId,
        team: g.awayTeam,
        isHome: false,
        ...away,
        phase,
      });
    };
    if (g.homeMoneyline !== undefined && g.awayMoneyline !== undefined) {
      quote(g.kickoffMs - lead, moneylineHomeProbability(g.homeMoneyline, g.awayMoneyline, options.devig), 'pregame');
      const series = inGame.get(g.gameId);
      if (series && series.points.length > 0) {
        const n = series.points.length;
        series.points.forEach((pt, i) => quote(g.kickoffMs + Math.round((i / n) * GAME_WALL_MS), pt.vegasHomeWp ?? pt.homeWp, 'ingame'));
      }
    }
    events.push({
      kind: 'resolution',
      time: g.kickoffMs + RESOLUTION_DELAY_MS,
      gameId: g.gameId,
      winner: w,
      homeTeam: g.homeTeam,
      awayTeam: g.awayTeam,
      homeScore: g.homeScore!,
      awayScore: g.awayScore!,
    });
  }
  events.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'quote' ? -1 : 1));
  return events;
}

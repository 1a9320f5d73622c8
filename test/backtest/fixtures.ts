import type { Game } from '../../src/data/index.js';

/**
 * A synthetic game (no real data): kickoff on `day` of 2030 at 18:00 UTC. Its id comes from its own fields
 * (no counter shared across tests, so ids and tie-breaks never depend on which tests ran before); pass
 * `gameId` when one test needs several games with the same teams and day.
 */
export function game(
  p: Partial<Game> & { home: string; away: string; day: number; result?: number; season?: number; week?: number; hour?: number },
): Game {
  const season = p.season ?? 2030;
  const week = p.week ?? 1;
  return {
    gameId: p.gameId ?? `${season}_${String(week).padStart(2, '0')}_${p.away}_${p.home}_${String(p.day).padStart(2, '0')}`,
    season,
    gameType: 'REG',
    week,
    gameday: `${season}-09-${String(p.day).padStart(2, '0')}`,
    kickoffMs: p.kickoffMs ?? Date.UTC(season, 8, p.day, p.hour ?? 18),
    awayTeam: p.away,
    homeTeam: p.home,
    awayFranchise: p.away,
    homeFranchise: p.home,
    neutral: p.neutral ?? false,
    oldGameId: undefined,
    awayScore: p.result === undefined ? undefined : p.result < 0 ? 20 : 20 - p.result,
    homeScore: p.result === undefined ? undefined : p.result < 0 ? 20 + p.result : 20,
    result: p.result,
    spreadLine: p.spreadLine ?? 3,
    totalLine: 44,
    homeMoneyline: p.homeMoneyline ?? -150,
    awayMoneyline: p.awayMoneyline ?? 130,
  };
}

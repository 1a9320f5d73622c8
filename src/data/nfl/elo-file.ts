import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readCsv } from '../csv.js';
import { readText } from '../read-text.js';
import { calendarDate, parseRows, requiredNumber, requiredString, type OnInvalid, type RowIssue } from '../row-validation.js';
import type { Game } from './games.js';
import { loadCrosswalk } from './teams.js';

export const EloRowSchema = z.object({
  date: calendarDate,
  season: requiredNumber,
  neutral: requiredNumber,
  team1: requiredString,
  team2: requiredString,
  elo1: requiredNumber,
  elo2: requiredNumber,
  elo_prob1: requiredNumber,
});

/** FiveThirtyEight's pre-game Elo forecast of one game (team1 = home in 538's coding). */
export interface FiveThirtyEightElo {
  readonly date: string;
  readonly season: number;
  readonly team1: string;
  readonly team2: string;
  readonly elo1: number;
  readonly elo2: number;
  readonly probTeam1: number;
}

/** Load `elo/fivethirtyeight_nfl_games_elo_1920_2020.csv`, team codes mapped to nflverse franchises. */
export function loadFiveThirtyEightElo(dataDir: string, options: { onInvalid?: OnInvalid; fromSeason?: number } = {}): { rows: FiveThirtyEightElo[]; skipped: RowIssue[]; file: string } | undefined {
  const file = path.join(dataDir, 'nfl', 'elo', 'fivethirtyeight_nfl_games_elo_1920_2020.csv');
  if (!existsSync(file)) return undefined;
  const xw = loadCrosswalk(dataDir);
  const { rows, skipped } = parseRows(readCsv(file, readText(file)), EloRowSchema, options.onInvalid);
  const from = options.fromSeason ?? 1999;
  return {
    file,
    skipped,
    rows: rows
      .filter((r) => r.season >= from)
      .map((r) => ({ date: r.date, season: r.season, team1: xw.fromFiveThirtyEight(r.team1), team2: xw.fromFiveThirtyEight(r.team2), elo1: r.elo1, elo2: r.elo2, probTeam1: r.elo_prob1 })),
  };
}

/**
 * 538's home-win probability per game id, matched on date and the pair of franchises (538's team1 is
 * not always nflverse's home team: then the probability is flipped).
 */
export function fiveThirtyEightHomeProbabilities(games: readonly Game[], elo: readonly FiveThirtyEightElo[]): Map<string, number> {
  const byKey = new Map<string, FiveThirtyEightElo>();
  for (const e of elo) byKey.set(`${e.date}|${[e.team1, e.team2].sort().join('|')}`, e);
  const out = new Map<string, number>();
  for (const g of games) {
    const e = byKey.get(`${g.gameday}|${[g.homeFranchise, g.awayFranchise].sort().join('|')}`);
    if (!e) continue;
    out.set(g.gameId, e.team1 === g.homeFranchise ? e.probTeam1 : 1 - e.probTeam1);
  }
  return out;
}

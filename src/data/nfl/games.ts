import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { readCsv } from '../csv.js';
import { ensureDownloadedGames, gamesFile, resolveDataDir, type DataDirOptions } from '../data-dir.js';
import { readText } from '../read-text.js';
import { optionalNumber, parseRows, requiredNumber, requiredString, type OnInvalid, type RowIssue } from '../row-validation.js';
import { loadCrosswalk } from './teams.js';
import { toFrame } from '../../report/frame.js';
import type { DataFrame } from 'danfojs-node';

/** One row of nflverse's games table as it is on disk (the columns a backtest uses). */
export const GameRowSchema = z.object({
  game_id: requiredString,
  season: requiredNumber,
  game_type: z.enum(['REG', 'WC', 'DIV', 'CON', 'SB'], { error: 'must be REG, WC, DIV, CON or SB' }),
  week: requiredNumber,
  gameday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' }),
  gametime: z.string().optional(),
  away_team: requiredString,
  home_team: requiredString,
  away_score: optionalNumber,
  home_score: optionalNumber,
  location: z.enum(['Home', 'Neutral'], { error: 'must be Home or Neutral' }),
  result: optionalNumber,
  old_game_id: z.string().optional(),
  away_moneyline: optionalNumber,
  home_moneyline: optionalNumber,
  spread_line: optionalNumber,
  total_line: optionalNumber,
  div_game: optionalNumber,
});

/** A game as the backtester sees it. Teams keep their season code; `*Franchise` is normalised across relocations. */
export interface Game {
  readonly gameId: string;
  readonly season: number;
  readonly gameType: 'REG' | 'WC' | 'DIV' | 'CON' | 'SB';
  readonly week: number;
  readonly gameday: string;
  /** Kickoff in UTC ms (gametime is US Eastern; 13:00 when missing, as in 1999). */
  readonly kickoffMs: number;
  readonly awayTeam: string;
  readonly homeTeam: string;
  readonly awayFranchise: string;
  readonly homeFranchise: string;
  readonly neutral: boolean;
  readonly oldGameId: string | undefined;
  /** Final scores; undefined for games not played yet. */
  readonly awayScore: number | undefined;
  readonly homeScore: number | undefined;
  /** home − away. */
  readonly result: number | undefined;
  /** Points by which the home team is favoured (nflverse convention). */
  readonly spreadLine: number | undefined;
  readonly totalLine: number | undefined;
  readonly homeMoneyline: number | undefined;
  readonly awayMoneyline: number | undefined;
}

/** 'home' | 'away' | 'tie', or undefined when the game has no score yet. */
export function winner(g: Game): 'home' | 'away' | 'tie' | undefined {
  if (g.result === undefined) return undefined;
  return g.result > 0 ? 'home' : g.result < 0 ? 'away' : 'tie';
}

const etOffsetCache = new Map<string, number>();

/** Minutes east of UTC of US Eastern time on a date (−240 or −300), from the runtime's time-zone data. */
function easternOffsetMinutes(date: string): number {
  let m = etOffsetCache.get(date);
  if (m === undefined) {
    const label = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' }).format(new Date(`${date}T17:00:00Z`));
    const hours = Number(/GMT([+-]\d+)/.exec(label)?.[1] ?? '-5');
    m = hours * 60;
    etOffsetCache.set(date, m);
  }
  return m;
}

export function kickoffUtcMs(gameday: string, gametime: string | undefined): number {
  const [h, min] = (gametime && /^\d{1,2}:\d{2}$/.test(gametime) ? gametime : '13:00').split(':').map(Number) as [number, number];
  const local = Date.parse(`${gameday}T00:00:00Z`) + (h * 60 + min) * 60_000;
  return local - easternOffsetMinutes(gameday) * 60_000;
}

export interface LoadOptions extends DataDirOptions {
  readonly onInvalid?: OnInvalid;
  readonly log?: (message: string) => void;
}

export interface LoadedGames {
  readonly games: Game[];
  readonly skipped: RowIssue[];
  readonly file: string;
  readonly dataDir: string;
  readonly source: string;
}

/** Parse a games CSV (text already read) into typed games. */
export function parseGames(file: string, text: string, dataDir: string, onInvalid: OnInvalid = 'fail'): { games: Game[]; skipped: RowIssue[] } {
  const table = readCsv(file, text);
  if (!table.columns.includes('game_id') || !table.columns.includes('home_moneyline')) {
    throw new ValidationError(`${file} is not the nflverse games table (it needs game_id, …, home_moneyline columns; it has ${table.columns.slice(0, 6).join(', ')}…)`);
  }
  const xw = loadCrosswalk(dataDir);
  const { rows, skipped } = parseRows(table, GameRowSchema, onInvalid);
  const games = rows.map(
    (r): Game => ({
      gameId: r.game_id,
      season: r.season,
      gameType: r.game_type,
      week: r.week,
      gameday: r.gameday,
      kickoffMs: kickoffUtcMs(r.gameday, r.gametime),
      awayTeam: r.away_team,
      homeTeam: r.home_team,
      awayFranchise: xw.franchise(r.away_team),
      homeFranchise: xw.franchise(r.home_team),
      neutral: r.location === 'Neutral',
      oldGameId: r.old_game_id || undefined,
      awayScore: r.away_score,
      homeScore: r.home_score,
      result: r.result,
      spreadLine: r.spread_line,
      totalLine: r.total_line,
      homeMoneyline: r.home_moneyline,
      awayMoneyline: r.away_moneyline,
    }),
  );
  games.sort((a, b) => a.kickoffMs - b.kickoffMs || a.gameId.localeCompare(b.gameId));
  return { games, skipped };
}

/** Load the games table from the resolved data directory (downloading it into the cache if needed). */
export async function loadGames(options: LoadOptions = {}): Promise<LoadedGames> {
  const resolved = resolveDataDir(options);
  let file = gamesFile(resolved.dir);
  if (!file) {
    if (resolved.source !== 'download-cache') throw new ValidationError(`no nfl/games/games.csv(.gz) under ${resolved.dir} (the data directory from ${resolved.source})`);
    file = await ensureDownloadedGames(resolved.dir, options.gamesUrl, options.log);
  }
  const { games, skipped } = parseGames(file, readText(file), resolved.dir, options.onInvalid);
  if (skipped.length) options.log?.(`skipped ${skipped.length} invalid rows of ${file}`);
  return { games, skipped, file, dataDir: resolved.dir, source: resolved.source };
}

/** The games as a danfojs DataFrame for notebooks (one row per game; kickoff as an ISO time). */
export function gamesFrame(games: readonly Game[]): DataFrame {
  return toFrame(
    games.map((g) => ({
      game_id: g.gameId,
      season: g.season,
      week: g.week,
      game_type: g.gameType,
      kickoff: new Date(g.kickoffMs).toISOString(),
      away_team: g.awayTeam,
      home_team: g.homeTeam,
      away_franchise: g.awayFranchise,
      home_franchise: g.homeFranchise,
      neutral: g.neutral,
      away_score: g.awayScore ?? null,
      home_score: g.homeScore ?? null,
      result: g.result ?? null,
      spread_line: g.spreadLine ?? null,
      home_moneyline: g.homeMoneyline ?? null,
      away_moneyline: g.awayMoneyline ?? null,
    })),
  );
}

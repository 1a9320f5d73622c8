import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { readCsv } from '../csv.js';
import { ensureDownloadedGames, gamesFile, resolveDataDir, type DataDirOptions } from '../data-dir.js';
import { readText } from '../read-text.js';
import { calendarDate, optionalClockTime, optionalCount, optionalMoneyline, optionalNumber, parseRows, requiredString, requiredWhole, rowProblem, type OnInvalid, type RowIssue } from '../row-validation.js';
import { loadCrosswalk } from './teams.js';
import { toFrame } from '../../report/frame.js';
import type { DataFrame } from 'danfojs-node';

const teamCode = (known: (code: string) => boolean) =>
  requiredString.refine(known, { error: 'is not a known team code (see nfl/reference/team_abbr_crosswalk.csv); fix the code or the crosswalk' });

/**
 * One row of nflverse's games table as it is on disk (the columns a backtest uses): real calendar dates,
 * clock times, whole-number seasons, weeks and scores ≥ 0, American moneylines (≤ −100 or ≥ +100), and
 * `result` equal to home − away when both scores are there. Team codes must be known to `knownTeam`.
 */
export function gameRowSchema(knownTeam: (code: string) => boolean = () => true) {
  return z
    .object({
      game_id: requiredString,
      season: requiredWhole(1920, 2100),
      game_type: z.enum(['REG', 'WC', 'DIV', 'CON', 'SB'], { error: 'must be REG, WC, DIV, CON or SB' }),
      week: requiredWhole(1, 30),
      gameday: calendarDate,
      gametime: optionalClockTime,
      away_team: teamCode(knownTeam),
      home_team: teamCode(knownTeam),
      away_score: optionalCount,
      home_score: optionalCount,
      location: z.enum(['Home', 'Neutral'], { error: 'must be Home or Neutral' }),
      result: optionalNumber,
      old_game_id: z.string().optional(),
      away_moneyline: optionalMoneyline,
      home_moneyline: optionalMoneyline,
      spread_line: optionalNumber,
      total_line: optionalNumber,
      div_game: optionalNumber,
    })
    .superRefine((r, ctx) => {
      if (r.home_team === r.away_team) ctx.addIssue({ code: 'custom', path: ['away_team'], message: `is the home team too (${r.home_team})` });
      if (r.result !== undefined && r.home_score !== undefined && r.away_score !== undefined && r.result !== r.home_score - r.away_score) {
        ctx.addIssue({ code: 'custom', path: ['result'], message: `is ${r.result}, but home_score − away_score is ${r.home_score - r.away_score}` });
      }
    });
}

/** The games-table row schema without the team-code check. */
export const GameRowSchema = gameRowSchema();

/** A game as the backtester sees it. Teams keep their season code; `*Franchise` is normalized across relocations. */
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
  /** Points by which the home team is favored (nflverse convention). */
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
// one formatter for every date: building an Intl.DateTimeFormat costs more than a season of format() calls
let easternFormat: Intl.DateTimeFormat | undefined;

/** Minutes east of UTC of US Eastern time on a date (−240 or −300), from the runtime's time-zone data. */
function easternOffsetMinutes(date: string): number {
  let m = etOffsetCache.get(date);
  if (m === undefined) {
    easternFormat ??= new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' });
    const label = easternFormat.format(new Date(`${date}T17:00:00Z`));
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
  const parsed = parseRows(table, gameRowSchema(xw.known), onInvalid);
  const skipped = [...parsed.skipped];
  // a game listed twice would be traded twice: the first listing counts, a repeat is an error (or skipped and counted)
  const firstLine = new Map<string, number>();
  const rows = parsed.rows.filter((r, i) => {
    const line = parsed.lines[i]!;
    const first = firstLine.get(r.game_id);
    if (first === undefined) {
      firstLine.set(r.game_id, line);
      return true;
    }
    skipped.push(rowProblem(file, line, 'game_id', `${JSON.stringify(r.game_id)} repeats the game of line ${first}`, onInvalid));
    return false;
  });
  skipped.sort((a, b) => a.line - b.line);
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

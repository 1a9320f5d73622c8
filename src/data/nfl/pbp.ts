import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { parseDecimal } from '../../core/numbers.js';
import { readText } from '../read-text.js';
import type { Game } from './games.js';

/** One in-game win-probability observation (start of a play). */
export interface WinProbabilityPoint {
  /** Order of the play within the game (file order, which follows the game; play_id is not monotonic). */
  readonly index: number;
  readonly gameSecondsRemaining: number;
  readonly homeWp: number;
  /** Spread-adjusted home WP (nflfastR only). */
  readonly vegasHomeWp: number | undefined;
  readonly homeScore: number;
  readonly awayScore: number;
}

export interface WinProbabilitySeries {
  readonly gameId: string;
  readonly source: 'nflfastR' | 'nflscrapR';
  readonly points: WinProbabilityPoint[];
}

const num = (v: string | undefined): number | undefined => {
  if (v === undefined || v === '' || v === 'NA') return undefined;
  const n = parseDecimal(v);
  return Number.isFinite(n) ? n : undefined;
};

/** What comes right before a cell in a CSV: a delimiter Papa may detect, a quote or a line break. */
const CELL_STARTS = [',', '\t', '|', ';', '\x1e', '\x1f', '"', '\n', '\r'];

/**
 * Whether `text` may hold a cell equal to one of `ids`. Such a cell starts with the ids' common prefix, at the
 * start of the text or right after one of CELL_STARTS; when no such place exists no row can name a wanted game, so
 * the file need not be parsed (most of the cost of a 30 MB play-by-play file: a paper session or `omega exchange`
 * replaying 2023 would parse all 13 files for nothing). The answer only ever skips files that yield no series.
 */
function mayHoldAny(text: string, ids: readonly string[]): boolean {
  if (ids.length === 0) return false;
  let prefix = ids[0]!;
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  if (prefix === '' || prefix.includes('"')) return true;
  return text.startsWith(prefix) || CELL_STARTS.some((c) => text.includes(c + prefix));
}

function parseFile(
  file: string,
  source: 'nflfastR' | 'nflscrapR',
  wanted: readonly string[],
  idOf: (gameId: string) => string | undefined,
): WinProbabilitySeries[] {
  const text = readText(file);
  if (!mayHoldAny(text, wanted)) return [];
  // rows as arrays (much faster than objects for 340-column files); pick the few columns by index
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  const header = parsed.data[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  const [cGame, cWp, cSecs, cVegas, cHome, cAway] = ['game_id', 'home_wp', 'game_seconds_remaining', 'vegas_home_wp', 'total_home_score', 'total_away_score'].map(col) as [number, number, number, number, number, number];
  if (cGame < 0 || cWp < 0 || cSecs < 0) return [];
  const byGame = new Map<string, WinProbabilityPoint[]>();
  for (let i = 1; i < parsed.data.length; i++) {
    const row = parsed.data[i]!;
    const gameId = idOf(row[cGame] ?? '');
    if (!gameId) continue;
    const homeWp = num(row[cWp]);
    const secs = num(row[cSecs]);
    if (homeWp === undefined || secs === undefined) continue; // END QUARTER, timeouts …: no probability
    const list = byGame.get(gameId) ?? (byGame.set(gameId, []).get(gameId) as WinProbabilityPoint[]);
    list.push({ index: list.length, gameSecondsRemaining: secs, homeWp, vegasHomeWp: cVegas >= 0 ? num(row[cVegas]) : undefined, homeScore: num(row[cHome]) ?? 0, awayScore: num(row[cAway]) ?? 0 });
  }
  return [...byGame].map(([gameId, points]) => ({ gameId, source, points }));
}

/**
 * In-game win-probability series from the play-by-play files present in the data directory: nflfastR
 * partial seasons (with spread-adjusted WP) and nflscrapR postseasons (joined through old_game_id;
 * the Pro Bowl is left out because it is not in the games table).
 */
export function loadWinProbabilities(dataDir: string, games: readonly Game[]): WinProbabilitySeries[] {
  const out: WinProbabilitySeries[] = [];
  const known = new Set(games.map((g) => g.gameId));
  const byOldId = new Map(games.flatMap((g) => (g.oldGameId ? [[g.oldGameId, g.gameId] as const] : [])));
  const fastr = path.join(dataDir, 'nfl', 'pbp', 'nflfastr_partial_seasons');
  if (existsSync(fastr)) {
    for (const f of readdirSync(fastr).filter((x) => /\.csv(\.gz)?$/.test(x)).sort()) {
      out.push(...parseFile(path.join(fastr, f), 'nflfastR', [...known], (id) => (known.has(id) ? id : undefined)));
    }
  }
  const scrapr = path.join(dataDir, 'nfl', 'pbp', 'nflscrapr_postseason');
  if (existsSync(scrapr)) {
    for (const f of readdirSync(scrapr).filter((x) => /\.csv(\.gz)?$/.test(x)).sort()) {
      out.push(...parseFile(path.join(scrapr, f), 'nflscrapR', [...byOldId.keys()], (id) => byOldId.get(id)));
    }
  }
  return out;
}

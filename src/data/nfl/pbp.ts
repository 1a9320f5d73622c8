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

function parseFile(file: string, source: 'nflfastR' | 'nflscrapR', idOf: (gameId: string) => string | undefined): WinProbabilitySeries[] {
  // rows as arrays (much faster than objects for 340-column files); pick the few columns by index
  const parsed = Papa.parse<string[]>(readText(file), { header: false, skipEmptyLines: true });
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
      out.push(...parseFile(path.join(fastr, f), 'nflfastR', (id) => (known.has(id) ? id : undefined)));
    }
  }
  const scrapr = path.join(dataDir, 'nfl', 'pbp', 'nflscrapr_postseason');
  if (existsSync(scrapr)) {
    for (const f of readdirSync(scrapr).filter((x) => /\.csv(\.gz)?$/.test(x)).sort()) {
      out.push(...parseFile(path.join(scrapr, f), 'nflscrapR', (id) => byOldId.get(id)));
    }
  }
  return out;
}

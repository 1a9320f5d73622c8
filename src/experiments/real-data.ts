import { Rng } from '../core/rng.js';
import { gamesFile, resolveDataDir } from '../data/data-dir.js';
import { parseGames } from '../data/nfl/games.js';
import { loadWinProbabilities } from '../data/nfl/pbp.js';
import { readText } from '../data/read-text.js';
import { groupStats, type GroupStats } from '../facts/group-stats.js';
import type { MarketSeries } from '../facts/market-series.js';

/** One real game as a market: home win probability at each play, and the result. */
export interface RecordedGame {
  readonly gameId: string;
  /** Home win probability at the start of each play: nflfastR's spread-adjusted `vegas_home_wp` where the file has it, `home_wp` otherwise. */
  readonly probabilities: number[];
  readonly outcome: 0 | 1;
}

const cache = new Map<string, RecordedGame[]>();

/**
 * Every game with an in-game win-probability path in the play-by-play files of the data directory (nflfastR
 * 2020–21 weeks 1–5, nflscrapR postseasons 2009–19), joined to its result; ties are left out (no outcome).
 * Read once per process. Throws when the directory holds no play-by-play data.
 */
export function recordedGames(dataDir?: string): RecordedGame[] {
  const dir = resolveDataDir({ dataDir }).dir;
  const hit = cache.get(dir);
  if (hit) return hit;
  const file = gamesFile(dir);
  if (!file) throw new Error(`no NFL games table under ${dir} (set OMEGA_DATA_DIR to the folder holding nfl/)`);
  const games = parseGames(file, readText(file), dir).games;
  const byId = new Map(games.map((g) => [g.gameId, g]));
  const out: RecordedGame[] = [];
  for (const s of loadWinProbabilities(dir, games)) {
    const g = byId.get(s.gameId);
    if (!g || g.result === undefined || g.result === 0 || s.points.length < 20) continue;
    out.push({ gameId: s.gameId, probabilities: s.points.map((p) => p.vegasHomeWp ?? p.homeWp), outcome: g.result > 0 ? 1 : 0 });
  }
  if (out.length === 0) throw new Error(`no play-by-play win-probability files under ${dir}/nfl/pbp`);
  cache.set(dir, out);
  return out;
}

/**
 * The stylized facts of the real games, in `groups` random groups (a seeded split, so each group plays the
 * part of one seed's markets), per play and per 5 plays. Plays are the time unit; the last 10% of each game
 * is left out as for the model.
 */
export function realDataStats(options: { dataDir?: string; groups?: number; seed?: number } = {}): {
  perPlay: GroupStats[];
  perFivePlays: GroupStats[];
  games: number;
} {
  const games = recordedGames(options.dataDir);
  const k = options.groups ?? 10;
  const order = games.map((_, i) => i);
  Rng.derive(options.seed ?? 1, 'real-data-groups').shuffle(order);
  const groups: MarketSeries[][] = Array.from({ length: k }, () => []);
  order.forEach((gi, i) => groups[i % k]!.push({ prices: games[gi]!.probabilities, outcome: games[gi]!.outcome }));
  return {
    perPlay: groups.map((g) => groupStats(g, { scale: 1 })),
    perFivePlays: groups.map((g) => groupStats(g, { scale: 5 })),
    games: games.length,
  };
}

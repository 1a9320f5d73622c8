import { existsSync } from 'node:fs';
import path from 'node:path';
import { OmegaError } from '../core/errors.js';
import { writeFileAtomic } from '../core/output-dir.js';
import { projectRoot } from '../core/paths.js';

/** The public source of the games table when no data directory is available (nflverse/nfldata). */
export const NFLVERSE_GAMES_URL = 'https://github.com/nflverse/nfldata/raw/master/data/games.csv';

export interface DataDirOptions {
  /** Explicit data directory (holding nfl/…). Wins over everything else. */
  readonly dataDir?: string;
  /** Where downloads are cached (default .cache/omega under the project). */
  readonly cacheDir?: string;
  /** URL of the games CSV to download when no directory is found (default: nflverse). */
  readonly gamesUrl?: string;
  /** Environment to read OMEGA_DATA_DIR from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Look for a shared/data folder next to the project (default true). */
  readonly shared?: boolean;
}

export interface ResolvedDataDir {
  readonly dir: string;
  /** How it was found. */
  readonly source: 'option' | 'env' | 'shared' | 'download-cache';
}

/**
 * Where the data live, in this order: an explicit option → $OMEGA_DATA_DIR → ../shared/data next to
 * the project or one of its parents (when present) → a local cache, into which the nflverse games file is downloaded the
 * first time ({@link ensureDownloadedGames}). An explicit directory that does not exist is an error.
 */
export function resolveDataDir(options: DataDirOptions = {}): ResolvedDataDir {
  const env = options.env ?? process.env;
  if (options.dataDir) {
    if (!existsSync(options.dataDir)) throw new OmegaError('DATA_DIR_MISSING', `data directory ${options.dataDir} (from --data-dir / dataDir) does not exist`);
    return { dir: path.resolve(options.dataDir), source: 'option' };
  }
  const fromEnv = env.OMEGA_DATA_DIR;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new OmegaError('DATA_DIR_MISSING', `OMEGA_DATA_DIR=${fromEnv} does not exist; unset it or point it at a folder holding nfl/`);
    return { dir: path.resolve(fromEnv), source: 'env' };
  }
  if (options.shared !== false) {
    const shared = findSharedData(projectRoot());
    if (shared) return { dir: shared, source: 'shared' };
  }
  return { dir: path.resolve(options.cacheDir ?? path.join(projectRoot(), '.cache', 'omega')), source: 'download-cache' };
}

/** `../shared/data` next to the project, or next to one of its parent folders (a clone placed deeper). */
export function findSharedData(root: string, levels = 4): string | undefined {
  let dir = path.resolve(root);
  for (let i = 0; i < levels; i++) {
    const candidate = path.join(path.dirname(dir), 'shared', 'data');
    if (existsSync(path.join(candidate, 'nfl'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * Make sure `<dir>/nfl/games/games.csv` exists in a download cache: fetch it once with axios (with a
 * timeout and a clear error), write it atomically, and reuse it afterwards.
 */
export async function ensureDownloadedGames(dir: string, url = NFLVERSE_GAMES_URL, log: (s: string) => void = () => undefined): Promise<string> {
  const target = path.join(dir, 'nfl', 'games', 'games.csv');
  if (existsSync(target)) return target;
  log(`downloading the NFL games table from ${url} …`);
  let body: string;
  try {
    // loaded here, not at the top: only a download needs it, and every command that reads NFL data imports this file
    const { default: axios } = await import('axios');
    const res = await axios.get<string>(url, { responseType: 'text', timeout: 60_000, maxRedirects: 5, validateStatus: (s) => s === 200 });
    body = res.data;
  } catch (e) {
    throw new OmegaError('DOWNLOAD_FAILED', `could not download the games table from ${url}: ${(e as Error).message}. Put the data in a folder and pass --data-dir (or set OMEGA_DATA_DIR).`);
  }
  if (!body.startsWith('game_id,')) throw new OmegaError('DOWNLOAD_FAILED', `${url} did not return the nflverse games CSV (its first line is ${JSON.stringify(body.split('\n')[0]?.slice(0, 80))})`);
  writeFileAtomic(target, body);
  log(`saved ${target}`);
  return target;
}

/** The games file inside a data directory: games.csv.gz or games.csv. */
export function gamesFile(dir: string): string | undefined {
  for (const name of ['games.csv.gz', 'games.csv']) {
    const p = path.join(dir, 'nfl', 'games', name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { gamesFrame, loadGames, parseGames, resolveDataDir, kickoffUtcMs, winner } from '../../src/data/index.js';

const HEADER = 'game_id,season,game_type,week,gameday,weekday,gametime,away_team,away_score,home_team,home_score,location,result,total,overtime,old_game_id,gsis,nfl_detail_id,pfr,pff,espn,ftn,away_rest,home_rest,away_moneyline,home_moneyline,spread_line,away_spread_odds,home_spread_odds,total_line,under_odds,over_odds,div_game,roof,surface,temp,wind,away_qb_id,home_qb_id,away_qb_name,home_qb_name,away_coach,home_coach,referee,stadium_id,stadium';
const row = (id: string, season: number, away: string, home: string, as: string, hs: string, result: string, aml = '130', hml = '-150', spread = '3', day = '2015-09-13', time = '13:00') =>
  `${id},${season},REG,1,${day},Sunday,${time},${away},${as},${home},${hs},Home,${result},,0,${season}091300,,,,,,,7,7,${aml},${hml},${spread},,,44,,,0,outdoors,grass,,,,,,,,,,,`;
const SMALL = [HEADER, row('2015_01_SD_STL', 2015, 'SD', 'STL', '17', '24', '7'), row('2015_01_OAK_KC', 2015, 'OAK', 'KC', '20', '20', '0', '', '')].join('\n') + '\n';

describe('games loader', () => {
  it('parses typed games, normalizes relocated teams and keeps the sign conventions', () => {
    const { games, skipped } = parseGames('games.csv', SMALL, '/nonexistent');
    expect(skipped).toEqual([]);
    const g = games.find((x) => x.gameId === '2015_01_SD_STL')!;
    expect(g).toMatchObject({ season: 2015, homeTeam: 'STL', homeFranchise: 'LA', awayFranchise: 'LAC', result: 7, spreadLine: 3, homeMoneyline: -150 });
    expect(winner(g)).toBe('home');
    const tie = games.find((x) => x.gameId === '2015_01_OAK_KC')!;
    expect(winner(tie)).toBe('tie');
    expect(tie.awayFranchise).toBe('LV');
    expect(tie.homeMoneyline).toBeUndefined();
    // 13:00 US Eastern on 2015-09-13 (daylight time, UTC−4) is 17:00 UTC
    expect(new Date(kickoffUtcMs('2015-09-13', '13:00')).toISOString()).toBe('2015-09-13T17:00:00.000Z');
    expect(new Date(kickoffUtcMs('2015-12-13', '13:00')).toISOString()).toBe('2015-12-13T18:00:00.000Z');
    const df = gamesFrame(games);
    expect(df.shape).toEqual([2, 16]);
    expect(df.columns).toContain('home_franchise');
  });

  it('reports a malformed row with file, line and column — or skips and counts it', () => {
    const bad = SMALL + row('2015_01_NYG_DAL', 2015, 'NYG', 'DAL', '26', '27', '1', '+1xx') + '\n' + row('2015_01_X_Y', 2015, 'X', 'Y', '1', '2', '1', '130', '-150', '3', '13/09/2015') + '\n';
    expect(() => parseGames('games.csv', bad, '/x')).toThrowError(ValidationError);
    expect(() => parseGames('games.csv', bad, '/x')).toThrow(/games\.csv line 4, column "away_moneyline": "\+1xx" is not a number/);
    const { games, skipped } = parseGames('games.csv', bad, '/x', 'skip');
    expect(games).toHaveLength(2);
    expect(skipped.map((s) => [s.line, s.column])).toEqual([
      [4, 'away_moneyline'],
      [5, 'gameday'],
    ]);
  });

  it('rejects a file that is not the games table', () => {
    expect(() => parseGames('x.csv', 'a,b\n1,2\n', '/x')).toThrow(/is not the nflverse games table/);
  });
});

describe('data directory resolution', () => {
  let server: Server;
  let url = '';
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/games.csv') {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(SMALL);
      } else {
        res.writeHead(404);
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('explicit option → OMEGA_DATA_DIR → shared → download cache', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-data-'));
    expect(resolveDataDir({ dataDir: dir, env: { OMEGA_DATA_DIR: '/elsewhere' } })).toEqual({ dir, source: 'option' });
    expect(resolveDataDir({ env: { OMEGA_DATA_DIR: dir } })).toEqual({ dir, source: 'env' });
    expect(resolveDataDir({ env: {}, shared: false, cacheDir: dir })).toEqual({ dir, source: 'download-cache' });
    expect(() => resolveDataDir({ dataDir: path.join(dir, 'missing') })).toThrow(/does not exist/);
    expect(() => resolveDataDir({ env: { OMEGA_DATA_DIR: path.join(dir, 'missing') } })).toThrow(/OMEGA_DATA_DIR=.* does not exist/);
  });

  it('downloads the games file once into the cache (from a local server), then reuses it', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'omega-cache-'));
    const before = hits;
    const first = await loadGames({ env: {}, shared: false, cacheDir: cache, gamesUrl: `${url}/games.csv` });
    expect(first.source).toBe('download-cache');
    expect(first.games.map((g) => g.gameId).sort()).toEqual(['2015_01_OAK_KC', '2015_01_SD_STL']);
    expect(existsSync(path.join(cache, 'nfl', 'games', 'games.csv'))).toBe(true);
    await loadGames({ env: {}, shared: false, cacheDir: cache, gamesUrl: `${url}/games.csv` });
    expect(hits - before).toBe(1);
  });

  it('fails clearly when the download fails, and writes nothing', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'omega-cache-'));
    await expect(loadGames({ env: {}, shared: false, cacheDir: cache, gamesUrl: `${url}/missing.csv` })).rejects.toThrow(/could not download the games table from .*missing\.csv.*--data-dir/);
    expect(existsSync(path.join(cache, 'nfl', 'games', 'games.csv'))).toBe(false);
  });

  it('reads .csv from an explicit data directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-data-'));
    mkdirSync(path.join(dir, 'nfl', 'games'), { recursive: true });
    writeFileSync(path.join(dir, 'nfl', 'games', 'games.csv'), SMALL);
    const r = await loadGames({ dataDir: dir });
    expect(r).toMatchObject({ source: 'option', dataDir: dir });
    expect(r.games).toHaveLength(2);
  });
});

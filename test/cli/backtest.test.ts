import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { omegaInProcess } from '../helpers/cli.js';

/** In-process runs (no child process per call); a few tests elsewhere run the real bin/omega.mjs. */
const omega = (...args: string[]) => omegaInProcess(args);

/** The fields of `omega backtest nfl --json` these tests read (each test asserts them). */
interface BacktestJson {
  games: number;
  bets: number;
  orders: number;
  execution: string;
  forecast: Record<string, { n: number; brier: number; log_loss: number }>;
  rejections: Record<string, number>;
  walk_forward: Array<{ season: number; trained_on: string }>;
}

describe('omega backtest nfl', () => {
  it('prints the documented JSON and writes a tear sheet', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'omega-bt-'));
    const r = await omega(
      'backtest',
      'nfl',
      '--seasons',
      '2006-2024',
      '--strategy',
      'elo-edge',
      '--edge',
      '0.03',
      '--kelly',
      '0.25',
      '--json',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as BacktestJson;
    for (const k of ['games', 'bets', 'pnl_dollars', 'roi', 'sharpe', 'max_drawdown']) expect(j, k).toHaveProperty(k);
    for (const s of ['market', 'elo', 'spread'])
      expect(j.forecast[s]).toEqual({ n: expect.any(Number), brier: expect.any(Number), log_loss: expect.any(Number) });
    expect(j.games).toBe(5146);
    // forecast.market: selected games with both moneylines and a winner, ties excluded
    expect(j.forecast.market!.n).toBe(4997);
    expect(j.forecast.market!.brier).toBeCloseTo(0.2111, 3);
    for (const f of ['report.html', 'bets.csv', 'metrics.csv', 'forecast.csv']) expect(existsSync(path.join(out, f)), f).toBe(true);
  });

  it('trades through a synthetic book with latency and queue position, reporting orders and refusals', async () => {
    const r = await omega(
      'backtest',
      'nfl',
      '--seasons',
      '2023',
      '--strategy',
      'elo-edge',
      '--execution',
      'book',
      '--queue',
      'front',
      '--latency',
      '1000',
      '--max-stake-per-game',
      '20',
      '--json',
      '--no-report',
    );
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as BacktestJson;
    expect(j.execution).toBe('book');
    expect(j.orders).toBeGreaterThan(j.bets);
    // orders above the $20 stake per game are refused before they reach the exchange
    expect(j.rejections.risk_limit).toBeGreaterThan(0);
  });

  it('runs walk-forward folds', async () => {
    const r = await omega('backtest', 'nfl', '--seasons', '2015-2017', '--strategy', 'spread-edge', '--walk-forward', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as BacktestJson).walk_forward.map((f) => [f.season, f.trained_on])).toEqual([
      [2015, '1999-2014'],
      [2016, '1999-2015'],
      [2017, '1999-2016'],
    ]);
  });

  it.each([
    [['--seasons', '2024-2006'], 'the first season must not be after the last'],
    [['--seasons', 'recent'], '--seasons must be a season or a range like 2006-2024'],
    [['--strategy', 'vibes'], '--strategy must be one of elo-edge, spread-edge'],
    [['--queue', 'middle'], '--queue must be back or front'],
    [['--kelly', '2'], '--kelly must be a number between 0.001 and 1'],
    [['--data-dir', '/nonexistent/dir'], 'data directory /nonexistent/dir (from --data-dir / dataDir) does not exist'],
  ])('rejects %j with one clear error', async (args, message) => {
    const r = await omega('backtest', 'nfl', ...args, '--no-report');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

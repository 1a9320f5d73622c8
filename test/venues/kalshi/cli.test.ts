import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalExchange } from '../../../src/venues/kalshi/index.js';
import { omegaInProcess } from '../../helpers/cli.js';
import { startExchange, userOf } from './helpers.js';

/**
 * `omega …` in this process (no child process, no CLI start per call): the exit code `main()` returns and what it
 * printed. Only `omega exchange` itself runs as a real process here (its first stdout line is the point).
 */
const omega = (...args: string[]) => omegaInProcess(args);

/** Start `omega exchange …` and resolve with its first stdout line. */
function startCli(args: string[]): Promise<{ child: ChildProcess; first: string; stderr: string[] }> {
  const child = spawn(process.execPath, ['bin/omega.mjs', 'exchange', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (first) => resolve({ child, first, stderr }));
    child.once('exit', (code) => reject(new Error(`omega exchange exited ${code}: ${stderr.join('')}`)));
  });
}

let child: ChildProcess | undefined;
let ex: LocalExchange | undefined;
afterEach(async () => {
  child?.kill('SIGTERM');
  child = undefined;
  await ex?.stop();
  ex = undefined;
});

describe('omega exchange', () => {
  it('prints the REST base URL first; keys add registers a key (PEM 0600) the running exchange accepts', async () => {
    const state = mkdtempSync(path.join(tmpdir(), 'omega-ex-cli-'));
    const started = await startCli(['--state', state, '--port', '0']);
    child = started.child;
    expect(started.first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/trade-api\/v2$/);
    const markets = await axios.get<{ markets: unknown[] }>(`${started.first}/markets`);
    expect(markets.data.markets.length).toBeGreaterThanOrEqual(2);
    const add = await omega('exchange', 'keys', 'add', '--state', state, '--name', 'alice', '--json');
    expect(add.code, add.stderr).toBe(0);
    const key = JSON.parse(add.stdout) as { key_id: string; pem_path: string; balance_cents: number };
    expect(statSync(key.pem_path).mode & 0o777).toBe(0o600);
    expect(key.balance_cents).toBe(1_000_000);
    const check = await omega(
      'kalshi',
      'check',
      '--env',
      'local',
      '--base-url',
      started.first,
      '--key-id',
      key.key_id,
      '--key-file',
      key.pem_path,
    );
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout.split('\n').filter(Boolean)).toHaveLength(5);
    expect(check.stdout).toContain('✓ balance: $10000.00 available');
  });

  it('--json prints {rest_url, ws_url} first; bad flags and configs are one error with exit 2', async () => {
    const started = await startCli(['--json']);
    child = started.child;
    const j = JSON.parse(started.first) as { rest_url: string; ws_url: string };
    expect(j.rest_url).toMatch(/\/trade-api\/v2$/);
    expect(j.ws_url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/trade-api\/ws\/v2$/);
    const badPort = await omega('exchange', '--port', 'abc');
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port must be a whole number/);
    const badTier = await omega(
      'exchange',
      'keys',
      'add',
      '--state',
      mkdtempSync(path.join(tmpdir(), 'x-')),
      '--name',
      'a',
      '--tier',
      'gold',
    );
    expect(badTier.code).toBe(2);
    expect(badTier.stderr).toMatch(/--tier must be one of basic/);
  });
});

describe('omega kalshi check --env local', () => {
  it('passes against an in-memory local exchange: config, clock, auth, balance, market data', async () => {
    const r = await omega('kalshi', 'check', '--env', 'local');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(0, 2)),
    ).toEqual(['✓ ', '✓ ', '✓ ', '✓ ', '✓ ']);
  });

  it('a wrong key fails at auth with a fix; 60 s of skew fails at the clock; a 429 storm is ridden out by retries', async () => {
    ex = await startExchange({ stateDir: mkdtempSync(path.join(tmpdir(), 'omega-check-')) });
    const alice = await userOf(ex, 'alice');
    const bob = await userOf(ex, 'bob');
    const wrong = await omega('kalshi', 'check', '--base-url', ex.restUrl, '--key-id', alice.keyId, '--key-file', bob.pemPath);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(
      /✗ auth: the signature does not verify \(401 INCORRECT_API_KEY_SIGNATURE\) — fix: the --key-file does not belong to --key-id/,
    );
    ex.faults.set({ clockSkewMs: 60_000 });
    const skewed = await omega('kalshi', 'check', '--base-url', ex.restUrl, '--key-id', alice.keyId, '--key-file', alice.pemPath);
    expect(skewed.code).toBe(1);
    expect(skewed.stdout).toMatch(/✗ clock: this machine's clock is (59|60|61) s behind the exchange/);
    ex.faults.clear();
    ex.faults.set({ storm429: 3 });
    const storm = await omega('kalshi', 'check', '--base-url', ex.restUrl, '--key-id', alice.keyId, '--key-file', alice.pemPath);
    expect(storm.code, storm.stdout).toBe(0);
    expect(ex.faults.settings.storm429).toBe(0);
    ex.faults.set({ storm429: 50 });
    const flood = await omega('kalshi', 'check', '--base-url', ex.restUrl, '--key-id', alice.keyId, '--key-file', alice.pemPath);
    expect(flood.code).toBe(1);
    expect(flood.stdout).toMatch(/✗ clock: rate limited: .*429.* — fix: wait a few seconds/);
    expect(readdirSync(path.dirname(alice.pemPath)).filter((f) => f.endsWith('.pem'))).toHaveLength(2);
  });
});

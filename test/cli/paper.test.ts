import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omegaInProcess } from '../helpers/cli.js';
import { folderBytes } from '../paper/harness.js';

function omega(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/omega.mjs', ...args], { encoding: 'utf8', cwd: process.cwd(), timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function omegaAsync(...args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['bin/omega.mjs', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))) };
}

describe('omega paper and omega compare against omega exchange (lock-step NFL replay)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'omega-paper-cli-'));
  const state = path.join(root, 'state');
  let exchange: ChildProcess;
  let restUrl = '';
  let key = { key_id: '', pem_path: '' };
  beforeAll(async () => {
    const cfg = path.join(root, 'exchange.yaml');
    writeFileSync(cfg, 'nfl:\n  season: 2023\n  weeks: [1, 2]\n  speed: 0\nrateLimits: false\nfsync: false\n');
    exchange = spawn(
      process.execPath,
      ['bin/omega.mjs', 'exchange', '--state', state, '--config', cfg, '--json', '--log-level', 'silent'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    restUrl = await new Promise<string>((resolve, reject) => {
      let buf = '';
      exchange.stdout!.on('data', (c: Buffer) => {
        buf += c.toString();
        const nl = buf.indexOf('\n');
        if (nl >= 0) resolve((JSON.parse(buf.slice(0, nl)) as { rest_url: string }).rest_url);
      });
      exchange.on('exit', (code) => reject(new Error(`omega exchange exited ${code}`)));
    });
    const k = await omegaInProcess(['exchange', 'keys', 'add', '--state', state, '--name', 'paper', '--json']);
    expect(k.code, k.stderr).toBe(0);
    key = JSON.parse(k.stdout) as typeof key;
  });
  afterAll(() => {
    exchange?.kill('SIGTERM');
  });

  it('runs a session, reports its status, verifies its audit log and compares it with the backtest', async () => {
    const dir = path.join(root, 'session');
    const r = omega(
      'paper',
      'run',
      '--strategy',
      'elo-edge',
      '--venue',
      'local',
      '--base-url',
      restUrl,
      '--key-id',
      key.key_id,
      '--key-file',
      key.pem_path,
      '--season',
      '2023',
      '--weeks',
      '1',
      '--lockstep',
      '--session',
      dir,
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { state: string; orders: number; auditOk: boolean };
    expect(summary).toMatchObject({ state: 'done', auditOk: true });
    expect(summary.orders).toBeGreaterThan(0);
    expect(r.stderr).not.toContain(key.key_id);
    // nobody else trades this account: the reconciliation rule (on by default) stays quiet
    expect(r.stderr).not.toMatch(/ALERT .*reconciliation/);

    // the session ran as a real process (its stderr is grepped for the key); what reads its folder runs in-process
    const s = await omegaInProcess(['paper', 'status', dir]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/: done\n/);
    expect(s.stdout).toMatch(new RegExp(`${summary.orders} orders \\(0 open\\)`));

    const v = await omegaInProcess(['audit', 'verify', dir]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('OK');

    const c = await omegaInProcess(['compare', '--session', dir, '--json']);
    expect(c.code, c.stderr).toBe(0);
    const cmp = JSON.parse(c.stdout) as { counts: Record<string, number>; report: string };
    expect(cmp.counts).toMatchObject({ matched: summary.orders, missing: 0, extra: 0, differences: 0 });
    expect(existsSync(cmp.report)).toBe(true);
    expect(existsSync(path.join(dir, 'compare', 'orders.csv'))).toBe(true);

    // a finished session is not run again
    const again = await omegaInProcess([
      'paper',
      'run',
      '--strategy',
      'elo-edge',
      '--venue',
      'local',
      '--base-url',
      restUrl,
      '--key-id',
      key.key_id,
      '--key-file',
      key.pem_path,
      '--season',
      '2023',
      '--weeks',
      '1',
      '--lockstep',
      '--session',
      dir,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/has already stopped/);
  });

  it('omega paper stop ends a running session gracefully', async () => {
    const dir = path.join(root, 'stopped');
    const run = omegaAsync(
      'paper',
      'run',
      '--strategy',
      'elo-edge',
      '--venue',
      'local',
      '--base-url',
      restUrl,
      '--key-id',
      key.key_id,
      '--key-file',
      key.pem_path,
      '--season',
      '2023',
      '--weeks',
      '2',
      '--lockstep',
      '--session',
      dir,
      '--json',
    );
    for (let i = 0; i < 600 && !existsSync(path.join(dir, 'status.json')); i++) await new Promise((r) => setTimeout(r, 50));
    const stop = await omegaInProcess(['paper', 'stop', dir]);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toMatch(/asked .* to stop/);
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { state: string; auditOk: boolean };
    expect(['stopped', 'done']).toContain(summary.state);
    expect(summary.auditOk).toBe(true);
    expect((await omegaInProcess(['paper', 'status', dir])).stdout).toMatch(new RegExp(`: ${summary.state}`));
  });

  it('a wrong key, an unreachable venue or a session folder that is a file: exit 2 and nothing written', async () => {
    const base = ['paper', 'run', '--strategy', 'elo-edge', '--season', '2023', '--weeks', '1', '--key-file', key.pem_path];
    const wrongKey = await omegaInProcess([
      ...base,
      '--base-url',
      restUrl,
      '--key-id',
      '00000000-0000-4000-8000-000000000000',
      '--session',
      path.join(root, 'wrong-key'),
    ]);
    expect(wrongKey.code, wrongKey.stderr).toBe(2);
    expect(wrongKey.stderr).toMatch(/refused the key .*401.*check --key-id and --key-file/);
    expect(existsSync(path.join(root, 'wrong-key'))).toBe(false);

    // port 9 (discard) is closed on loopback: the connection is refused, retried, then named
    const away = await omegaInProcess([
      ...base,
      '--base-url',
      'http://127.0.0.1:9/trade-api/v2',
      '--key-id',
      key.key_id,
      '--session',
      path.join(root, 'away'),
    ]);
    expect(away.code, away.stderr).toBe(2);
    expect(away.stderr).toMatch(/cannot reach the venue at http:\/\/127\.0\.0\.1:9\/trade-api\/v2 .*pass that URL as --base-url/);
    expect(existsSync(path.join(root, 'away'))).toBe(false);

    const file = path.join(root, 'a-file');
    writeFileSync(file, 'keep me\n');
    const onFile = await omegaInProcess([...base, '--base-url', restUrl, '--key-id', key.key_id, '--session', file]);
    expect(onFile.code, onFile.stderr).toBe(2);
    expect(onFile.stderr).toMatch(/--session .*a-file is a file/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  }, 60_000);

  it('resuming a session with other settings is refused before its files are touched', async () => {
    const dir = path.join(root, 'resumed');
    const flags = [
      '--venue',
      'local',
      '--base-url',
      restUrl,
      '--key-id',
      key.key_id,
      '--key-file',
      key.pem_path,
      '--season',
      '2023',
      '--lockstep',
      '--session',
      dir,
    ];
    const first = await omegaInProcess(['paper', 'run', '--strategy', 'elo-edge', '--weeks', '1', ...flags]);
    expect(first.code, first.stderr).toBe(0);
    const before = folderBytes(dir);
    expect([...before.keys()]).toContain(path.join('ledger', 'ledger-000000000001.jsonl'));
    const other = await omegaInProcess(['paper', 'run', '--strategy', 'spread-edge', '--weeks', '1,2', ...flags]);
    expect(other.code, other.stderr).toBe(2);
    expect(other.stderr).toContain(
      `--session ${dir} was started with other settings (strategy: "elo-edge" then, "spread-edge" now; weeks: [1] then, [1,2] now)`,
    );
    expect(folderBytes(dir)).toEqual(before);
  });

  it.each([
    [['paper', 'run', '--strategy', 'elo-edge', '--season', '2023', '--base-url', 'not-a-url'], '--base-url must be a URL'],
    [
      ['paper', 'run', '--strategy', 'elo-edge', '--season', '2023', '--base-url', 'ftp://127.0.0.1/x'],
      '--base-url must be a http or https URL',
    ],
    [
      [
        'paper',
        'run',
        '--strategy',
        'elo-edge',
        '--season',
        '2023',
        '--base-url',
        'http://127.0.0.1:9/trade-api/v2',
        '--ws-url',
        'http://127.0.0.1:9/x',
      ],
      '--ws-url must be a ws or wss URL',
    ],
    [['paper', 'run', '--strategy', 'elo-edge', '--season', '2023', '--webhook', 'hooks.example'], '--webhook must be a URL'],
    [['paper', 'run', '--strategy', 'nope', '--season', '2023'], 'strategy'],
    [['paper', 'run', '--strategy', 'elo-edge', '--season', '2023', '--venue', 'local'], '--venue local needs --base-url'],
    [
      ['paper', 'run', '--strategy', 'elo-edge', '--season', '2023', '--weeks', '0,1', '--base-url', 'http://127.0.0.1:9/trade-api/v2'],
      '--weeks must be week numbers',
    ],
    [['paper', 'run', '--strategy', 'elo-edge', '--season', '2023', '--venue', 'mars'], '--venue must be local or demo'],
    [
      [
        'paper',
        'run',
        '--strategy',
        'elo-edge',
        '--season',
        '2023',
        '--base-url',
        'http://127.0.0.1:9/trade-api/v2',
        '--key-id',
        'k',
        '--key-file',
        '/nonexistent.pem',
      ],
      'cannot be read',
    ],
    [['paper', 'status', '/nonexistent-session'], 'is not a paper session folder'],
    [['compare', '--session', '/nonexistent-session'], 'has no ledger'],
  ])('rejects %j with one clear error (exit 2)', async (args, message) => {
    const r = await omegaInProcess(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

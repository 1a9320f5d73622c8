import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gamesFile, resolveDataDir } from '../../src/data/data-dir.js';
import { readText } from '../../src/data/read-text.js';
import { omega, startRedis, stopProcess, type OmegaProcess, type RedisServer } from './redis-harness.js';

/**
 * The Redis backend end to end: a private redis-server, `omega worker` processes, the coordinator as the CLI.
 * Every comparison is against the same sweep run locally with --workers 1 (the reference bytes).
 */
/**
 * One Morris trajectory over two parameters (3 runs) of 4000 steps. The number of runs is not what these tests
 * prove (they prove every run lands exactly once, byte for byte): 3 are enough — one for the worker a test stops
 * and two more, so runs finish out of order and some are still queued or running at every kill and restart —
 * and cost a quarter of 12. The length of a run is kept: a run (0.3–0.7 CPU-s on a worker thread) is the window
 * in which the first test's SIGKILL and the second test's SIGTERM land inside a running job. Where a test needs
 * the sweep unfinished (the coordinator killed, Redis restarted), it does not count on runs being long: it makes
 * sure no worker can finish the sweep first (see each test).
 */
const SWEEP = [
  'sweep',
  '--design',
  'morris',
  '--runs',
  '1',
  '--param',
  'agents.informed.count=5:40',
  '--param',
  'agents.marketMaker.riskAversion=0.05:0.5',
  '--steps',
  '4000',
  '--no-progress',
];
const RUNS = 3; // 1 trajectory × (2 parameters + 1)
const FILES = ['runs.jsonl', 'results.csv', 'summary.csv', 'experiment.json', 'sensitivity-mean_abs_error.csv'];
const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `omega-${name}-`));
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');
const jobsStarted = (log: string) => [...log.matchAll(/job (\S+) \(runPoint, run \d+\) started/g)].map((m) => m[1]!);
/** Runs saved in a sweep's checkpoint so far (its first line is the header). */
const savedRuns = (out: string) => (existsSync(path.join(out, 'runs.jsonl')) ? lines(path.join(out, 'runs.jsonl')).length - 1 : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One redis-server for the whole file, with a password: every test's processes, logs and result folders are
 * checked for it (afterEach), so each scenario (a kill, a restart, retries …) also shows the password is never
 * printed. Tests share nothing else: each starts its own workers, and after each test its workers still running
 * are killed and Redis is emptied, so a test that fails leaves nothing behind for the next.
 */
const SECRET = 'pa55-Omega-s3cret';
let redis: RedisServer;
/** The local --workers 1 run every Redis sweep must equal: computed while the first tests start their workers. */
let referenceRun: Promise<string>;
const reference = () => referenceRun;
/** What the running test started or wrote: checked for the password after it, whatever its outcome. */
let outputs: Array<() => string> = [];
let folders: string[] = [];
const workers: OmegaProcess[] = [];
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const p = omega(args, env);
  outputs.push(p.stdout, p.stderr);
  return p;
};
const out = (name: string) => {
  const dir = tmp(name);
  folders.push(dir);
  return dir;
};
const worker = (extra: string[] = [], env: NodeJS.ProcessEnv = {}) => {
  const w = run(['worker', '--backend', redis.url, '--concurrency', '1', '--lock-duration', '2000', ...extra], env);
  workers.push(w);
  return w;
};
/** A worker is ready once it serves the queue; it names Redis without the password. */
const ready = (w: OmegaProcess) => w.waitFor(/serving queue omega-runs at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 /);

beforeAll(async () => {
  const dir = tmp('local');
  referenceRun = (async () => {
    const r = omega([...SWEEP, '--workers', '1', '--out', dir]);
    const code = await r.exited();
    if (code !== 0) throw new Error(`the local reference sweep exited with ${code}: ${r.stderr()}`);
    return dir;
  })();
  referenceRun.catch(() => undefined); // awaited (and reported) by the tests that compare with it
  redis = await startRedis({ password: SECRET });
});

beforeEach(() => {
  outputs = [];
  folders = [];
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => stopProcess(w, 'SIGKILL')));
  await redis.flush();
  const files = folders
    .filter(existsSync)
    .flatMap((d) => readdirSync(d).map((f) => path.join(d, f)))
    .filter((f) => statSync(f).isFile());
  for (const text of [...outputs.map((o) => o()), ...files.map((f) => readFileSync(f, 'utf8'))]) expect(text).not.toContain(SECRET);
});

afterAll(async () => {
  await redis?.stop();
});

/**
 * A data folder holding only the NFL games of seasons `from`–`to`, taken from the real table: every process and
 * worker thread that backtests parses the whole table (7,276 games since 1999, ~0.34 CPU-s) though a grid reads
 * a few seasons. The test compares Redis with local on the same data, so fewer games prove the same.
 */
function nflGamesOf(from: number, to: number): string {
  const source = gamesFile(resolveDataDir().dir);
  if (!source) throw new Error('no NFL games table: set OMEGA_DATA_DIR');
  const [header, ...rows] = readText(source).trimEnd().split('\n');
  const season = header!.split(',').indexOf('season');
  const kept = rows.filter((r) => {
    const s = Number(r.split(',')[season]);
    return s >= from && s <= to;
  });
  const dir = tmp('nfl-data');
  mkdirSync(path.join(dir, 'nfl', 'games'), { recursive: true });
  writeFileSync(path.join(dir, 'nfl', 'games', 'games.csv'), [header, ...kept].join('\n') + '\n');
  return dir;
}

async function expectSameFiles(dir: string): Promise<void> {
  const ref = await reference();
  for (const f of FILES) expect(readFileSync(path.join(dir, f), 'utf8'), f).toBe(readFileSync(path.join(ref, f), 'utf8'));
  const runs = lines(path.join(dir, 'results.csv'))
    .slice(1)
    .map((l) => Number(l.split(',')[0]));
  expect(runs).toEqual(Array.from({ length: RUNS }, (_, i) => i)); // every run exactly once, in run-index order
}

describe('omega sweep --backend redis://…', () => {
  it('with two worker processes, one killed by SIGKILL mid-run, gives byte-identical files and every run exactly once', async () => {
    const w1 = worker();
    const w2 = worker();
    await Promise.all([ready(w1), ready(w2)]);
    const dir = out('redis');
    const coordinator = run([...SWEEP, '--backend', redis.url, '--out', dir]);
    const started = await w1.waitFor(/\(runPoint, run \d+\) started/);
    process.kill(w1.proc.pid!, 'SIGKILL');
    const killedJob = /job (\S+) /.exec(started)![1]!;
    expect(await coordinator.exited(), coordinator.stderr()).toBe(0);
    expect(coordinator.stderr()).toContain(`runs on omega workers via redis://:***@127.0.0.1:${redis.port}/0`);
    expect(w1.stderr()).not.toContain(`job ${killedJob} done`); // it really died mid-run …
    expect(jobsStarted(w2.stderr())).toContain(killedJob); // … and the run was retried on the other worker
    await expectSameFiles(dir);
    await stopProcess(w2);
  });

  it('a worker stops gracefully on SIGTERM; the coordinator, killed, resumes: finished runs are neither enqueued again nor counted twice', async () => {
    // SIGTERM as soon as the only worker starts a job: it finishes that job, takes no new one and exits; the
    // coordinator cannot finish, so killing it lands mid-sweep however fast or busy the machine is.
    // The coordinator starts once the worker serves (a SIGTERM while it starts has its own test below).
    const first = worker();
    await ready(first);
    const dir = out('resume');
    const coordinator = run([...SWEEP, '--backend', redis.url, '--out', dir]);
    const started = await first.waitFor(/\(runPoint, run \d+\) started/);
    process.kill(first.proc.pid!, 'SIGTERM');
    expect(await first.exited()).toBe(0);
    const job = /job (\S+) /.exec(started)![1]!;
    expect(first.stderr()).toContain(`job ${job} done`); // it finished its running job …
    expect(jobsStarted(first.stderr())).toEqual([job]); // … and took no new one
    expect(first.stderr()).toMatch(/SIGTERM: finishing running jobs[\s\S]*stopped/);
    // wait until the coordinator has checkpointed that run (no count of polls: the test's timeout is the hang
    // guard), then kill it (its lock file stays behind)
    while (savedRuns(dir) < 1 && coordinator.proc.exitCode === null) await sleep(50);
    expect(coordinator.proc.exitCode).toBeNull(); // still running: killed mid-sweep
    process.kill(coordinator.proc.pid!, 'SIGKILL');
    await coordinator.exited();
    expect(savedRuns(dir)).toBe(1);
    expect(existsSync(path.join(dir, 'runs.jsonl.lock'))).toBe(true);
    // a new worker takes the queued jobs while no coordinator watches; then the same command again
    const next = worker();
    const again = run([...SWEEP, '--backend', redis.url, '--out', dir, '--json']);
    await ready(next);
    expect(await again.exited(), again.stderr()).toBe(0);
    expect(again.stderr()).toContain('removing the stale lock');
    const summary = JSON.parse(again.stdout()) as { runs: number; resumed: number };
    expect(summary.runs).toBe(RUNS);
    expect(summary.resumed).toBeGreaterThanOrEqual(1);
    await expectSameFiles(dir);
    // no run was executed twice: the rerun found its jobs queued or finished in Redis, and the job the stopped
    // worker finished ran nowhere else
    const ids = [first, next].flatMap((p) => jobsStarted(p.stderr()));
    expect(ids).toHaveLength(RUNS);
    expect(new Set(ids).size).toBe(RUNS);
    await stopProcess(next);
  });

  it('a worker sent SIGTERM while it connects is not killed: it stops the graceful way once started (exit 0)', async () => {
    // the handlers are installed before this line; Node's default for SIGTERM (exit at once) would drop a job the
    // worker had just taken until its lock expired
    const w = worker();
    await w.waitFor(/connecting to redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 /);
    process.kill(w.proc.pid!, 'SIGTERM');
    expect(await w.exited()).toBe(0);
    expect(w.stderr()).toMatch(/SIGTERM[^\n]*…\n[\s\S]*stopped/);
  });

  it('waits while Redis is restarted mid-sweep, then continues', async () => {
    const w = worker();
    const dir = out('restart');
    const coordinator = run([...SWEEP, '--backend', redis.url, '--out', dir]);
    await ready(w);
    await w.waitFor(/done in/);
    // Freeze the worker at once, so no run completes before Redis goes away: the sweep is then mid-way (its other
    // runs need two more runs' time on the one worker) and the runs Redis forgets must be enqueued again. The
    // worker wakes while Redis is down, when nothing can complete either, and lives through the outage.
    process.kill(w.proc.pid!, 'SIGSTOP');
    expect(coordinator.proc.exitCode).toBeNull();
    try {
      await redis.stop();
    } finally {
      process.kill(w.proc.pid!, 'SIGCONT');
    }
    try {
      // Redis stays down until both sides have seen it go (the event itself, not a fixed wait)
      await Promise.all([coordinator.waitFor(/lost the connection to Redis/), w.waitFor(/lost the connection to Redis/)]);
    } finally {
      await redis.start(); // also when this test fails: the tests after it need Redis
    }
    expect(await coordinator.exited(), coordinator.stderr()).toBe(0);
    expect(coordinator.stderr()).toMatch(/is back; continuing/);
    expect(w.stderr()).toMatch(/is back; continuing/);
    expect(coordinator.stderr()).not.toMatch(/at .*\(node:|TCPConnectWrap/); // one line each way, no stacks
    expect(coordinator.stderr()).toMatch(/job\(s\) were missing from Redis \(restarted without persistence\?\); enqueued again/);
    await expectSameFiles(dir);
    await stopProcess(w);
  });
});

describe('omega validate and omega backtest grid --backend redis://…', () => {
  it('give what they give locally', async () => {
    // One worker process with two threads: runs finish out of input order, which the coordinator must undo.
    const w = worker(['--concurrency', '2']);
    // --no-real: the real-data columns never cross Redis (the coordinator computes them itself, in both modes, with
    // the same local call), so they cannot differ; they cost ~2.5 CPU-s per command.
    // 2 seeds: 4 runs (the model and its zero-intelligence null per seed) for the two threads; what is compared
    // is Redis against local, not the verdicts' power
    const validate = ['validate', '--seeds', '2', '--steps', '400', '--no-real', '--json', '--no-progress'];
    const grid = [
      'backtest',
      'grid',
      '--seasons',
      '2016-2018',
      '--edge',
      '0.02,0.05',
      '--kelly',
      '0.1,0.25',
      '--walk-forward',
      '--no-progress',
      '--data-dir',
      nflGamesOf(2015, 2018), // and 2015: the Elo ratings of the first season tested learn from the games before it
    ];
    const [a, b] = [out('grid-local'), out('grid-redis')];
    // all at once: the local runs need no worker, and the two coordinators share it, as users' would
    const local = run([...validate, '--workers', '1']);
    const localGrid = run([...grid, '--workers', '1', '--out', a]);
    const remote = run([...validate, '--backend', redis.url]);
    const g = run([...grid, '--backend', redis.url, '--out', b]);
    await ready(w);
    const codes = await Promise.all([local, remote, localGrid, g].map((p) => p.exited()));
    const verdicts = (text: string) => (JSON.parse(text) as { verdicts: unknown[] }).verdicts;
    expect(local.stdout()).toContain('"verdicts"');
    expect(codes[1], remote.stderr()).toBe(codes[0]);
    expect(verdicts(remote.stdout())).toEqual(verdicts(local.stdout()));
    expect(codes[2], localGrid.stderr()).toBe(0);
    expect(codes[3], g.stderr()).toBe(0);
    const csv = readFileSync(path.join(b, 'grid.csv'), 'utf8');
    expect(csv).toBe(readFileSync(path.join(a, 'grid.csv'), 'utf8'));
    expect(csv.trim().split('\n')).toHaveLength(1 + 2 * 2 * 3);
    await stopProcess(w);
  });
});

describe('failures over Redis', () => {
  it('a run that throws is retried a bounded number of times, then reported with its error and parameters (exit 2)', async () => {
    // a realistic fault: the worker machine lacks the data the backtest needs
    const w = worker([], { OMEGA_DATA_DIR: '/nonexistent-omega-data' });
    const r = run([
      'backtest',
      'grid',
      '--seasons',
      '2015-2016',
      '--edge',
      '0.01,0.05',
      '--walk-forward',
      '--backend',
      redis.url,
      '--out',
      out('grid'),
      '--no-progress',
    ]);
    await ready(w);
    expect(await r.exited()).toBe(2);
    expect(r.stderr()).toContain('4 of 4 runs failed');
    expect(r.stderr()).toMatch(
      /run 0 \(strategy=elo-edge, edge=0\.01, kelly=0\.25, minPrice=1, maxPrice=99, seasons 2015-2015\) failed after 3 attempts: OMEGA_DATA_DIR=\/nonexistent-omega-data does not exist/,
    );
    expect(r.stderr()).toContain('only the failed runs run again');
    expect([...w.stderr().matchAll(/failed \(attempt (\d) of 3\)/g)].map((m) => Number(m[1]))).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(w.stderr().match(/started, attempt/g)).toHaveLength(4 * 3); // exactly 3 tries per run, no more
    await stopProcess(w);
  });

  it('a worker refuses a job made by other code, and the coordinator stops with what to fix', async () => {
    const { startWorker } = await import('../../src/experiments/redis/worker.js');
    const { codeManifest } = await import('../../src/experiments/manifest.js');
    const { parseBackend } = await import('../../src/experiments/backend.js');
    const { runTasks } = await import('../../src/experiments/pool.js');
    const { parseModelConfig } = await import('../../src/abm/config.js');
    const backend = parseBackend(redis.url);
    if (backend.kind !== 'redis') throw new Error('expected a Redis backend');
    const logged: string[] = [];
    outputs.push(() => logged.join('\n'));
    // this worker claims another commit, as a machine with an older checkout would
    const stale = await startWorker({
      backend,
      concurrency: 1,
      log: (l) => logged.push(l),
      manifest: { ...codeManifest(), gitCommit: '0123456789abcdef0123456789abcdef01234567' },
    });
    try {
      const config = parseModelConfig({ steps: 100 });
      await expect(runTasks('runPoint', [{ config, seed: 1 }], { backend, experiment: 'manifest-check' })).rejects.toThrow(
        /a worker refused run 0 \(job manifest-check-0\): the job was made by different code than this worker runs \(job vs worker: git commit [0-9a-f]{12} vs 0123456789ab\).*restart omega worker/,
      );
      expect(logged.join('\n')).toMatch(/refused job manifest-check-0/);
    } finally {
      await stale.close();
    }
  });

  it('a password in the Redis URL never appears in output, logs or results', async () => {
    // Every test of this file runs against a Redis with a password and checks all it printed and wrote (afterEach):
    // a sweep whose worker is killed, Redis restarting, retries … Here: the wrong password, and a URL that fails to parse.
    const url = new URL(redis.url);
    const wrong = run([...SWEEP, '--backend', `redis://:wrong-${SECRET}@127.0.0.1:${url.port}`, '--out', out('wrong')]);
    const bad = run([...SWEEP, '--backend', `redis://:${SECRET}@127.0.0.1:notaport`]);
    expect(await wrong.exited()).toBe(2);
    expect(wrong.stderr()).toMatch(/refused the credentials .*WRONGPASS.*check the password/);
    expect(wrong.stderr()).toContain(`redis://:***@127.0.0.1:${url.port}/0`);
    expect(await bad.exited()).toBe(2);
    expect(bad.stderr()).toContain('--backend must be');
    for (const t of [wrong.stdout(), wrong.stderr(), bad.stdout(), bad.stderr()]) expect(t).not.toContain(SECRET);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omega, omegaSync, startRedis, stopProcess, type OmegaProcess, type RedisServer } from './redis-harness.js';

/**
 * The Redis backend end to end: a private redis-server, `omega worker` processes, the coordinator as the CLI.
 * Every comparison is against the same sweep run locally with --workers 1 (the reference bytes).
 */
/**
 * One Morris trajectory (4 runs) of 4000 steps. The number of runs is not what these tests prove (they prove
 * every run lands exactly once, byte for byte): 4 are enough and cost a third of 12. The length of a run is kept:
 * a run (0.3–0.7 CPU-s on a worker thread) is the window in which the first test's SIGKILL and the SIGTERM test's signal land inside
 * a running job. Where a test needs the sweep unfinished (the coordinator killed, Redis restarted), it does not
 * count on runs being long: it makes sure no worker can finish the sweep first (see each test).
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
  '--param',
  'agents.noise.count=20:60',
  '--steps',
  '4000',
  '--no-progress',
];
const RUNS = 4; // 1 trajectory × (3 parameters + 1)
const FILES = ['runs.jsonl', 'results.csv', 'summary.csv', 'experiment.json', 'sensitivity-mean_abs_error.csv'];
const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `omega-${name}-`));
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');
const jobsStarted = (log: string) => [...log.matchAll(/job (\S+) \(runPoint, run \d+\) started/g)].map((m) => m[1]!);
const jobsDone = (log: string) => [...log.matchAll(/job (\S+) done in/g)].map((m) => m[1]!);
/** Runs saved in a sweep's checkpoint so far (its first line is the header). */
const savedRuns = (out: string) => (existsSync(path.join(out, 'runs.jsonl')) ? lines(path.join(out, 'runs.jsonl')).length - 1 : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let reference: string;
let redis: RedisServer;
const workers: OmegaProcess[] = [];
const worker = (extra: string[] = [], env: NodeJS.ProcessEnv = {}, url = redis.url) => {
  const w = omega(['worker', '--backend', url, '--concurrency', '1', '--lock-duration', '2000', ...extra], env);
  workers.push(w);
  return w;
};
const ready = (w: OmegaProcess) => w.waitFor(/serving queue omega-runs/);

beforeAll(async () => {
  reference = tmp('local');
  const r = omegaSync([...SWEEP, '--workers', '1', '--out', reference]);
  expect(r.status, r.stderr).toBe(0);
  redis = await startRedis();
});

afterAll(async () => {
  await Promise.all(workers.map((w) => stopProcess(w, 'SIGKILL')));
  await redis?.stop();
});

function expectSameFiles(dir: string): void {
  for (const f of FILES) expect(readFileSync(path.join(dir, f), 'utf8'), f).toBe(readFileSync(path.join(reference, f), 'utf8'));
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
    const out = tmp('redis');
    const coordinator = omega([...SWEEP, '--backend', redis.url, '--out', out]);
    const started = await w1.waitFor(/\(runPoint, run \d+\) started/);
    process.kill(w1.proc.pid!, 'SIGKILL');
    const killedJob = /job (\S+) /.exec(started)![1]!;
    expect(await coordinator.exited(), coordinator.stderr()).toBe(0);
    expect(w1.stderr()).not.toContain(`job ${killedJob} done`); // it really died mid-run …
    expect(jobsStarted(w2.stderr())).toContain(killedJob); // … and the run was retried on the other worker
    expectSameFiles(out);
    expect(readFileSync(path.join(out, 'results.csv'), 'utf8')).toBe(readFileSync(path.join(reference, 'results.csv'), 'utf8'));
    await stopProcess(w2);
  });

  it('resumes after the coordinator is killed: finished runs are neither enqueued again nor counted twice', async () => {
    // A worker that takes exactly one job (SIGTERM as soon as it starts one: it finishes that job and takes no new
    // one, as the SIGTERM test shows), then none: the coordinator cannot finish, so killing it lands mid-sweep
    // however fast or busy the machine is.
    const first = worker();
    await ready(first);
    const out = tmp('resume');
    const coordinator = omega([...SWEEP, '--backend', redis.url, '--out', out]);
    await first.waitFor(/\(runPoint, run \d+\) started/);
    process.kill(first.proc.pid!, 'SIGTERM');
    expect(await first.exited()).toBe(0);
    const finished = jobsDone(first.stderr()).length;
    expect(finished).toBeGreaterThanOrEqual(1);
    expect(finished).toBeLessThan(RUNS);
    // wait until the coordinator has checkpointed what the worker finished (no count of polls: the test's timeout
    // is the hang guard), then kill it (its lock file stays behind)
    while (savedRuns(out) < finished && coordinator.proc.exitCode === null) await sleep(50);
    expect(coordinator.proc.exitCode).toBeNull(); // still running: killed mid-sweep
    process.kill(coordinator.proc.pid!, 'SIGKILL');
    await coordinator.exited();
    const saved = savedRuns(out);
    expect(saved).toBe(finished);
    expect(existsSync(path.join(out, 'runs.jsonl.lock'))).toBe(true);
    // a new worker takes the queued jobs while no coordinator watches; then the same command again
    const next = worker();
    await ready(next);
    const again = omega([...SWEEP, '--backend', redis.url, '--out', out, '--json']);
    expect(await again.exited(), again.stderr()).toBe(0);
    expect(again.stderr()).toContain('removing the stale lock');
    const summary = JSON.parse(again.stdout()) as { runs: number; resumed: number };
    expect(summary.runs).toBe(RUNS);
    expect(summary.resumed).toBeGreaterThanOrEqual(saved);
    expectSameFiles(out);
    // no run was executed twice: the rerun found its jobs queued or finished in Redis
    const ids = [first, next].flatMap((p) => jobsStarted(p.stderr()));
    expect(ids).toHaveLength(RUNS);
    expect(new Set(ids).size).toBe(RUNS);
    await stopProcess(next);
  });

  it('waits while Redis is restarted mid-sweep, then continues', async () => {
    const w = worker();
    await ready(w);
    const out = tmp('restart');
    const coordinator = omega([...SWEEP, '--backend', redis.url, '--out', out]);
    await w.waitFor(/done in/);
    // Freeze the worker at once, so no run completes before Redis goes away: the sweep is then mid-way (its other
    // runs need three more runs' time on the one worker) and the runs Redis forgets must be enqueued again. The
    // worker wakes while Redis is down, when nothing can complete either, and lives through the outage.
    process.kill(w.proc.pid!, 'SIGSTOP');
    expect(coordinator.proc.exitCode).toBeNull();
    try {
      await redis.stop();
    } finally {
      process.kill(w.proc.pid!, 'SIGCONT');
    }
    try {
      await coordinator.waitFor(/lost the connection to Redis/);
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await redis.start(); // also when this test fails: the tests after it need Redis
    }
    expect(await coordinator.exited(), coordinator.stderr()).toBe(0);
    expect(coordinator.stderr()).toMatch(/is back; continuing/);
    expect(coordinator.stderr()).not.toMatch(/at .*\(node:|TCPConnectWrap/); // one line each way, no stacks
    expect(coordinator.stderr()).toMatch(/job\(s\) were missing from Redis \(restarted without persistence\?\); enqueued again/);
    expectSameFiles(out);
    await stopProcess(w);
  });

  it('a worker stops gracefully on SIGTERM: it finishes its running job and takes no new one', async () => {
    const w1 = worker();
    await ready(w1);
    const out = tmp('sigterm');
    const coordinator = omega([...SWEEP, '--backend', redis.url, '--out', out]);
    const started = await w1.waitFor(/\(runPoint, run \d+\) started/);
    process.kill(w1.proc.pid!, 'SIGTERM');
    expect(await w1.exited()).toBe(0);
    const job = /job (\S+) /.exec(started)![1]!;
    expect(w1.stderr()).toContain(`job ${job} done`);
    expect(jobsStarted(w1.stderr())).toHaveLength(1);
    expect(w1.stderr()).toMatch(/SIGTERM: finishing running jobs[\s\S]*stopped/);
    const w2 = worker();
    expect(await coordinator.exited(), coordinator.stderr()).toBe(0);
    expect(jobsStarted(w2.stderr())).not.toContain(job);
    expectSameFiles(out);
    await stopProcess(w2);
  });
});

describe('omega validate and omega backtest grid --backend redis://…', () => {
  it('give what they give locally', async () => {
    const w = [worker(), worker()];
    await Promise.all(w.map(ready));
    const validate = ['validate', '--seeds', '4', '--steps', '400', '--json', '--no-progress'];
    const local = omegaSync([...validate, '--workers', '1']);
    const remote = omega([...validate, '--backend', redis.url]);
    await remote.exited();
    const verdicts = (text: string) => (JSON.parse(text) as { verdicts: unknown[] }).verdicts;
    expect(local.stdout).toContain('"verdicts"');
    expect(verdicts(remote.stdout())).toEqual(verdicts(local.stdout));
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
    ];
    const [a, b] = [tmp('grid-local'), tmp('grid-redis')];
    expect(omegaSync([...grid, '--workers', '1', '--out', a]).status).toBe(0);
    const g = omega([...grid, '--backend', redis.url, '--out', b]);
    expect(await g.exited(), g.stderr()).toBe(0);
    const csv = readFileSync(path.join(b, 'grid.csv'), 'utf8');
    expect(csv).toBe(readFileSync(path.join(a, 'grid.csv'), 'utf8'));
    expect(csv.trim().split('\n')).toHaveLength(1 + 2 * 2 * 3);
    await Promise.all(w.map((p) => stopProcess(p)));
  });
});

describe('failures over Redis', () => {
  it('a run that throws is retried a bounded number of times, then reported with its error and parameters (exit 2)', async () => {
    // a realistic fault: the worker machine lacks the data the backtest needs
    const w = worker([], { OMEGA_DATA_DIR: '/nonexistent-omega-data' });
    await ready(w);
    const r = omega([
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
      tmp('grid'),
      '--no-progress',
    ]);
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
    const secret = 'pa55-Omega-s3cret';
    const locked = await startRedis({ password: secret });
    try {
      const w = worker([], {}, locked.url);
      await ready(w);
      const out = tmp('secret');
      const r = omega([...SWEEP, '--backend', locked.url, '--out', out]);
      expect(await r.exited(), r.stderr()).toBe(0);
      expect(r.stderr()).toContain(`redis://:***@127.0.0.1:${locked.port}/0`);
      const wrong = omegaSync([...SWEEP, '--backend', `redis://:wrong-${secret}@127.0.0.1:${locked.port}`, '--out', tmp('wrong')]);
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toMatch(/refused the credentials .*WRONGPASS.*check the password/);
      const bad = omegaSync([...SWEEP, '--backend', `redis://:${secret}@127.0.0.1:notaport`]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--backend must be');
      await stopProcess(w);
      const texts = [
        r.stdout(),
        r.stderr(),
        w.stdout(),
        w.stderr(),
        wrong.stdout,
        wrong.stderr,
        bad.stdout,
        bad.stderr,
        ...readdirSync(out).map((f) => readFileSync(path.join(out, f), 'utf8')),
      ];
      for (const t of texts) expect(t).not.toContain(secret);
    } finally {
      await locked.stop();
    }
  });
});

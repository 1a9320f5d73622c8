import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { compiledTasksModule } from '../../src/experiments/compiled.js';
import { omega, startRedis, stopProcess } from '../../test/experiments/redis-harness.js';
import { machineLine, median } from '../machine.js';
import { sweepSpec } from './spec.js';

/** Time for a fresh worker thread to load the task module: compiled JavaScript (now) vs TypeScript through tsx (before). */
async function threadStartMs(kind: 'compiled' | 'tsx'): Promise<number> {
  const code =
    kind === 'compiled'
      ? `import(${JSON.stringify(pathToFileURL(compiledTasksModule()).href)}).then(() => process.exit(0))`
      : `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(path.resolve('src/experiments/tasks.ts')).href)}); }).then(() => process.exit(0))`;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('error', reject);
    w.once('exit', () => resolve());
  });
  return performance.now() - t0;
}

/**
 * `npm run bench -- sweep`: one Morris sweep (12 runs of 2,000 steps of the default model) on 1 local worker,
 * 2 local worker threads, and 2 `omega worker` processes through a private redis-server, each sweep in a fresh
 * process; runs/s for each, the coordinator's CPU time per job, and the thread start-up compiled code saves.
 */
export async function sweepBench(options: { reps: number }): Promise<{ ok: boolean }> {
  console.log(machineLine());
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(', ')}`,
  );
  const spec = sweepSpec();
  const runs = 12;
  console.log(
    `workload: Morris sweep, 3 trajectories × 3 parameters = ${runs} runs of ${spec.base.steps} steps of the default model (${Object.values(spec.base.agents).reduce((t, a) => t + a.count, 0)} agents); each sweep in a fresh process as omega sweep runs it (cold start included); median of ${options.reps}`,
  );
  console.log(
    'peer: the same sweep on 1 local worker (the calling thread); worker threads before this change loaded TypeScript through tsx (thread start-up below)',
  );
  const compiled = median([await threadStartMs('compiled'), await threadStartMs('compiled'), await threadStartMs('compiled')]);
  const tsx = median([await threadStartMs('tsx'), await threadStartMs('tsx'), await threadStartMs('tsx')]);
  console.log(`worker thread start-up (load the task module): compiled ${compiled.toFixed(0)} ms, tsx ${tsx.toFixed(0)} ms`);

  const timed = (label: string, args: string[]) => {
    const results = Array.from(
      { length: options.reps },
      () =>
        JSON.parse(
          execFileSync(process.execPath, ['--import', 'tsx', path.join('bench', 'sweep', 'child.ts'), ...args], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          }),
        ) as { ms: number; cpuMs: number; runs: number; rows: string },
    );
    const ms = median(results.map((r) => r.ms));
    console.log(`${label}: ${(ms / 1000).toFixed(2)} s = ${((runs * 1000) / ms).toFixed(2)} runs/s`);
    return { ms, rows: new Set(results.map((r) => r.rows)), cpuMsPerJob: median(results.map((r) => r.cpuMs)) / runs };
  };
  const one = timed('1 local worker (the calling thread)', ['1']);
  const two = timed('2 local worker threads', ['2']);

  const redis = await startRedis();
  const workers = [0, 1].map(() => omega(['worker', '--backend', redis.url, '--concurrency', '1']));
  let viaRedis: ReturnType<typeof timed>;
  try {
    await Promise.all(workers.map((w) => w.waitFor(/serving queue/)));
    viaRedis = timed('2 omega worker processes via Redis (long-lived, started before timing)', ['1', redis.url]);
  } finally {
    await Promise.all(workers.map((w) => stopProcess(w)));
    await redis.stop();
  }
  const same = new Set([...one.rows, ...two.rows, ...viaRedis.rows]).size === 1;
  console.log(
    `results identical in every run: ${same ? 'yes' : 'NO'}; coordinator CPU per job over Redis: ${viaRedis.cpuMsPerJob.toFixed(1)} ms (measured around the sweep: its one-off start — loading BullMQ, connecting, hashing the sources — plus enqueueing, polling and collecting)`,
  );
  const faster = two.ms < one.ms;
  const load = os.loadavg().map((x) => Number(x.toFixed(1)));
  console.log(
    `target: 2 local workers faster than 1 — ${faster ? 'met' : 'NOT met'} (${(one.ms / two.ms).toFixed(2)}×); load average now ${load.join(', ')} on ${os.cpus().length} cores (other processes share them)`,
  );
  const rate = (ms: number) => Number(((runs * 1000) / ms).toFixed(3));
  console.log(
    JSON.stringify({
      bench: 'sweep',
      runs,
      steps: spec.base.steps,
      local1_runs_per_s: rate(one.ms),
      local2_runs_per_s: rate(two.ms),
      redis2_runs_per_s: rate(viaRedis.ms),
      coordinator_cpu_ms_per_job: Number(viaRedis.cpuMsPerJob.toFixed(2)),
      thread_start_ms_compiled: Math.round(compiled),
      thread_start_ms_tsx: Math.round(tsx),
      identical: same,
      load_avg_1m: load[0],
    }),
  );
  return { ok: same && faster };
}

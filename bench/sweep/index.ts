import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { experimentRows, parseModelConfig, parseParameter, runExperiment, type ExperimentSpec } from '../../src/index.js';
import { compiledTasksModule } from '../../src/experiments/compiled.js';
import { omega, startRedis, stopProcess } from '../../test/experiments/redis-harness.js';
import { machineLine, median } from '../machine.js';

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
 * `npm run bench -- sweep`: one Morris sweep (12 runs of 2,000 steps of the default model) on 1 local worker
 * thread, 2 local worker threads, and 2 `omega worker` processes through a private redis-server; runs/s for
 * each, the coordinator's CPU time per job, and the thread start-up that compiled code saves.
 */
export async function sweepBench(options: { reps: number }): Promise<{ ok: boolean }> {
  console.log(machineLine());
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}`);
  const base = parseModelConfig({ steps: 2000 });
  const params = ['agents.informed.count=5:40', 'agents.marketMaker.riskAversion=0.05:0.5', 'agents.noise.count=20:60'].map((p) => parseParameter(p, base));
  const spec: ExperimentSpec = { base, design: 'morris', params, runs: 3 };
  const runs = 12;
  console.log(`workload: Morris sweep, 3 trajectories × 3 parameters = ${runs} runs of ${base.steps} steps of the default model (${Object.values(base.agents).reduce((t, a) => t + a.count, 0)} agents); median of ${options.reps}`);
  console.log('peer: the same sweep on 1 local worker thread; worker threads before this change loaded TypeScript through tsx (thread start-up below)');
  const compiled = median([await threadStartMs('compiled'), await threadStartMs('compiled'), await threadStartMs('compiled')]);
  const tsx = median([await threadStartMs('tsx'), await threadStartMs('tsx'), await threadStartMs('tsx')]);
  console.log(`thread start-up (load the task module): compiled ${compiled.toFixed(0)} ms, tsx ${tsx.toFixed(0)} ms`);

  const timed = async (label: string, opts: Parameters<typeof runExperiment>[1]) => {
    const times: number[] = [];
    let rows = '';
    let cpuMs = 0;
    for (let i = 0; i < options.reps; i++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await runExperiment(spec, opts);
      times.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuMs += (cpu.user + cpu.system) / 1000;
      rows = JSON.stringify(experimentRows(r));
    }
    const ms = median(times);
    console.log(`${label}: ${(ms / 1000).toFixed(2)} s = ${((runs * 1000) / ms).toFixed(2)} runs/s`);
    return { ms, rows, cpuMsPerJob: cpuMs / options.reps / runs };
  };
  const one = await timed('1 local worker (this thread)', { workers: 1 });
  const two = await timed('2 local worker threads', { workers: 2 });

  const redis = await startRedis();
  const workers = [0, 1].map(() => omega(['worker', '--backend', redis.url, '--concurrency', '1']));
  let viaRedis: Awaited<ReturnType<typeof timed>>;
  try {
    await Promise.all(workers.map((w) => w.waitFor(/serving queue/)));
    viaRedis = await timed('2 omega worker processes via Redis (started before timing)', { backend: redis.url });
  } finally {
    await Promise.all(workers.map((w) => stopProcess(w)));
    await redis.stop();
  }
  const same = one.rows === two.rows && one.rows === viaRedis.rows;
  console.log(`results identical on all three: ${same ? 'yes' : 'NO'}; coordinator CPU per job over Redis: ${viaRedis.cpuMsPerJob.toFixed(1)} ms`);
  const faster = two.ms < one.ms;
  const load = os.loadavg().map((x) => Number(x.toFixed(1)));
  console.log(`target: 2 local workers faster than 1 — ${faster ? 'met' : 'NOT met'} (${(one.ms / two.ms).toFixed(2)}×); load average now ${load.join(', ')} on ${os.cpus().length} cores (other processes share them)`);
  const rate = (ms: number) => Number(((runs * 1000) / ms).toFixed(3));
  console.log(JSON.stringify({ bench: 'sweep', runs, steps: base.steps, local1_runs_per_s: rate(one.ms), local2_runs_per_s: rate(two.ms), redis2_runs_per_s: rate(viaRedis.ms), coordinator_cpu_ms_per_job: Number(viaRedis.cpuMsPerJob.toFixed(2)), thread_start_ms_compiled: Math.round(compiled), thread_start_ms_tsx: Math.round(tsx), identical: same, load_avg_1m: load[0] }));
  return { ok: same && faster };
}

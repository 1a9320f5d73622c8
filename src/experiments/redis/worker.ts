import os from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Piscina } from 'piscina';
import { z } from 'zod';
import { redactUrl, type RedisBackend } from '../backend.js';
import { decodeJson, encodeJson } from '../codec.js';
import { taskThreadOptions } from '../compiled.js';
import { codeManifest, manifestMismatch, type CodeManifest } from '../manifest.js';
import { TASK_NAMES } from '../task-names.js';
import type { JobData } from './coordinator.js';
import { connectRedis, isConnectionError, JOB_ATTEMPTS, MANIFEST_REFUSAL, QUEUE_NAME } from './connection.js';

export interface WorkerOptions {
  readonly backend: RedisBackend;
  /** Jobs run at once, each on its own worker thread. */
  readonly concurrency: number;
  /** How long a job's lock lasts without renewal; a worker killed mid-run has its job retried elsewhere about this long after. */
  readonly lockDurationMs?: number;
  readonly log: (line: string) => void;
  /** The code manifest this worker checks jobs against (default: its own, {@link codeManifest}). */
  readonly manifest?: CodeManifest;
}

export interface RunningWorker {
  readonly name: string;
  readonly manifest: CodeManifest;
  /** Stop taking jobs; with `force` false, wait for the running ones to finish first. */
  close(force?: boolean): Promise<void>;
}

const jobData = z.object({
  task: z.enum(TASK_NAMES),
  index: z.number().int().nonnegative(),
  payload: z.string(),
  manifest: z.object({ packageVersion: z.string(), gitCommit: z.string().nullable(), nodeMajor: z.number().int(), sourceHash: z.string() }),
});

/**
 * `omega worker`: serve the Redis queue with `concurrency` jobs at a time. Each job runs on a piscina worker
 * thread loading src compiled to JavaScript, so the event loop stays free to renew job locks however long a
 * simulation takes. Jobs made by other code (package version, git commit, Node major, source hash) are refused
 * without retry; they would not give the coordinator's numbers.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { backend, concurrency, log } = options;
  const name = `${os.hostname()}-${process.pid}`;
  const manifest = options.manifest ?? codeManifest();
  const pool = new Piscina({
    ...taskThreadOptions({ log }),
    minThreads: concurrency,
    maxThreads: concurrency,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  const connection = await connectRedis(backend, 'worker', log, Number.POSITIVE_INFINITY);
  const lockDuration = options.lockDurationMs ?? 30_000;
  const processor = async (job: Job<JobData, string>): Promise<string> => {
    const parsed = jobData.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(
        `job ${job.id} is not an omega run (${parsed.error.issues[0]?.message ?? 'bad data'}); was it added by another program?`,
      );
    const data = parsed.data;
    const mismatch = manifestMismatch(data.manifest, manifest);
    if (mismatch) {
      log(`refused job ${job.id}: ${mismatch}`);
      throw new UnrecoverableError(`${MANIFEST_REFUSAL} ${mismatch} [worker ${name}]`);
    }
    log(`job ${job.id} (${data.task}, run ${data.index}) started, attempt ${job.attemptsMade + 1} of ${JOB_ATTEMPTS}`);
    const t0 = performance.now();
    const out: unknown = await pool.run({ task: data.task, input: decodeJson(data.payload) });
    log(`job ${job.id} done in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    return encodeJson(out);
  };
  const worker = new Worker<JobData, string>(QUEUE_NAME, processor, {
    connection,
    concurrency,
    name,
    lockDuration,
    stalledInterval: Math.max(1000, Math.min(30_000, lockDuration)),
    maxStalledCount: 5,
  });
  worker.on(
    'failed',
    (job, err) => job && log(`job ${job.id} failed (attempt ${job.attemptsMade} of ${JOB_ATTEMPTS}): ${redactUrl(err.message)}`),
  );
  worker.on('error', (err) => isConnectionError(err) || log(`worker error: ${redactUrl(err.message)}`));
  await worker.waitUntilReady();
  let closing: Promise<void> | undefined;
  return {
    name,
    manifest,
    close: (force = false) => {
      if (force)
        return worker
          .close(true)
          .then(() => pool.destroy())
          .finally(() => connection.disconnect());
      closing ??= worker
        .close()
        .then(() => pool.destroy())
        .finally(() => connection.disconnect());
      return closing;
    },
  };
}

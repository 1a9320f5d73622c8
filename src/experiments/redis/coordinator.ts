import { createHash } from 'node:crypto';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { OmegaError } from '../../core/errors.js';
import type { RedisBackend } from '../backend.js';
import { decodeJson, encodeJson } from '../codec.js';
import { codeManifest, type CodeManifest } from '../manifest.js';
import { abortError, RunsFailedError, type PoolOptions, type RunFailure } from '../pool.js';
import type { TaskMap, TaskName } from '../tasks.js';
import { connectRedis, JOB_ATTEMPTS, MANIFEST_REFUSAL, QUEUE_NAME } from './connection.js';

/** What a job carries: the task, its input (codec JSON) and the code manifest it must run under. */
export interface JobData {
  readonly task: TaskName;
  readonly index: number;
  readonly payload: string;
  readonly manifest: CodeManifest;
}

/** Jobs whose state is read every tick: the oldest pending, which workers take first (FIFO). */
const WINDOW = 256;
/** Every this many ticks, every pending job is read (catches out-of-order completions and lost jobs). */
const FULL_SCAN_EVERY = 20;

/**
 * Run tasks on `omega worker` processes through a BullMQ queue. One job per task with a deterministic id
 * (`<experiment>-<index>`, no ':'), so a rerun adds nothing that exists: jobs still queued are left alone and
 * jobs finished while no coordinator watched are collected. Results are read from each job's stored return
 * value by polling job states (events can be missed while disconnected; the stored value cannot), then the
 * job is removed; a job's completion event only cuts the wait before the next poll short. A job lost by Redis
 * (restarted without persistence) is enqueued again; every index reaches `onResult` exactly once.
 */
export async function runTasksOnRedis<K extends TaskName>(
  task: K,
  inputs: ReadonlyArray<TaskMap[K]['input']>,
  backend: RedisBackend,
  options: PoolOptions,
): Promise<Array<TaskMap[K]['output']>> {
  const total = inputs.length;
  const indices = options.indices ?? inputs.map((_, i) => i);
  if (indices.length !== total) throw new OmegaError('BAD_INDICES', `runTasks: ${indices.length} indices for ${total} inputs`);
  const experiment =
    options.experiment ?? createHash('sha256').update(task).update('\0').update(encodeJson(inputs)).digest('hex').slice(0, 32);
  if (!/^[A-Za-z0-9_-]+$/.test(experiment))
    throw new OmegaError(
      'BAD_EXPERIMENT_ID',
      `experiment id ${JSON.stringify(experiment)} may only hold letters, digits, - and _ (BullMQ job ids cannot contain ':')`,
    );
  const log = options.log ?? (() => undefined);
  const manifest = codeManifest();
  const idOf = (pos: number) => `${experiment}-${indices[pos]}`;
  const describe = (pos: number) => options.describe?.(pos) ?? `input ${pos}`;
  const jobOf = (pos: number) => ({
    name: task,
    data: { task, index: indices[pos]!, payload: encodeJson(inputs[pos]), manifest } satisfies JobData,
    opts: {
      jobId: idOf(pos),
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    },
  });

  const connection = await connectRedis(backend, 'coordinator', log);
  const queue = new Queue<JobData, string>(QUEUE_NAME, { connection });
  queue.on('error', () => undefined); // connection errors: connectRedis logs one line when lost and one when back
  const wake = wakeOnFinish(connection.duplicate(), `${experiment}-`);
  const results = new Array<TaskMap[K]['output']>(total);
  const failures: RunFailure[] = [];
  const collected: number[] = []; // kept in Redis until the batch succeeds (without a checkpoint)
  let pending = inputs.map((_, i) => i); // positions, in run-index order
  let done = 0;
  const states = async (positions: readonly number[]) => {
    const out: string[] = [];
    for (let i = 0; i < positions.length; i += 512)
      out.push(...(await Promise.all(positions.slice(i, i + 512).map((p) => queue.getJobState(idOf(p))))));
    return out;
  };
  const add = async (positions: readonly number[]) => {
    for (let i = 0; i < positions.length; i += 500) await queue.addBulk(positions.slice(i, i + 500).map(jobOf));
  };
  /** Read a finished job; true when its position is settled (result or failure), false when it must be enqueued again. */
  const settle = async (pos: number, state: string): Promise<boolean> => {
    const job = await Job.fromId<JobData, string>(queue, idOf(pos));
    if (!job) return false;
    const made = (job.data as JobData | undefined)?.manifest;
    if (
      !made ||
      made.sourceHash !== manifest.sourceHash ||
      made.gitCommit !== manifest.gitCommit ||
      made.nodeMajor !== manifest.nodeMajor ||
      made.packageVersion !== manifest.packageVersion
    ) {
      await job.remove().catch(() => undefined); // left by a coordinator of other code: its result may differ
      return false;
    }
    if (state === 'failed') {
      const reason = job.failedReason ?? 'unknown error';
      if (reason.startsWith(MANIFEST_REFUSAL))
        throw new OmegaError(
          'WORKER_MISMATCH',
          `a worker refused run ${indices[pos]} (job ${job.id}): ${reason.slice(MANIFEST_REFUSAL.length).trim()}; once every worker runs this code, the same command resumes`,
        );
      failures.push({ index: indices[pos]!, parameters: describe(pos), error: reason, attempts: job.attemptsMade });
      return true;
    }
    const out = decodeJson<TaskMap[K]['output']>(job.returnvalue);
    results[pos] = out;
    options.onResult?.(pos, out);
    options.onProgress?.(++done, total);
    if (options.checkpointed)
      await job.remove().catch(() => undefined); // saved by onResult: Redis need not keep it
    else collected.push(pos);
    return true;
  };
  const visit = async (positions: readonly number[]) => {
    const st = await states(positions);
    const settled = new Set<number>();
    const lost: number[] = [];
    for (const [k, pos] of positions.entries()) {
      const s = st[k]!;
      if (s === 'completed' || s === 'failed') {
        if (await settle(pos, s)) settled.add(pos);
        else lost.push(pos);
      } else if (s === 'unknown') lost.push(pos);
    }
    return { settled, lost };
  };

  // When Redis is away every command waits; Ctrl-C must still stop the coordinator.
  const aborted = new Promise<never>((_, reject) => {
    if (options.signal?.aborted) reject(abortError());
    options.signal?.addEventListener('abort', () => reject(abortError()), { once: true });
  });
  aborted.catch(() => undefined);
  const orAbort = <T>(p: Promise<T>) => Promise.race([p, aborted]);
  try {
    // What Redis already holds (a rerun after the coordinator stopped): collect finished jobs, retry failed ones, keep queued ones.
    const first = await orAbort(states(pending));
    const retry = pending.filter((p, k) => first[k] === 'failed');
    for (const p of retry) await (await Job.fromId(queue, idOf(p)))?.remove();
    const fresh = pending.filter((p, k) => first[k] === 'unknown' || first[k] === 'failed');
    const already = pending.filter((p, k) => first[k] === 'completed');
    if (already.length) {
      const { settled, lost } = await visit(already);
      fresh.push(...lost);
      pending = pending.filter((p) => !settled.has(p));
      if (settled.size) log(`collected ${settled.size} run(s) that workers finished while no coordinator was watching`);
    }
    if (retry.length) log(`enqueueing ${retry.length} run(s) that failed in an earlier attempt again`);
    await add(fresh.sort((a, b) => a - b));
    if (total - fresh.length - already.length > 0)
      log(`${total - fresh.length - already.length} run(s) were already queued or running (an earlier coordinator enqueued them)`);
    let tick = 0;
    let delay = 100;
    while (pending.length) {
      if (options.signal?.aborted) throw abortError();
      const scan = ++tick % FULL_SCAN_EVERY === 0 ? pending : pending.slice(0, WINDOW);
      wake.reset(); // a job finishing from here on ends the next wait early
      const { settled, lost } = await orAbort(visit(scan));
      if (lost.length) {
        log(`${lost.length} job(s) were missing from Redis (restarted without persistence?); enqueued again`);
        await add(lost);
      }
      if (settled.size) pending = pending.filter((p) => !settled.has(p));
      delay = settled.size ? 100 : Math.min(1000, delay * 1.5);
      if (pending.length) await orAbort(wake.wait(delay));
    }
    if (!failures.length) for (const pos of collected) await (await Job.fromId(queue, idOf(pos)))?.remove().catch(() => undefined);
  } finally {
    await wake.close();
    await queue.close().catch(() => undefined);
    connection.disconnect();
  }
  if (failures.length)
    throw new RunsFailedError(
      failures.sort((a, b) => a.index - b.index),
      total,
      `each was tried ${JOB_ATTEMPTS} times; fix the cause and run the same command again: only the failed runs run again`,
    );
  return results;
}

/**
 * The poll loop's wait: `wait(ms)` ends after `ms`, or as soon as a job whose id starts with `prefix` completes or
 * fails (BullMQ's event stream, read on its own blocking connection) — then the poll reads it at once instead of up
 * to a second later. A finish since the last `reset()` ends the wait at once. Events only shorten waits: a missed
 * one (Redis away) costs at most `ms`.
 */
function wakeOnFinish(eventsConnection: Redis, prefix: string) {
  eventsConnection.on('error', () => undefined); // the main connection logs the loss and the return once
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
  events.on('error', () => undefined);
  let finished = false;
  let wakeUp: (() => void) | undefined;
  const onFinish = ({ jobId }: { jobId: string }) => {
    if (!jobId.startsWith(prefix)) return;
    finished = true;
    wakeUp?.();
  };
  events.on('completed', onFinish);
  events.on('failed', onFinish);
  return {
    reset: () => {
      finished = false;
    },
    wait: (ms: number) =>
      new Promise<void>((resolve) => {
        if (finished) return resolve();
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        }
        wakeUp = done;
      }),
    close: async () => {
      await events.close().catch(() => undefined);
      eventsConnection.disconnect();
    },
  };
}

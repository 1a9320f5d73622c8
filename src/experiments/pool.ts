import os from 'node:os';
import { OmegaError } from '../core/errors.js';
import { requireFromProject } from '../core/paths.js';
import { parseBackend, type Backend } from './backend.js';
import { taskThreadOptions } from './compiled.js';
import type { TaskMap, TaskName } from './tasks.js';

export interface PoolOptions {
  /** Worker threads (default: all cores). 1 runs in this thread, with no pool at all. Ignored by a Redis backend. */
  readonly workers?: number;
  /** `local` (default) or a Redis URL (`redis://host:6379`): then `omega worker` processes on any machine run the tasks. */
  readonly backend?: Backend | string;
  /** Stable name of this batch (e.g. the experiment hash): with `indices` it makes the Redis job ids, so a rerun finds its jobs. */
  readonly experiment?: string;
  /** Run index of each input (default 0, 1, …): job ids are `<experiment>-<index>`. */
  readonly indices?: readonly number[];
  /** Called after each finished task with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with each task's position and output as soon as it finishes (e.g. to checkpoint). */
  readonly onResult?: (position: number, output: unknown) => void;
  /** Names a task's parameters in error messages (default: its run index). */
  readonly describe?: (position: number) => string;
  /** Stop submitting work; unfinished tasks reject with an AbortError. */
  readonly signal?: AbortSignal;
  /**
   * True when `onResult` saves each result durably (a checkpoint): a Redis backend then drops each job once
   * collected. Otherwise finished jobs stay in Redis until the whole batch succeeds, so a rerun after a failure
   * collects them instead of running them again.
   */
  readonly checkpointed?: boolean;
  /** Status lines (compiling, Redis connection lost and back, retries). */
  readonly log?: (line: string) => void;
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

export function abortError(): Error {
  return Object.assign(new Error('aborted'), { name: 'AbortError' });
}

/** A run that threw (after its retries, on a Redis backend): its error and parameters. */
export interface RunFailure {
  readonly index: number;
  readonly parameters: string;
  readonly error: string;
  readonly attempts: number;
}

export class RunsFailedError extends OmegaError {
  readonly failures: readonly RunFailure[];
  constructor(failures: readonly RunFailure[], total: number, hint: string) {
    const shown = failures
      .slice(0, 5)
      .map((f) => `  - run ${f.index} (${f.parameters}) failed${f.attempts > 1 ? ` after ${f.attempts} attempts` : ''}: ${f.error}`);
    super(
      'RUNS_FAILED',
      `${failures.length} of ${total} run${total > 1 ? 's' : ''} failed:\n${shown.join('\n')}${failures.length > 5 ? `\n  … and ${failures.length - 5} more` : ''}\n${hint}`,
      { failures },
    );
    this.failures = failures;
  }
}

function failure(position: number, options: PoolOptions, e: unknown, attempts = 1): RunFailure {
  return {
    index: options.indices?.[position] ?? position,
    parameters: options.describe?.(position) ?? `input ${position}`,
    error: e instanceof Error ? e.message : String(e),
    attempts,
  };
}

/**
 * Run many independent tasks, returning results in input order. Locally they run on worker threads
 * (piscina, loading src compiled to JavaScript); with `workers: 1` in the calling thread: same code,
 * same inputs, same results. With a Redis backend, BullMQ workers on any machine run them (see redis/).
 */
export async function runTasks<K extends TaskName>(
  task: K,
  inputs: ReadonlyArray<TaskMap[K]['input']>,
  options: PoolOptions = {},
): Promise<Array<TaskMap[K]['output']>> {
  const backend = typeof options.backend === 'string' ? parseBackend(options.backend) : (options.backend ?? { kind: 'local' as const });
  if (inputs.length === 0) return []; // e.g. every run came from the checkpoint: no pool, no Redis needed
  if (backend.kind === 'redis') {
    const { runTasksOnRedis } = await import('./redis/coordinator.js');
    return runTasksOnRedis(task, inputs, backend, options);
  }
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
  const total = inputs.length;
  let done = 0;
  const finish = (i: number, r: TaskMap[K]['output']) => {
    options.onResult?.(i, r);
    options.onProgress?.(++done, total);
    return r;
  };
  if (workers === 1 || total <= 1) {
    // loaded here, not at the top: a Redis coordinator or a thread pool never runs a task in this thread (≈ 0.4 CPU-s saved at start)
    const { runTask } = await import('./tasks.js');
    const out: Array<TaskMap[K]['output']> = [];
    for (const [i, input] of inputs.entries()) {
      if (options.signal?.aborted) throw abortError();
      let r: TaskMap[K]['output'];
      try {
        r = await runTask({ task, input });
      } catch (e) {
        throw new RunsFailedError([failure(i, options, e)], total, 'the other runs were not started; fix the cause and run again');
      }
      out.push(finish(i, r));
    }
    return out;
  }
  const threads = Math.min(workers, total);
  // loaded here, not at the top: a Redis coordinator or a one-thread run never starts a pool. Through require, not
  // import(): tslab turns import() into require + __importStar, which copies only enumerable properties, and
  // piscina's CommonJS export carries its `Piscina` class on a non-enumerable one ("Piscina is not a constructor")
  const { Piscina } = requireFromProject()('piscina') as typeof import('piscina');
  const pool = new Piscina({
    ...taskThreadOptions({ log: options.log }),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
  });
  // one listener for the whole batch (a signal per task would add one listener each: MaxListenersExceededWarning)
  let aborted = false;
  let destroyed: Promise<void> | undefined;
  const destroy = () => (destroyed ??= pool.destroy());
  const onAbort = () => {
    aborted = true;
    void destroy();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) throw abortError();
    let failed: RunFailure | undefined;
    const results = await Promise.allSettled(
      inputs.map(async (input, i) => {
        let r: TaskMap[K]['output'];
        try {
          r = (await pool.run({ task, input })) as TaskMap[K]['output'];
        } catch (e) {
          if (!aborted && !failed) {
            failed = failure(i, options, e);
            void destroy(); // stop the rest: the batch fails anyway
          }
          throw e;
        }
        return finish(i, r);
      }),
    );
    if (aborted) throw abortError();
    if (failed) throw new RunsFailedError([failed], total, 'runs still queued were stopped; fix the cause and run again');
    return results.map((r) => (r as PromiseFulfilledResult<TaskMap[K]['output']>).value);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await destroy();
  }
}

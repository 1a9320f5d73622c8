import os from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { projectRoot } from '../core/paths.js';
import { runTask, type TaskMap, type TaskName } from './tasks.js';

export interface PoolOptions {
  /** Worker threads (default: all cores). 1 runs in this thread, with no pool at all. */
  readonly workers?: number;
  /** Called after each finished task with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with each task's index and output as soon as it finishes (e.g. to checkpoint). */
  readonly onResult?: (index: number, output: unknown) => void;
  /** Stop submitting work; unfinished tasks reject with an AbortError. */
  readonly signal?: AbortSignal;
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * Run many independent tasks on all cores (piscina worker threads), returning results in input order.
 * With `workers: 1` the tasks run in the calling thread: same code, same inputs, same results.
 */
export async function runTasks<K extends TaskName>(task: K, inputs: ReadonlyArray<TaskMap[K]['input']>, options: PoolOptions = {}): Promise<Array<TaskMap[K]['output']>> {
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
  const total = inputs.length;
  let done = 0;
  if (workers === 1 || total <= 1) {
    const out: Array<TaskMap[K]['output']> = [];
    for (const [i, input] of inputs.entries()) {
      if (options.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      const r = await runTask({ task, input });
      out.push(r);
      options.onResult?.(i, r);
      options.onProgress?.(++done, total);
    }
    return out;
  }
  const pool = new Piscina({ filename: path.join(projectRoot(), 'bin', 'worker.mjs'), minThreads: Math.min(workers, total), maxThreads: Math.min(workers, total), idleTimeout: 1000 });
  try {
    return await Promise.all(
      inputs.map(async (input, i) => {
        const r = (await pool.run({ task, input }, { signal: options.signal })) as TaskMap[K]['output'];
        options.onResult?.(i, r);
        options.onProgress?.(++done, total);
        return r;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

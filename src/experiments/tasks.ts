import { Model } from '../abm/model.js';
import type { ModelConfig } from '../abm/config.js';
import { marketRuns } from '../facts/from-model.js';
import { seedStats, type SeedStats } from '../facts/seed-stats.js';

/**
 * Units of work a worker thread can run. Inputs and outputs are plain data (structured-clone safe),
 * and each task depends only on its input, so a pool returns exactly what a single thread would.
 */
export interface TaskMap {
  /** Run the model with one seed and return the stylized-facts statistics of each market. */
  factsForSeed: { input: { config: ModelConfig; seed: number; scale: number }; output: SeedStats[] };
}

export type TaskName = keyof TaskMap;

export const TASKS: { [K in TaskName]: (input: TaskMap[K]['input']) => TaskMap[K]['output'] } = {
  factsForSeed: ({ config, seed, scale }) => {
    const model = Model.create({ ...config, seed, agentCollectEvery: config.steps }).run();
    return marketRuns(model).map((r) => seedStats(r, scale));
  },
};

/** The worker's entry (bin/worker.mjs): `{ task, input }` → output. */
export function runTask<K extends TaskName>(message: { task: K; input: TaskMap[K]['input'] }): TaskMap[K]['output'] {
  const f = TASKS[message.task];
  if (!f) throw new Error(`unknown task ${String(message.task)}`);
  return f(message.input);
}

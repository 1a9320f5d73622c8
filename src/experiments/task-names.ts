import type { TaskName } from './tasks.js';

/**
 * Every task's name, for code that must not load the tasks themselves: an `omega worker`'s main thread checks job
 * data with it while its worker threads run the tasks (loading tasks.ts there too cost each worker ≈ 0.4 CPU-s at
 * start). `satisfies` keeps the list equal to {@link TaskName}: a missing or extra name fails to compile.
 */
export const TASK_NAMES = Object.keys({
  factsForSeed: true,
  realFacts: true,
  homerPair: true,
  runPoint: true,
  nflBacktest: true,
} satisfies Record<TaskName, true>) as [TaskName, ...TaskName[]];

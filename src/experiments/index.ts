export { runTasks, defaultWorkers, type PoolOptions } from './pool.js';
export { validateModel, type ValidateOptions } from './validate.js';
export { TASKS, runTask, type TaskMap, type TaskName } from './tasks.js';

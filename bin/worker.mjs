// Entry of every worker thread in the pool: load TypeScript through tsx, then serve tasks
// from src/experiments/tasks.ts (piscina calls the default export with each task).
import { register } from 'tsx/esm/api';

register();
const tasks = await import('../src/experiments/tasks.ts');
export default tasks.runTask;

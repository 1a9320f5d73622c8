export { runTasks, defaultWorkers, type PoolOptions } from './pool.js';
export { validateModel, type ValidateOptions } from './validate.js';
export { TASKS, runTask, type TaskMap, type TaskName } from './tasks.js';
export { fullFactorial, latinHypercube, oneAtATime, morrisDesign, saltelliDesign, type ParameterRange, type Point } from './designs.js';
export { morrisIndices, sobolIndices, type MorrisIndex, type SobolIndex } from './sensitivity.js';
export { runMetrics, METRIC_DESCRIPTIONS, type RunMetrics } from './metrics.js';
export { configAt, setPath, parseParameter } from './points.js';
export { runExperiment, experimentRows, experimentHash, summarizeMetrics, DESIGNS, type Design, type ExperimentSpec, type ExperimentResult, type RunRecord, type MetricSummary, type RunExperimentOptions } from './experiment.js';
export { notebookProgress } from './progress.js';

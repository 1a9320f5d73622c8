export { runTasks, defaultWorkers, RunsFailedError, type PoolOptions, type RunFailure } from './pool.js';
export { parseBackend, redactUrl, type Backend, type RedisBackend } from './backend.js';
export { ensureBuild } from './compiled.js';
export { validateModel, type ValidateOptions, type ValidateResult } from './validate.js';
export { recordedGames, realDataStats, type RecordedGame } from './real-data.js';
export { TASKS, runTask, type TaskMap, type TaskName } from './tasks.js';
export { fullFactorial, latinHypercube, oneAtATime, morrisDesign, saltelliDesign, type ParameterRange, type Point } from './designs.js';
export { morrisIndices, sobolIndices, type MorrisIndex, type SobolIndex } from './sensitivity.js';
export { runMetrics, METRIC_DESCRIPTIONS, type RunMetrics } from './metrics.js';
export { configAt, setPath, parseParameter } from './points.js';
export {
  runExperiment,
  experimentRows,
  experimentHash,
  summarizeMetrics,
  DESIGNS,
  type Design,
  type ExperimentSpec,
  type ExperimentResult,
  type RunRecord,
  type MetricSummary,
  type RunExperimentOptions,
} from './experiment.js';
export { notebookProgress } from './progress.js';
export { powerAnalysis, REFERENCE_MISCALIBRATIONS, type Miscalibration, type PowerOptions, type PowerRow } from './power.js';
export { homerBias, type HomerBiasResult, type HomerPairMarket, type BiasEstimate } from './homer-bias.js';

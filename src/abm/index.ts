export { Model, type ModelOptions, type RunManifest, type MarketOutcome, type SchedulePhase } from './model.js';
export {
  ModelConfigSchema,
  NoiseParamsSchema,
  InformedParamsSchema,
  ArbitrageurParamsSchema,
  MarketMakerParamsSchema,
  HomerParamsSchema,
  LlmParamsSchema,
  TruthSchema,
  scheduleLength,
  MarketsSchema,
  parseModelConfig,
  loadModelConfig,
  defaultModelConfig,
  configHash,
  canonicalJson,
  mergeDeep,
  FAMILIES,
  type ModelConfig,
  type ModelConfigInput,
  type FamilyName,
  type NoiseParams,
  type InformedParams,
  type ArbitrageurParams,
  type MarketMakerParams,
  type HomerParams,
  type LlmParams,
  type ParamMeta,
  type TruthParams,
} from './config.js';
export {
  DataCollector,
  DEFAULT_MODEL_REPORTERS,
  DEFAULT_AGENT_REPORTERS,
  type ModelReporter,
  type AgentReporter,
  type Cell,
  type Columns,
} from './collector.js';
export { AgentContext } from './context.js';
export { MarketState } from './market-state.js';
export { kellyFraction, kellyContracts, positionLimit } from './risk.js';
export { draw, center, type Spread } from './params.js';
export {
  Agent,
  NoiseTrader,
  InformedTrader,
  Arbitrageur,
  MarketMaker,
  Homer,
  LlmAgent,
  createAgents,
  type NoiseStyle,
} from './agents/index.js';
export {
  LlmClient,
  LlmEndpointError,
  checkEndpointUrl,
  type ChatMessage,
  type ChatResult,
  type ChatFailure,
  type LlmClientOptions,
  type LlmUsage,
} from './llm/client.js';
export { readReply, estimateTokens, type TokenUsage } from './llm/reply.js';
export { ResponseCache, type CachedReply } from './llm/cache.js';
export { parseDecision, LlmDecisionSchema, type LlmDecision } from './llm/decision.js';
export { summarize, llmSummary, type RunSummary, type FamilySummary, type MarketSummary, type LlmSummary } from './summary.js';
export { simulationReport, summaryTables } from './report.js';
export { tradesForSpread, expectedPnlByFamily, randomTraderDecisions } from './analysis.js';
export {
  winProbability,
  scoreForProbability,
  scoreTruthPath,
  recordedTruthPath,
  DEFAULT_SCORE_TRUTH,
  type ScoreTruthParams,
  type TruthPath,
} from './truth/index.js';
export { zeroIntelligenceConfig } from './zero-intelligence.js';

export { skewness } from './skewness.js';
export { excessKurtosis } from './excess-kurtosis.js';
export { centralMoment } from './central-moment.js';
export { jarqueBera } from './jarque-bera.js';
export { acf } from './acf.js';
export { ljungBox } from './ljung-box.js';
export { mcLeodLi } from './mcleod-li.js';
export { archLm } from './arch-lm.js';
export { hillTailIndex } from './hill.js';
export { hurstDfa } from './hurst-dfa.js';
export { absAcfDecay } from './acf-decay.js';
export { volumeVolatilityCorrelation } from './volume-volatility.js';
export { gainLossAsymmetry } from './gain-loss.js';
export { leverageCorrelation } from './leverage.js';
export { priceChanges, logitChanges, aggregateReturns } from './returns.js';
export { favouriteLongshotSlope } from './favourite-longshot.js';
export { excessMovement } from './excess-movement.js';
export { convergence, spearman } from './convergence.js';
export { seriesFacts, toReturns, type SeriesFacts, type SeriesFactsOptions, type ReturnTransform } from './series-facts.js';
export type { ResolvedMarket } from './resolved-market.js';
export {
  FACTS,
  THRESHOLD_CHANGELOG,
  NULL_MODELS,
  NULL_DESCRIPTIONS,
  NO_AUTOCORRELATION_NULL_FAILURE_RATE,
  satisfies,
  intervalSatisfies,
  describeThreshold,
  type FactSpec,
  type Tier,
  type Comparison,
  type NullName,
  type Population,
  type SeedRule,
} from './thresholds.js';
export {
  evaluateSuite,
  evaluateFact,
  judgePooled,
  differsFrom,
  verdictRows,
  bootstrapCi,
  GROUP_STATISTIC,
  GROUP_PASSES,
  type Verdict,
  type SuiteResult,
  type SuiteInput,
  type PopulationValue,
} from './suite.js';
export { modelSeries } from './from-model.js';
export { truthOnlySeries, shuffledReturns } from './nulls.js';
export { longshotPremium } from './longshot-premium.js';
export { runFactRows } from './run-verdicts.js';
export { calibrationByHorizon, type HorizonCalibration } from './truth-calibration.js';
export { pooledAcf, robustPortmanteau, panelCorrelation, demeanEach } from './panel.js';
export { intermittency } from './intermittency.js';
export { adjustedExcessKurtosis } from './sample-kurtosis.js';
export { fitGarch11, type Garch11Fit } from './garch.js';
export { timeScaleAsymmetry } from './time-scale-asymmetry.js';
export {
  analysisReturns,
  aggregateEach,
  standardizeEach,
  type MarketSeries,
  type AnalysisOptions,
  type AnalysisReturns,
} from './market-series.js';
export { groupStats, pooledArchLm, SAMPLE_FRACTIONS, type GroupStats } from './group-stats.js';

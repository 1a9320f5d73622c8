export { nelderMead, type MinimizeResult } from './optimize.js';
export { metropolisHastings, summarizeDraws, type McmcResult, type PosteriorSummary } from './mcmc.js';
export { simulateMerton, mertonLogDensity, mertonCumulants, type MertonParams, type JumpPath } from './jump-diffusion/merton.js';
export { simulateKou, kouLogDensity, type KouParams } from './jump-diffusion/kou.js';
export {
  calibrateMertonMoments,
  calibrateMertonMle,
  calibrateMertonMcmc,
  calibrateKouMle,
  calibrateKouMcmc,
  mertonLogLikelihood,
  kouLogLikelihood,
  type MleResult,
  type McmcCalibration,
} from './jump-diffusion/calibrate.js';
export {
  kyleLambda,
  estimateKyleLambda,
  rollSpread,
  spreadDecomposition,
  squareRootImpact,
  almgrenChriss,
  type TradeForSpread,
  type AlmgrenChrissParams,
} from './microstructure.js';
export { lexiconSentiment, aggregateSentiment, panicCoefficient, csad, herdingRegression } from './sentiment.js';
export { recencyWeights, recencyWeightedMean, loyaltyAdjustment, gamblersFallacyTest } from './biases.js';

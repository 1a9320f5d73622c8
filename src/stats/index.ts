export { mean } from './mean.js';
export { std } from './standard-deviation.js';
export { pearson } from './correlation.js';
export { calibration, type CalibrationResult } from './calibration.js';
export { ols, type OlsResult } from './ols.js';
export { chiSquareSurvival, normalTwoSided, tTwoSided, normalQuantileStd, tQuantileDf } from './distributions.js';
export { sharpeRatio, sortinoRatio, drawdowns, type DrawdownSummary } from './performance-ratios.js';
export { linearCalibration, logisticCalibration, type CalibrationRegression, type Estimate } from './recalibration.js';
export { binomialUpperTail, binomialLowerTail, clopperPearson } from './binomial.js';

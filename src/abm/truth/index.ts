export { winProbability, scoreForProbability, scoreTruthPath, DEFAULT_SCORE_TRUTH, type ScoreTruthParams } from './score.js';
export { recordedTruthPath, type TruthPath } from './path.js';

export { winProbability, scoreForProbability, scoreTruthPath, type ScoreTruthParams } from './score.js';
export { recordedTruthPath, type TruthPath } from './path.js';

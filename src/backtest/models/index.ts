export { americanToImplied, americanToDecimal, devig, overround, moneylineHomeProbability, type DevigMethod } from './odds.js';
export { EloModel, eloProbabilities, FIVETHIRTYEIGHT_ELO, type EloParams } from './elo.js';
export { spreadProbability, fitSpreadModel, type SpreadModel, type SpreadLink } from './spread.js';

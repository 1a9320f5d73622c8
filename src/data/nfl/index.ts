export { loadGames, parseGames, kickoffUtcMs, winner, gamesFrame, GameRowSchema, type Game, type LoadedGames, type LoadOptions } from './games.js';
export { loadCrosswalk, type TeamCrosswalk } from './teams.js';
export { loadFiveThirtyEightElo, fiveThirtyEightHomeProbabilities, EloRowSchema, type FiveThirtyEightElo } from './elo-file.js';
export { loadWinProbabilities, type WinProbabilitySeries, type WinProbabilityPoint } from './pbp.js';

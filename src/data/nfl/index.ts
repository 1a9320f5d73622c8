export { loadGames, parseGames, kickoffUtcMs, winner, gamesFrame, GameRowSchema, gameRowSchema, type Game, type LoadedGames, type LoadOptions } from './games.js';
export { loadCrosswalk, NFLVERSE_TEAMS, type TeamCrosswalk } from './teams.js';
export { loadFiveThirtyEightElo, fiveThirtyEightHomeProbabilities, EloRowSchema, type FiveThirtyEightElo } from './elo-file.js';
export { loadWinProbabilities, type WinProbabilitySeries, type WinProbabilityPoint } from './pbp.js';

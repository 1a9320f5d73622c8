export { readCsv, numericColumn, type CsvTable } from './csv.js';
export { resolveDataDir, ensureDownloadedGames, gamesFile, findSharedData, NFLVERSE_GAMES_URL, type DataDirOptions, type ResolvedDataDir } from './data-dir.js';
export { readText } from './read-text.js';
export { parseRows, optionalNumber, requiredNumber, requiredString, type RowIssue, type OnInvalid, type Parsed } from './row-validation.js';
export * from './nfl/index.js';

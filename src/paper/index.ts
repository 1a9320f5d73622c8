export { PaperEngine, sessionPaths, type PaperEngineOptions, type PaperSummary, type PaperMode } from './engine.js';
export {
  runPaperSession,
  nflMarkets,
  sessionStrategy,
  sessionFills,
  sessionRisk,
  type PaperRunOptions,
  type VenueConnection,
  type NflMarkets,
} from './session.js';
export { PaperConfigSchema, parsePaperConfig, type PaperConfig, type PaperConfigInput } from './config.js';
export { adminLockstep, type LockstepControl, type ReplayPosition } from './lockstep.js';
export { SessionLedger, readLedger, RecoveryDivergenceError, LEDGER_PREFIX, type LedgerType } from './ledger.js';
export {
  compareSession,
  matchOrders,
  settledEquity,
  sessionRecord,
  type PaperComparison,
  type ComparedOrder,
  type MatchedOrder,
  type Difference,
  type Cause,
} from './compare.js';
export { writeComparisonReport, comparisonTables } from './compare-report.js';
export { KalshiVenue } from './kalshi-venue.js';
export { nflVenueInstruments } from './instruments.js';

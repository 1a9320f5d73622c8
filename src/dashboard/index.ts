export { startDashboard, type Dashboard, type DashboardOptions } from './server.js';
export { DashboardSession, ControlConflictError, realTimers, type SessionOptions, type SessionEvent, type Timers } from './session.js';
export { SeriesRecorder } from './series.js';
export {
  LIMITS as DASHBOARD_LIMITS,
  DEFAULT_PACE,
  ResetRequestSchema,
  PaceRequestSchema,
  configFor,
  checkDashboardLimits,
  settingsFromConfig,
  mergeSettings,
  mergePace,
} from './controls.js';
export type {
  Settings,
  Pace,
  Status,
  Snapshot,
  StepBatch,
  StateMessage,
  StepRows,
  BookSnapshot,
  Summary,
  ControlReply,
  ErrorReply,
} from './protocol.js';

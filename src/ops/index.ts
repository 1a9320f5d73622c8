export { AuditLog, verifyAuditLog, readAuditLog, AUDIT_PREFIX, type AuditType, type AuditLogOptions } from './audit/audit-log.js';
export { ChainLog, type ChainLogOptions, type TailRepair } from './audit/chain-log.js';
export {
  scanChain,
  readChain,
  describeVerdict,
  ChainCorruptError,
  type ChainVerdict,
  type ChainOk,
  type ChainBroken,
} from './audit/verify.js';
export { GENESIS_HASH, recordHash, type ChainRecord } from './audit/record.js';
export type { FsyncPolicy } from './append-file.js';
export { sha256Hex } from './canonical.js';
export { redactSecrets, scrubText, REDACTED } from './redact.js';
export { createLogger, silentOpsLogger, type OpsLogger, type LoggerSetup } from './logger.js';
export { SessionMetrics, serveMetrics, type MetricsServer } from './metrics.js';
export {
  drawdownRule,
  errorRateRule,
  circuitOpenRule,
  staleDataRule,
  positionLimitRule,
  reconciliationRule,
  ErrorWindow,
  type AlertRule,
  type OpsSnapshot,
  type Breach,
  type Severity,
} from './alerts/rules.js';
export {
  consoleChannel,
  webhookChannel,
  WebhookDeliveryError,
  type Alert,
  type AlertChannel,
  type WebhookOptions,
} from './alerts/channels.js';
export { AlertManager, type AlertManagerOptions } from './alerts/manager.js';

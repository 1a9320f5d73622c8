import type { Clock } from '../../core/clock.js';
import type { FsyncPolicy } from '../append-file.js';
import { ChainLog } from './chain-log.js';
import { scanChain, readChain, type ChainVerdict } from './verify.js';
import type { ChainRecord } from './record.js';

export const AUDIT_PREFIX = 'audit';

/**
 * What the audit log records. Every decision, order, acknowledgement, fill, cancel, alert and config
 * change of a session is one record; the data are the event's own fields (never a key or signature).
 */
export type AuditType =
  | 'session.start'
  | 'session.resume'
  | 'session.stop'
  | 'config'
  | 'decision'
  | 'order.submit'
  | 'order.ack'
  | 'order.reject'
  | 'order.cancel'
  | 'order.amend'
  | 'order.refused'
  | 'fill'
  | 'resolution'
  | 'risk.block'
  | 'kill_switch'
  | 'alert'
  | 'recovery'
  | 'reconcile';

export interface AuditLogOptions {
  readonly clock: Clock;
  /** Default `always` (each record fsync'd before `append` returns); see {@link FsyncPolicy}. */
  readonly fsync?: FsyncPolicy;
  readonly maxSegmentBytes?: number;
}

/** The tamper-evident audit log of a session: a {@link ChainLog} of `audit-*.jsonl` segments. */
export class AuditLog extends ChainLog {
  constructor(dir: string, options: AuditLogOptions) {
    super(dir, { ...options, prefix: AUDIT_PREFIX });
  }

  record<T>(type: AuditType, data: T): ChainRecord<T> {
    return this.append(type, data);
  }
}

/** Verify an audit folder: OK with the head, or the first bad sequence number and why. */
export function verifyAuditLog(dir: string): ChainVerdict {
  return scanChain(dir, AUDIT_PREFIX);
}

/** Every record of an audit folder, verified (a torn tail is tolerated when asked). */
export function readAuditLog(dir: string, options: { allowTornTail?: boolean } = {}): ChainRecord[] {
  return readChain(dir, AUDIT_PREFIX, options);
}

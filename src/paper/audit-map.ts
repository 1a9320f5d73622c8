import type { AuditType } from '../ops/audit/audit-log.js';
import type { ChainRecord } from '../ops/audit/record.js';

/**
 * Which ledger records the audit log repeats, and as what. Market data and account snapshots stay in
 * the ledger only; every decision (request), acknowledgement, fill, cancel, resolution, alert, config
 * and kill-switch record is audited with the ledger sequence number it came from.
 */
export function auditTypeOf(r: ChainRecord): AuditType | undefined {
  const d = r.data as { op?: string; type?: string };
  switch (r.type) {
    case 'session':
      return 'config';
    case 'request':
      return d.op === 'submit' ? 'order.submit' : d.op === 'cancel' ? 'order.cancel' : 'order.amend';
    case 'order':
      return d.type === 'accepted'
        ? 'order.ack'
        : d.type === 'rejected'
          ? 'order.reject'
          : d.type === 'canceled'
            ? 'order.cancel'
            : d.type === 'amended'
              ? 'order.amend'
              : 'order.refused';
    case 'fill':
      return 'fill';
    case 'resolution':
      return 'resolution';
    case 'alert':
      return 'alert';
    case 'halt':
      return 'kill_switch';
    case 'risk':
      return 'risk.block';
    case 'restart':
      return 'recovery';
    case 'stop':
      return 'session.stop';
    default:
      return undefined;
  }
}

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../core/errors.js';
import { AUDIT_PREFIX, describeVerdict, verifyAuditLog } from '../ops/index.js';
import { listSegments } from '../ops/audit/segments.js';

/** The audit folder a user named: the folder itself, or a paper session folder holding `audit/`. */
function resolveAuditDir(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ValidationError(`audit verify: ${dir} is not a folder (give an audit folder or a paper session folder)`);
  if (listSegments(dir, AUDIT_PREFIX).length > 0) return dir;
  const inner = path.join(dir, 'audit');
  if (listSegments(inner, AUDIT_PREFIX).length > 0) return inner;
  throw new ValidationError(`audit verify: no audit log in ${dir} (expected ${AUDIT_PREFIX}-*.jsonl files there or in ${inner})`);
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log of paper sessions');
  audit
    .command('verify')
    .description(
      'check every record of an audit log (hash chain, sequence numbers, canonical bytes); exit 1 naming the first bad sequence number',
    )
    .argument('<dir>', 'an audit folder or a paper session folder')
    .option('--json', 'print one JSON object')
    .action((dir: string, opts: { json?: boolean }) => {
      const folder = resolveAuditDir(dir);
      const verdict = verifyAuditLog(folder);
      process.stdout.write(opts.json ? `${JSON.stringify({ dir: folder, ...verdict })}\n` : `${describeVerdict(folder, verdict)}\n`);
      if (!verdict.ok) process.exitCode = 1;
    });
}

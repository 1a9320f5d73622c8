import { readFileSync } from 'node:fs';
import { OmegaError } from '../../core/errors.js';
import path from 'node:path';
import { checkLine, GENESIS_HASH, type ChainRecord, type LineCheck } from './record.js';

type LineFailure = Extract<LineCheck, { ok: false }>;
type LineSuccess = Extract<LineCheck, { ok: true }>;
import { listSegments } from './segments.js';

export interface ChainOk {
  readonly ok: true;
  readonly records: number;
  readonly segments: number;
  /** Sequence number and hash of the last record (0 and the genesis hash for an empty log). */
  readonly lastSeq: number;
  readonly lastHash: string;
}

export interface ChainBroken {
  readonly ok: false;
  /** The first sequence number that does not verify (the record holding the first bad byte). */
  readonly firstBadSeq: number;
  readonly file: string;
  /** 1-based line in `file`. */
  readonly line: number;
  /** Byte offset in `file` where the bad record starts. */
  readonly offset: number;
  readonly reason: string;
  /** True when the only problem is an unterminated last record (a write torn by a crash). */
  readonly torn: boolean;
  readonly recordsVerified: number;
}

export type ChainVerdict = ChainOk | ChainBroken;

/**
 * Walk every record of a chained log in order, checking each against the one before it (see
 * `checkLine`), the segment names against the sequence numbers, and that the last segment ends with a
 * newline. Stops at the first bad record and names its sequence number. `onRecord` sees each good one.
 */
export function scanChain(dir: string, prefix: string, onRecord?: (r: ChainRecord) => void): ChainVerdict {
  const segments = listSegments(dir, prefix);
  let expected = 1;
  let prev = GENESIS_HASH;
  const broken = (file: string, line: number, offset: number, reason: string, torn = false): ChainBroken => ({
    ok: false,
    firstBadSeq: expected,
    file,
    line,
    offset,
    reason,
    torn,
    recordsVerified: expected - 1,
  });
  for (const [i, seg] of segments.entries()) {
    const buf = readFileSync(seg.file);
    const name = path.basename(seg.file);
    if (seg.firstSeq !== expected) {
      return broken(
        seg.file,
        1,
        0,
        `segment ${name} should start at sequence number ${expected} (a segment was removed, renamed or added)`,
      );
    }
    let start = 0;
    let line = 1;
    while (start < buf.length) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) {
        const last = i === segments.length - 1;
        return broken(
          seg.file,
          line,
          start,
          last
            ? 'the last record has no terminating newline (torn write, or its newline was edited)'
            : 'record without a terminating newline before the next segment',
          last,
        );
      }
      const check = checkLine(buf.subarray(start, nl), expected, prev);
      // explicit casts: tslab compiles without strict null checks, where `ok` does not narrow the union
      if (!check.ok) return broken(seg.file, line, start, (check as LineFailure).reason);
      const record = (check as LineSuccess).record;
      onRecord?.(record);
      prev = record.hash;
      expected++;
      line++;
      start = nl + 1;
    }
    if (buf.length === 0 && i < segments.length - 1) return broken(seg.file, 1, 0, `segment ${name} is empty but is not the last one`);
  }
  return { ok: true, records: expected - 1, segments: segments.length, lastSeq: expected - 1, lastHash: prev };
}

/** Every record of a chained log, verified; throws naming the first bad record. */
export function readChain<T = unknown>(dir: string, prefix: string, options: { allowTornTail?: boolean } = {}): ChainRecord<T>[] {
  const out: ChainRecord<T>[] = [];
  const verdict = scanChain(dir, prefix, (r) => out.push(r as ChainRecord<T>));
  const bad = verdict as ChainBroken;
  if (!verdict.ok && !(bad.torn && options.allowTornTail)) throw new ChainCorruptError(bad);
  return out;
}

/** A chained log failed verification. */
export class ChainCorruptError extends OmegaError {
  constructor(readonly verdict: ChainBroken) {
    super(
      'CHAIN_BROKEN',
      `${verdict.file}: record ${verdict.firstBadSeq} (line ${verdict.line}) does not verify: ${verdict.reason} (run \`omega audit verify ${path.dirname(verdict.file)}\`; nothing was changed)`,
      { verdict },
    );
  }
}

/** One line for people: what verified, or the first bad sequence number and why. */
export function describeVerdict(dir: string, v: ChainVerdict): string {
  if (v.ok) {
    const ok = v as ChainOk;
    return `${dir}: OK — ${ok.records} records in ${ok.segments} file${ok.segments === 1 ? '' : 's'}, seq 1..${ok.lastSeq}, head ${ok.lastHash.slice(0, 16)}`;
  }
  const b = v as ChainBroken;
  return `${dir}: FAILED at seq ${b.firstBadSeq} (${path.basename(b.file)} line ${b.line}, byte ${b.offset}): ${b.reason}; records 1..${b.recordsVerified} verify`;
}

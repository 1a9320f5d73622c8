import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../core/clock.js';
import { AppendFile, splitTornTail, syncDirectory, truncateDurably, type FsyncPolicy } from '../append-file.js';
import { redactSecrets } from '../redact.js';
import { chainRecordSchema, checkLine, GENESIS_HASH, recordHash, RECORD_TYPE, sealRecord, type ChainRecord } from './record.js';
import { listSegments, segmentName, type Segment } from './segments.js';
import { ChainCorruptError } from './verify.js';

export interface ChainLogOptions {
  readonly clock: Clock;
  /** File name prefix of the segments (`audit`, `ledger`). */
  readonly prefix: string;
  /** Default `always`: a record is on disk when `append` returns (see {@link FsyncPolicy}). */
  readonly fsync?: FsyncPolicy;
  /** Start a new segment before one would pass this size. Default 64 MiB. */
  readonly maxSegmentBytes?: number;
}

/** What opening found at the end of the log and did about it. */
export interface TailRepair {
  readonly file: string;
  /** `truncated`: a torn record was cut off; `completed`: a whole last record only lacked its newline. */
  readonly action: 'truncated' | 'completed';
  readonly bytes: number;
}

/**
 * An append-only, SHA-256 hash-chained log in a folder of segment files (the audit log and the session
 * ledger). Opening resumes the chain: a torn last record left by a crash is cut off (or, if the record
 * is whole and only its newline is missing, completed), and later appends chain from the last good
 * record. Every record's data passes through `redactSecrets` first, so no key, signature or PEM text
 * is ever written.
 */
export class ChainLog {
  readonly dir: string;
  readonly repair: TailRepair | undefined;
  private readonly clock: Clock;
  private readonly prefix: string;
  private readonly fsync: FsyncPolicy;
  private readonly maxSegmentBytes: number;
  private file: AppendFile | undefined;
  private seq: number;
  private hash: string;

  constructor(dir: string, options: ChainLogOptions) {
    this.dir = dir;
    this.clock = options.clock;
    this.prefix = options.prefix;
    this.fsync = options.fsync ?? 'always';
    this.maxSegmentBytes = options.maxSegmentBytes ?? 64 * 2 ** 20;
    if (!(this.maxSegmentBytes > 0)) throw new RangeError(`ChainLog: maxSegmentBytes must be positive, got ${this.maxSegmentBytes}`);
    mkdirSync(dir, { recursive: true });
    const segments = listSegments(dir, this.prefix);
    const opened = segments.length === 0 ? this.firstSegment() : this.resume(segments);
    this.seq = opened.seq;
    this.hash = opened.hash;
    this.repair = opened.repair;
    this.file = new AppendFile(opened.file, this.fsync);
  }

  /** Sequence number and hash of the last record written (0 and the genesis hash when empty). */
  get head(): { seq: number; hash: string } {
    return { seq: this.seq, hash: this.hash };
  }

  /** Append one record; returns it as written. */
  append<T>(type: string, data: T): ChainRecord<T> {
    if (!RECORD_TYPE.test(type))
      throw new TypeError(`ChainLog.append: type ${JSON.stringify(type)} must be lower-case words joined by dots`);
    const time = this.clock.now();
    if (!Number.isFinite(time)) throw new RangeError(`ChainLog.append: the clock returned ${time}`);
    const { record, line } = sealRecord(this.seq + 1, time, type, redactSecrets(data), this.hash);
    const bytes = Buffer.from(line, 'utf8');
    const file = this.openFile();
    if (file.size > 0 && file.size + bytes.length > this.maxSegmentBytes) this.rotate(record.seq);
    this.openFile().append(bytes);
    this.seq = record.seq;
    this.hash = record.hash;
    return record;
  }

  /** Force appended records to disk (what `batch` fsync waits for). */
  sync(): void {
    this.file?.sync();
  }

  close(): void {
    this.file?.close();
    this.file = undefined;
  }

  private openFile(): AppendFile {
    if (this.file === undefined) throw new Error(`ChainLog: ${this.dir} is closed`);
    return this.file;
  }

  private rotate(firstSeq: number): void {
    this.openFile().close();
    this.file = new AppendFile(path.join(this.dir, segmentName(this.prefix, firstSeq)), this.fsync);
    syncDirectory(this.dir);
  }

  private firstSegment(): { file: string; seq: number; hash: string; repair: undefined } {
    const file = path.join(this.dir, segmentName(this.prefix, 1));
    new AppendFile(file, this.fsync).close();
    syncDirectory(this.dir);
    return { file, seq: 0, hash: GENESIS_HASH, repair: undefined };
  }

  /** Find the last whole record (checking its own hash), and repair a torn tail after it. */
  private resume(segments: Segment[]): { file: string; seq: number; hash: string; repair: TailRepair | undefined } {
    const last = segments[segments.length - 1]!;
    const { complete, tail } = splitTornTail(last.file);
    const head = this.lastRecord(segments, complete);
    let repair: TailRepair | undefined;
    if (tail.length > 0) {
      const check = checkLine(tail, head.seq + 1, head.hash);
      if (check.ok) {
        const whole = (check as Extract<typeof check, { ok: true }>).record;
        const f = new AppendFile(last.file, 'always');
        f.append(Buffer.from('\n'));
        f.close();
        repair = { file: last.file, action: 'completed', bytes: 1 };
        return { file: last.file, seq: whole.seq, hash: whole.hash, repair };
      }
      truncateDurably(last.file, complete.length);
      repair = { file: last.file, action: 'truncated', bytes: tail.length };
    }
    return { file: last.file, seq: head.seq, hash: head.hash, repair };
  }

  private lastRecord(segments: Segment[], lastComplete: Buffer): { seq: number; hash: string } {
    for (let i = segments.length - 1; i >= 0; i--) {
      const seg = segments[i]!;
      const buf = i === segments.length - 1 ? lastComplete : readFileSync(seg.file);
      if (buf.length === 0) continue;
      const end = buf.length - 1; // the newline
      const start = buf.lastIndexOf(0x0a, end - 1) + 1;
      const line = buf.subarray(start, end);
      const parsed = chainRecordSchema.safeParse(safeJson(line));
      if (!parsed.success || recordHash(parsed.data) !== parsed.data.hash) {
        const lineNo = buf.subarray(0, start).filter((b) => b === 0x0a).length + 1;
        throw new ChainCorruptError({
          ok: false,
          firstBadSeq: seg.firstSeq + lineNo - 1,
          file: seg.file,
          line: lineNo,
          offset: start,
          reason: 'the last record does not verify; refusing to append after it',
          torn: false,
          recordsVerified: 0,
        });
      }
      return { seq: parsed.data.seq, hash: parsed.data.hash };
    }
    return { seq: segments[0]!.firstSeq - 1, hash: GENESIS_HASH };
  }
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

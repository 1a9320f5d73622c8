import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../canonical.js';

/** The `prev` of the first record of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** A record type: lower-case words joined by dots (`order.submit`, `fill`, `alert`). */
export const RECORD_TYPE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;

/**
 * One line of a chained log, written as canonical JSON. `hash` is the SHA-256 of the canonical JSON of
 * the other five fields; `prev` is the previous record's `hash`, so editing, removing or reordering any
 * record breaks the chain at that record.
 */
export interface ChainRecord<T = unknown> {
  readonly seq: number;
  /** Milliseconds from the injected clock. */
  readonly time: number;
  readonly type: string;
  readonly data: T;
  readonly prev: string;
  readonly hash: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

export const chainRecordSchema = z
  .object({
    seq: z.number().int().min(1),
    time: z.number().refine(Number.isFinite, 'must be a finite number'),
    type: z.string().regex(RECORD_TYPE),
    data: z.unknown().refine((v) => v !== undefined, 'is required'),
    prev: z.string().regex(HEX64),
    hash: z.string().regex(HEX64),
  })
  .strict();

/** The hash a record must carry. */
export function recordHash(r: Omit<ChainRecord, 'hash'>): string {
  return sha256Hex(canonicalJson({ seq: r.seq, time: r.time, type: r.type, data: r.data, prev: r.prev }));
}

/** A record with its hash filled in, and the exact line (with newline) that stores it. */
export function sealRecord<T>(seq: number, time: number, type: string, data: T, prev: string): { record: ChainRecord<T>; line: string } {
  const hash = recordHash({ seq, time, type, data, prev });
  const record: ChainRecord<T> = { seq, time, type, data, prev, hash };
  return { record, line: `${canonicalJson(record)}\n` };
}

export type LineCheck = { ok: true; record: ChainRecord } | { ok: false; reason: string };

/**
 * Check one stored line (without its newline) as record number `expectedSeq` following `prevHash`:
 * it parses, is exactly the canonical bytes of what it parses to, has the fields and nothing else,
 * carries the expected sequence number and previous hash, and its own hash matches.
 */
export function checkLine(bytes: Buffer, expectedSeq: number, prevHash: string): LineCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty line where a record should be' };
  let parsed: unknown;
  const text = bytes.toString('utf8');
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const r = chainRecordSchema.safeParse(parsed);
  if (!r.success)
    return { ok: false, reason: `not a record (${r.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ')})` };
  if (!Buffer.from(canonicalJson(parsed), 'utf8').equals(bytes))
    return { ok: false, reason: 'bytes are not the canonical JSON of the record (edited in place)' };
  const record = r.data as ChainRecord;
  if (record.seq !== expectedSeq)
    return {
      ok: false,
      reason: `sequence number ${record.seq} where ${expectedSeq} was expected (a record was removed, duplicated or reordered)`,
    };
  if (record.prev !== prevHash) return { ok: false, reason: `prev ${record.prev} does not match the previous record's hash ${prevHash}` };
  if (recordHash(record) !== record.hash) return { ok: false, reason: 'hash does not match the record content' };
  return { ok: true, record };
}

import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { Rng } from '../../src/core/rng.js';
import { AuditLog, readAuditLog, verifyAuditLog } from '../../src/ops/audit/audit-log.js';
import { GENESIS_HASH, recordHash } from '../../src/ops/audit/record.js';
import { canonicalJson, sha256Hex } from '../../src/ops/canonical.js';
import { describeVerdict } from '../../src/ops/audit/verify.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'omega-audit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A log of `n` varied records, the clock stepping 1 s per record. */
function writeLog(dir: string, n: number, maxSegmentBytes?: number): void {
  const clock = new ManualClock(1_700_000_000_000);
  const log = new AuditLog(dir, { clock, maxSegmentBytes });
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    if (i % 3 === 0) log.record('decision', { ticker: `NFL-${i}`, edge: i / 100, note: 'buy YES: model 0.61 vs ask 0.55' });
    else if (i % 3 === 1) log.record('order.submit', { clientOrderId: `c-${i}`, side: 'bid', price: 40 + (i % 20), count: i + 1 });
    else log.record('fill', { tradeId: `t-${i}`, price: 55, count: 2, fee: 2, isTaker: true, unicode: 'Chiefs – 49ers ✓' });
  }
  log.close();
}

const segmentFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => path.join(dir, f));

/** For every byte of the log: the sequence number of the record whose line (with its newline) holds it. */
function byteOwners(dir: string): Array<{ file: string; offset: number; seq: number }> {
  const out: Array<{ file: string; offset: number; seq: number }> = [];
  for (const file of segmentFiles(dir)) {
    const buf = readFileSync(file);
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(0x0a, start);
      const seq = (JSON.parse(buf.subarray(start, nl).toString('utf8')) as { seq: number }).seq;
      for (let o = start; o <= nl; o++) out.push({ file, offset: o, seq });
      start = nl + 1;
    }
  }
  return out;
}

describe('audit log: a SHA-256 hash chain over canonical JSON', () => {
  it('chains each record to the one before, with times from the injected clock', () => {
    const dir = tempDir();
    const clock = new ManualClock(1000);
    const log = new AuditLog(dir, { clock });
    const a = log.record('config', { strategy: 'edge', b: 1, a: 2 });
    clock.advance(5);
    const b = log.record('decision', { x: 1 });
    log.close();
    expect(a.seq).toBe(1);
    expect(a.prev).toBe(GENESIS_HASH);
    expect(a.time).toBe(1000);
    expect(b.prev).toBe(a.hash);
    expect(b.time).toBe(1005);
    // the hash is SHA-256 of the canonical JSON of the other fields, computed independently here
    const body = '{"data":{"a":2,"b":1,"strategy":"edge"},"prev":"' + GENESIS_HASH + '","seq":1,"time":1000,"type":"config"}';
    expect(canonicalJson({ seq: 1, time: 1000, type: 'config', data: { strategy: 'edge', b: 1, a: 2 }, prev: GENESIS_HASH })).toBe(body);
    expect(a.hash).toBe(sha256Hex(body));
    expect(recordHash(a)).toBe(a.hash);
    // the file holds exactly the canonical lines
    const text = readFileSync(segmentFiles(dir)[0]!, 'utf8');
    expect(text).toBe(`${canonicalJson(a)}\n${canonicalJson(b)}\n`);
    expect(verifyAuditLog(dir)).toMatchObject({ ok: true, records: 2, lastSeq: 2, lastHash: b.hash });
  });

  it('sha256Hex matches the FIPS 180-2 test vector for "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('continues the chain when reopened, and across rotated segment files', () => {
    const dir = tempDir();
    writeLog(dir, 30, 600);
    writeLog(dir, 30, 600); // reopen: appends continue at seq 31
    const files = segmentFiles(dir);
    expect(files.length).toBeGreaterThan(5);
    expect(path.basename(files[0]!)).toBe('audit-000000000001.jsonl');
    const records = readAuditLog(dir);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (let i = 1; i < records.length; i++) expect(records[i]!.prev).toBe(records[i - 1]!.hash);
    // each segment is named after its first record and starts where the previous one ended
    for (const f of files) {
      const first = JSON.parse(readFileSync(f, 'utf8').split('\n')[0]!) as { seq: number };
      expect(path.basename(f)).toBe(`audit-${String(first.seq).padStart(12, '0')}.jsonl`);
    }
    for (const f of files) expect(readFileSync(f).length).toBeLessThanOrEqual(600);
    const v = verifyAuditLog(dir);
    expect(v).toMatchObject({ ok: true, records: 60, segments: files.length });
    expect(describeVerdict(dir, v)).toMatch(/OK — 60 records in \d+ files, seq 1\.\.60/);
  });

  it('an empty folder verifies as an empty chain', () => {
    expect(verifyAuditLog(path.join(tempDir(), 'none'))).toMatchObject({ ok: true, records: 0 });
  });
});

describe('audit log: a torn last record', () => {
  it('is reported by verify, truncated on open, and later appends still verify', () => {
    const dir = tempDir();
    writeLog(dir, 10);
    const file = segmentFiles(dir)[0]!;
    const before = readFileSync(file);
    const partial = '{"data":{"ticker":"NFL-9","ed';
    appendFileSync(file, partial); // a crash in the middle of a write
    const torn = verifyAuditLog(dir);
    expect(torn).toMatchObject({ ok: false, firstBadSeq: 11, torn: true, line: 11 });
    expect(readAuditLog(dir, { allowTornTail: true })).toHaveLength(10);
    expect(() => readAuditLog(dir)).toThrow(/record 11 \(line 11\) does not verify/);

    const clock = new ManualClock(2e12);
    const log = new AuditLog(dir, { clock });
    expect(log.repair).toEqual({ file, action: 'truncated', bytes: Buffer.byteLength(partial) });
    expect(readFileSync(file).equals(before)).toBe(true);
    log.record('session.resume', { after: 'crash' });
    log.record('fill', { tradeId: 't-x' });
    log.close();
    expect(verifyAuditLog(dir)).toMatchObject({ ok: true, records: 12 });
  });

  it('a whole last record that only lost its newline is completed, not dropped', () => {
    const dir = tempDir();
    writeLog(dir, 5);
    const file = segmentFiles(dir)[0]!;
    const buf = readFileSync(file);
    writeFileSync(file, buf.subarray(0, buf.length - 1));
    expect(verifyAuditLog(dir)).toMatchObject({ ok: false, firstBadSeq: 5, torn: true });
    const log = new AuditLog(dir, { clock: new ManualClock(0) });
    expect(log.repair).toMatchObject({ action: 'completed', bytes: 1 });
    expect(log.head.seq).toBe(5);
    log.close();
    expect(readFileSync(file).equals(buf)).toBe(true);
  });

  it('refuses to append after a last record that does not verify', () => {
    const dir = tempDir();
    writeLog(dir, 3);
    const file = segmentFiles(dir)[0]!;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/"count":2/g, '"count":3'));
    expect(() => new AuditLog(dir, { clock: new ManualClock(0) })).toThrow(
      /record 3 \(line 3\) does not verify: the last record does not verify/,
    );
    expect(readFileSync(file, 'utf8')).toBe(text.replace(/"count":2/g, '"count":3')); // nothing written
  });
});

describe('audit log: tamper evidence', () => {
  it('catches and locates each of 100 random single-byte edits anywhere in a rotated log', () => {
    const dir = tempDir();
    writeLog(dir, 120, 4000);
    const files = segmentFiles(dir);
    expect(files.length).toBeGreaterThan(3);
    const owners = byteOwners(dir);
    const originals = new Map(files.map((f) => [f, readFileSync(f)]));
    const rng = Rng.derive(20240611, 'audit-tamper');
    for (let k = 0; k < 100; k++) {
      const at = owners[rng.int(0, owners.length - 1)]!;
      const original = originals.get(at.file)!;
      const edited = Buffer.from(original);
      edited[at.offset] = (original[at.offset]! + rng.int(1, 255)) % 256; // any value but the original
      writeFileSync(at.file, edited);
      const v = verifyAuditLog(dir);
      writeFileSync(at.file, original);
      expect(v.ok, `edit ${k} at ${path.basename(at.file)}:${at.offset}`).toBe(false);
      if (!v.ok) expect(v.firstBadSeq, `edit ${k} at ${path.basename(at.file)}:${at.offset}: ${v.reason}`).toBe(at.seq);
    }
    expect(verifyAuditLog(dir).ok).toBe(true);
  });

  it('catches a removed record, two records swapped, a record re-hashed after editing, and a missing segment', () => {
    const dir = tempDir();
    writeLog(dir, 40, 1500);
    const files = segmentFiles(dir);
    const f = files[1]!;
    const original = readFileSync(f, 'utf8');
    const lines = original.split('\n').slice(0, -1);
    const firstSeq = (JSON.parse(lines[0]!) as { seq: number }).seq;

    writeFileSync(f, [...lines.slice(0, 1), ...lines.slice(2)].join('\n') + '\n');
    expect(verifyAuditLog(dir)).toMatchObject({ ok: false, firstBadSeq: firstSeq + 1 });

    writeFileSync(f, [lines[1], lines[0], ...lines.slice(2)].join('\n') + '\n');
    expect(verifyAuditLog(dir)).toMatchObject({ ok: false, firstBadSeq: firstSeq });

    // an attacker who edits a record and recomputes its own hash still breaks the next record's prev
    const r = JSON.parse(lines[0]!) as {
      seq: number;
      time: number;
      type: string;
      data: Record<string, unknown>;
      prev: string;
      hash: string;
    };
    const forged = { ...r, data: { ...r.data, forged: true } };
    forged.hash = recordHash(forged);
    writeFileSync(f, [canonicalJson(forged), ...lines.slice(1)].join('\n') + '\n');
    const v = verifyAuditLog(dir);
    expect(v).toMatchObject({ ok: false, firstBadSeq: firstSeq + 1 });
    if (!v.ok) expect(v.reason).toMatch(/prev/);
    writeFileSync(f, original);

    rmSync(f);
    const gone = verifyAuditLog(dir);
    expect(gone).toMatchObject({ ok: false, firstBadSeq: firstSeq });
    if (!gone.ok) expect(gone.reason).toMatch(/should start at sequence number/);
  });
});

describe('audit log: secrets never written', () => {
  it('redacts keys, signatures, PEM text and URL passwords before hashing and writing', () => {
    const dir = tempDir();
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
    const log = new AuditLog(dir, { clock: new ManualClock(0) });
    log.record('config', {
      keyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
      privateKey: pem,
      nested: { signature: 'c2lnbmF0dXJlLXNlY3JldC0xMjM0NQ==', 'KALSHI-ACCESS-SIGNATURE': 'sigsigsig987' },
      note: `loaded ${pem} from disk`,
      webhook: 'https://ops:hunter2secret@hooks.example.test/alerts',
      header: 'KALSHI-ACCESS-KEY: keykeykey654',
      strategy: 'edge',
    });
    log.close();
    const text = segmentFiles(dir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
    for (const secret of [
      'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
      'BEGIN PRIVATE KEY',
      'c2lnbmF0dXJlLXNlY3JldC0xMjM0NQ==',
      'sigsigsig987',
      'hunter2secret',
      'keykeykey654',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('"strategy":"edge"');
    expect(text).toContain('hooks.example.test/alerts');
    expect(verifyAuditLog(dir).ok).toBe(true);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { verifyAuditLog } from '../../src/ops/audit/audit-log.js';
import { KalshiRestClient } from '../../src/venues/kalshi/rest/client.js';
import type { LocalExchange } from '../../src/venues/kalshi/server/local-exchange.js';
import { memorySessionDirs } from '../helpers/memory-dir.js';
import { connection, exchangesPerTest, folderBytes, runSessionChild } from './harness.js';

const memorySessionDir = memorySessionDirs();

/** Lines in the session's ledger so far. */
function ledgerLines(dir: string): number {
  const f = path.join(dir, 'ledger', 'ledger-000000000001.jsonl');
  if (!existsSync(f)) return 0;
  const b = readFileSync(f);
  // polled every millisecond while a child runs: Buffer.indexOf finds each newline natively
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

async function positions(ex: LocalExchange, keyId: string, pem: string) {
  const c = connection(ex, keyId, pem);
  const rest = new KalshiRestClient({ baseUrl: c.restUrl, credentials: c.credentials, tier: 'off' });
  const out: unknown[] = [];
  for await (const p of rest.positions({ limit: 1000 })) out.push(p);
  const balance = await rest.getBalance();
  rest.close();
  return { balance: balance.balanceCents, positions: out };
}

/** The first line where two base64-encoded files differ, for a readable failure. */
function firstDifference(a: string, b: string): string {
  const x = Buffer.from(a, 'base64').toString('utf8').split('\n');
  const y = Buffer.from(b, 'base64').toString('utf8').split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if (x[i] !== y[i])
      return `line ${i + 1}:\n  uninterrupted: ${(x[i] ?? '(none)').slice(0, 400)}\n  recovered:     ${(y[i] ?? '(none)').slice(0, 400)}`;
  return 'same lines';
}

/** The session in a child; with `kill`, SIGKILL it `extraMs` after its ledger holds `atLine` lines. */
const runChild = (ex: LocalExchange, dir: string, key: { keyId: string; pem: string }, kill?: { atLine: number; extraMs: number }) =>
  runSessionChild(
    'session-child.ts',
    ex,
    dir,
    key,
    kill ? { killWhen: (d) => ledgerLines(d) >= kill.atLine, killDelayMs: kill.extraMs } : {},
  );

describe('crash recovery: kill -9 at random moments', () => {
  const exchanges = exchangesPerTest();

  it('50 kills and restarts end with the ledger, audit chain and positions of an uninterrupted run', async () => {
    const key = exchanges.key();
    const refEx = await exchanges.start();
    const refDir = memorySessionDir(); // in memory: 52 children fsync every record (memory-dir.ts says why)
    const ref = await runChild(refEx, refDir, key);
    expect(ref.finished, ref.err).toBe(true);
    const total = ledgerLines(refDir);
    const refPositions = await positions(refEx, key.keyId, key.pem);

    const ex = await exchanges.start();
    const dir = memorySessionDir();
    // 50 moments spread over the whole session: a ledger line count, then a random few milliseconds more
    const rng = Rng.derive(11, 'paper-crash-moments');
    const moments = Array.from({ length: 50 }, () => ({ atLine: rng.int(0, total - 8), extraMs: rng.int(0, 15) })).sort(
      (x, y) => x.atLine - y.atLine,
    );
    let kills = 0;
    for (const m of moments) {
      const r = await runChild(ex, dir, key, m);
      if (!r.finished) kills++;
    }
    const last = await runChild(ex, dir, key);
    expect(last.finished || /already stopped/.test(last.err), last.err).toBe(true);
    expect(existsSync(path.join(dir, 'recoveries.jsonl'))).toBe(true);

    const a = folderBytes(path.join(refDir, 'ledger'));
    const b = folderBytes(path.join(dir, 'ledger'));
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [f, bytes] of a)
      expect(b.get(f), `ledger ${f} differs from the uninterrupted run: ${firstDifference(bytes, b.get(f) ?? '')}`).toBe(bytes);
    const aa = folderBytes(path.join(refDir, 'audit'));
    const ab = folderBytes(path.join(dir, 'audit'));
    for (const [f, bytes] of aa)
      expect(ab.get(f), `audit ${f} differs from the uninterrupted run: ${firstDifference(bytes, ab.get(f) ?? '')}`).toBe(bytes);
    expect(verifyAuditLog(path.join(dir, 'audit'))).toMatchObject({ ok: true });
    expect(await positions(ex, key.keyId, key.pem)).toEqual(refPositions);
    expect(readFileSync(path.join(dir, 'recoveries.jsonl'), 'utf8').split('\n').filter(Boolean).length).toBeGreaterThan(0);
    expect(kills).toBeGreaterThanOrEqual(45);
  }, 900_000);
});

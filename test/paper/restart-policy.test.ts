import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/ops/audit/audit-log.js';
import { readLedger } from '../../src/paper/ledger.js';
import type { ChainRecord } from '../../src/ops/audit/record.js';
import { KalshiRestClient } from '../../src/venues/kalshi/rest/client.js';
import type { LocalExchange } from '../../src/venues/kalshi/server/local-exchange.js';
import { connection, exchangesPerTest, ledgerText, runSessionChild } from './harness.js';
import { memorySessionDirs } from '../helpers/memory-dir.js';

const memorySessionDir = memorySessionDirs();

/** The resting-bids session in a child; with `killWhen`, SIGKILL it as soon as the session folder satisfies it. */
const runChild = (
  ex: LocalExchange,
  dir: string,
  key: { keyId: string; pem: string },
  policy: 'adopt' | 'cancel',
  killWhen?: (dir: string) => boolean,
) => runSessionChild('resting-child.ts', ex, dir, key, { env: { PAPER_AT_RESTART: policy }, ...(killWhen ? { killWhen } : {}) });

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Client order ids with contracts still resting after the given ledger records. */
function openOrders(records: readonly ChainRecord[]): string[] {
  const left = new Map<string, number>();
  for (const r of records) {
    const d = r.data as {
      type?: string;
      clientOrderId?: string;
      count?: number;
      op?: string;
      order?: { clientOrderId: string; count: number };
    };
    if (r.type === 'request' && d.op === 'submit') left.set(d.order!.clientOrderId, d.order!.count);
    if (r.type === 'order' && (d.type === 'canceled' || d.type === 'rejected')) left.delete(d.clientOrderId!);
    if (r.type === 'fill') left.set(d.clientOrderId!, (left.get(d.clientOrderId!) ?? 0) - d.count!);
  }
  return [...left].filter(([, n]) => n > 0).map(([id]) => id);
}

async function restingAtVenue(ex: LocalExchange, key: { keyId: string; pem: string }): Promise<string[]> {
  const c = connection(ex, key.keyId, key.pem);
  const rest = new KalshiRestClient({ baseUrl: c.restUrl, credentials: c.credentials, tier: 'off' });
  const out: string[] = [];
  for await (const o of rest.orders({ status: 'resting', limit: 1000 })) out.push(o.clientOrderId);
  rest.close();
  return out.sort();
}

describe('open orders after a crash: adopted or canceled as configured', () => {
  const exchanges = exchangesPerTest();
  // killed once three orders were accepted by the venue
  const threeResting = (d: string) => count(ledgerText(d), '"type":"accepted"') >= 3;
  const recovered = (d: string) =>
    existsSync(path.join(d, 'recoveries.jsonl')) && readFileSync(path.join(d, 'recoveries.jsonl'), 'utf8').includes('"event":"reconciled"');

  it('cancel: the orders left open are canceled first, the ledger says which, and a crash during that is replayed', async () => {
    const key = exchanges.key();
    const ex = await exchanges.start();
    const dir = memorySessionDir();
    expect((await runChild(ex, dir, key, 'cancel', threeResting)).finished).toBe(false);
    // what rests at the venue now (an order may have filled there after the ledger's last record: reconciliation finds it)
    const atCrash = await restingAtVenue(ex, key);
    expect(atCrash.length).toBeGreaterThan(0);
    expect(openOrders(readLedger(path.join(dir, 'ledger')))).toEqual(expect.arrayContaining(atCrash));

    // killed again right after the restart record: the cancels it names are sent by the next restart
    expect((await runChild(ex, dir, key, 'cancel', (d) => ledgerText(d).includes('"type":"restart"'))).finished).toBe(false);
    const last = await runChild(ex, dir, key, 'cancel');
    expect(last.finished, last.err).toBe(true);

    const records = readLedger(path.join(dir, 'ledger'));
    const restarts = records.filter((r) => r.type === 'restart');
    expect(restarts.map((r) => (r.data as { cancel: string[] }).cancel.slice().sort())).toEqual([atCrash]); // the second restart found nothing open
    const after = records.slice(records.indexOf(restarts[0]!));
    for (const id of atCrash) {
      expect(
        after.filter(
          (r) =>
            r.type === 'request' &&
            (r.data as { op: string; clientOrderId?: string }).op === 'cancel' &&
            (r.data as { clientOrderId: string }).clientOrderId === id,
        ),
      ).toHaveLength(1);
      expect(
        after.some(
          (r) =>
            r.type === 'order' &&
            (r.data as { type: string; clientOrderId: string }).type === 'canceled' &&
            (r.data as { clientOrderId: string }).clientOrderId === id,
        ),
      ).toBe(true);
    }
    for (const id of atCrash) expect(await restingAtVenue(ex, key)).not.toContain(id);
    expect(verifyAuditLog(path.join(dir, 'audit'))).toMatchObject({ ok: true });
    expect(readFileSync(path.join(dir, 'audit', 'audit-000000000001.jsonl'), 'utf8')).toContain('"type":"recovery"');
  }, 600_000);

  it('adopt (the default): the orders left open keep resting, no cancel is sent for them, and the venue closing them at settlement reaches the session', async () => {
    const key = exchanges.key();
    const ex = await exchanges.start();
    const dir = memorySessionDir();
    expect((await runChild(ex, dir, key, 'adopt', threeResting)).finished).toBe(false);
    const atCrash = await restingAtVenue(ex, key);
    expect(atCrash.length).toBeGreaterThan(0);
    // killed again once the restart has reconciled: the orders still rest, none was canceled
    expect((await runChild(ex, dir, key, 'adopt', recovered)).finished).toBe(false);
    expect(await restingAtVenue(ex, key)).toEqual(expect.arrayContaining(atCrash));
    const last = await runChild(ex, dir, key, 'adopt');
    expect(last.finished, last.err).toBe(true);
    const records = readLedger(path.join(dir, 'ledger'));
    expect(records.some((r) => r.type === 'restart')).toBe(false);
    expect(records.filter((r) => r.type === 'request' && (r.data as { op: string }).op === 'cancel')).toEqual([]); // kept at stop too
    // every market settled: the venue closed the orders still resting, and the session heard of each
    // (market_closed, before the resolution, as the backtester's exchange does), so none is left open
    expect(await restingAtVenue(ex, key)).toEqual([]);
    expect(openOrders(records)).toEqual([]);
    const closed = records.filter(
      (r) =>
        r.type === 'order' &&
        (r.data as { type: string; reason?: string }).type === 'canceled' &&
        (r.data as { reason: string }).reason === 'market_closed',
    );
    expect(closed.length).toBeGreaterThan(0);
    for (const c of closed) {
      const ticker = records.find(
        (r) =>
          r.type === 'request' &&
          (r.data as { order?: { clientOrderId: string } }).order?.clientOrderId === (c.data as { clientOrderId: string }).clientOrderId,
      )!.data as { order: { ticker: string } };
      const resolution = records.findIndex((r) => r.type === 'resolution' && (r.data as { ticker: string }).ticker === ticker.order.ticker);
      expect(resolution).toBeGreaterThan(records.indexOf(c));
    }
    expect((JSON.parse(readFileSync(path.join(dir, 'status.json'), 'utf8')) as { openOrders: number }).openOrders).toBe(0);
    expect(verifyAuditLog(path.join(dir, 'audit'))).toMatchObject({ ok: true });
  }, 600_000);
});

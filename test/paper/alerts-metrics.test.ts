import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookChannel } from '../../src/ops/alerts/channels.js';
import type { Alert } from '../../src/ops/alerts/channels.js';
import { drawdownRule, reconciliationRule } from '../../src/ops/alerts/rules.js';
import { readAuditLog } from '../../src/ops/audit/audit-log.js';
import { SessionMetrics, serveMetrics } from '../../src/ops/metrics.js';
import { parsePaperConfig } from '../../src/paper/config.js';
import { readLedger } from '../../src/paper/ledger.js';
import { adminLockstep } from '../../src/paper/lockstep.js';
import { nflMarkets, runPaperSession } from '../../src/paper/session.js';
import { KalshiRestClient } from '../../src/venues/kalshi/rest/client.js';
import type { LocalExchange } from '../../src/venues/kalshi/server/local-exchange.js';
import { connection, makeStateTemplate, startExchange, tempSession } from './harness.js';

describe('a paper session raises alerts once per breach and exposes metrics', () => {
  let ex: LocalExchange;
  let key: { template: string; keyId: string; pem: string };
  beforeAll(async () => {
    key = await makeStateTemplate();
    ex = await startExchange(key.template);
  });
  afterAll(async () => {
    await ex.stop();
  });

  it('a drawdown alert reaches a loopback webhook and the audit log the same number of times, once per breach', async () => {
    const posts: Array<{ rule: string; time: number; value: number }> = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posts.push(JSON.parse(body) as { rule: string; time: number; value: number });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const metrics = new SessionMetrics();
    const server = await serveMetrics(metrics.registry);
    const dir = tempSession();
    try {
      const summary = await runPaperSession({
        dir,
        config: parsePaperConfig({ strategy: 'elo-edge', season: 2023, weeks: [1] }),
        markets: await nflMarkets({ season: 2023, weeks: [1] }),
        venue: connection(ex, key.keyId, key.pem),
        lockstep: adminLockstep(ex.restUrl),
        // the week loses about 1.2%: a 0.5% drawdown limit is breached
        alerts: {
          rules: [drawdownRule(0.005, { cooldownMs: 0 })],
          channels: [webhookChannel({ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`, sleep: async () => {} })],
        },
        metrics,
      });
      expect(summary.finalEquity).toBeLessThan(summary.startingEquity * 0.995);
      const audited = readAuditLog(path.join(dir, 'audit')).filter((r) => r.type === 'alert');
      const ledgered = readLedger(path.join(dir, 'ledger')).filter((r) => r.type === 'alert');
      expect(posts.length).toBeGreaterThan(0);
      expect(audited).toHaveLength(posts.length);
      expect(ledgered).toHaveLength(posts.length);
      expect(posts.every((p) => p.rule === 'drawdown' && p.value > 0.005)).toBe(true);
      expect(audited.map((r) => (r.data as { time: number }).time)).toEqual(posts.map((p) => p.time));
      // once per breach: two alerts never come from consecutive checks without the breach clearing in between
      expect(new Set(posts.map((p) => p.time)).size).toBe(posts.length);

      const text = (await axios.get<string>(server.url, { responseType: 'text' })).data;
      expect(text).toContain(`omega_orders_total{event="submitted"} ${summary.orders}`);
      expect(text).toContain(`omega_alerts_total{rule="drawdown"} ${posts.length}`);
      expect(text).toMatch(/omega_equity \d+/);
      expect(text).toContain(`omega_audit_records_total ${summary.auditRecords}`);
    } finally {
      await server.close();
      await new Promise<void>((r) => hook.close(() => r()));
    }
  });

  it("another client trading the session's account is a reconciliation difference: the alert fires once", async () => {
    const ex2 = await startExchange(key.template);
    const c = connection(ex2, key.keyId, key.pem);
    const outside = new KalshiRestClient({ baseUrl: c.restUrl, credentials: c.credentials, tier: 'off' });
    const markets = await nflMarkets({ season: 2023, weeks: [1] });
    const control = adminLockstep(ex2.restUrl);
    let outsideFill: { ticker: string; count: number } | undefined;
    // a step into the replay, someone else buys one YES on the same key, once, where there is an ask
    let steps = 0;
    const lockstep = {
      position: () => control.position(),
      advanceTo: async (to: number) => {
        if (++steps >= 3 && outsideFill === undefined) {
          for await (const m of outside.markets({ status: 'open', limit: 1000 })) {
            if (!markets.instruments.has(m.ticker) || (await outside.getOrderbook(m.ticker)).no.length === 0) continue;
            const ack = await outside.createOrder({
              ticker: m.ticker,
              side: 'bid',
              yesPrice: 99,
              count: 1,
              timeInForce: 'immediate_or_cancel',
              clientOrderId: 'outside-1',
            });
            if (ack.filledCount > 0) outsideFill = { ticker: m.ticker, count: ack.filledCount };
            break;
          }
        }
        return control.advanceTo(to);
      },
    };
    const alerts: Alert[] = [];
    const dir = tempSession();
    try {
      await runPaperSession({
        dir,
        config: parsePaperConfig({ strategy: 'elo-edge', season: 2023, weeks: [1] }),
        markets,
        venue: c,
        lockstep,
        alerts: { rules: [reconciliationRule({ cooldownMs: 0 })], channels: [{ name: 'test', send: async (a) => void alerts.push(a) }] },
      });
    } finally {
      outside.close();
      await ex2.stop();
    }
    expect(outsideFill).toBeDefined();
    // the breach lasts until the market settles (the outside contract stays), and fires once
    expect(alerts.map((a) => [a.rule, a.value])).toEqual([['reconciliation', 1]]);
    const ledger = readLedger(path.join(dir, 'ledger'));
    expect(ledger.filter((r) => r.type === 'alert')).toHaveLength(1);
    expect(ledger.some((r) => r.type === 'fill' && (r.data as { clientOrderId: string }).clientOrderId === 'outside-1')).toBe(false);
    expect(readAuditLog(path.join(dir, 'audit')).filter((r) => r.type === 'alert')).toHaveLength(1);
  });
});

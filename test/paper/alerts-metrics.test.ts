import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookChannel } from '../../src/ops/alerts/channels.js';
import { drawdownRule } from '../../src/ops/alerts/rules.js';
import { readAuditLog } from '../../src/ops/audit/audit-log.js';
import { SessionMetrics, serveMetrics } from '../../src/ops/metrics.js';
import { parsePaperConfig } from '../../src/paper/config.js';
import { readLedger } from '../../src/paper/ledger.js';
import { adminLockstep } from '../../src/paper/lockstep.js';
import { nflMarkets, runPaperSession } from '../../src/paper/session.js';
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
        alerts: { rules: [drawdownRule(0.005, { cooldownMs: 0 })], channels: [webhookChannel({ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`, sleep: async () => {} })] },
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
});

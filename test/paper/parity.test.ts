import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/engine.js';
import { BookFills } from '../../src/backtest/fill-models.js';
import { verifyAuditLog, readAuditLog } from '../../src/ops/audit/audit-log.js';
import { compareSession } from '../../src/paper/compare.js';
import { writeComparisonReport } from '../../src/paper/compare-report.js';
import { parsePaperConfig } from '../../src/paper/config.js';
import { PaperEngine } from '../../src/paper/engine.js';
import { instrumentLookup } from '../../src/paper/instruments.js';
import { readLedger } from '../../src/paper/ledger.js';
import { adminLockstep } from '../../src/paper/lockstep.js';
import { nflMarkets, runPaperSession, type NflMarkets } from '../../src/paper/session.js';
import { sessionRecord } from '../../src/paper/compare.js';
import type { Strategy } from '../../src/trading/strategy.js';
import { KalshiRestClient } from '../../src/venues/kalshi/rest/client.js';
import { KalshiWsClient } from '../../src/venues/kalshi/ws/client.js';
import type { LocalExchange } from '../../src/venues/kalshi/server/local-exchange.js';
import { connection, folderBytes, makeStateTemplate, startExchange, tempSession } from './harness.js';

let key: { template: string; keyId: string; pem: string };
let markets: NflMarkets;
const exchanges: LocalExchange[] = [];
beforeAll(async () => {
  key = await makeStateTemplate();
  markets = await nflMarkets({ season: 2023, weeks: [1] });
});
afterAll(async () => {
  for (const ex of exchanges) await ex.stop();
});
const exchange = async () => {
  const ex = await startExchange(key.template);
  exchanges.push(ex);
  return ex;
};

describe('paper vs backtest in lock-step with the local exchange', () => {
  it('orders mode: EdgeStrategy trades at the local exchange and the comparison shows zero differences', async () => {
    const ex = await exchange();
    const dir = tempSession();
    const config = parsePaperConfig({ strategy: 'elo-edge', season: 2023, weeks: [1] });
    const summary = await runPaperSession({
      dir,
      config,
      markets,
      venue: connection(ex, key.keyId, key.pem),
      lockstep: adminLockstep(ex.restUrl),
    });
    expect(summary).toMatchObject({ state: 'done', resumed: false });
    expect(summary.orders).toBeGreaterThan(3);
    expect(summary.fills).toBeGreaterThan(0);
    // the orders really reached the exchange
    const trades = ex.status().trades as number;
    expect(trades).toBeGreaterThan(0);
    expect(verifyAuditLog(path.join(dir, 'audit'))).toMatchObject({ ok: true });
    const audit = readAuditLog(path.join(dir, 'audit'));
    expect(audit.filter((r) => r.type === 'order.submit')).toHaveLength(summary.orders);
    expect(audit.filter((r) => r.type === 'fill').length).toBeGreaterThan(0);

    const c = compareSession(dir, markets);
    expect(c.counts).toMatchObject({
      paper_orders: summary.orders,
      backtest_orders: summary.orders,
      matched: summary.orders,
      missing: 0,
      extra: 0,
      differences: 0,
    });
    expect(c.paperPnl).toBe(c.backtestPnl);
    expect(c.trackingError).toBe(0);
    expect(c.matched.every((m) => m.paperFilled === m.backtestFilled && m.paperFees === m.backtestFees && m.slippage === 0)).toBe(true);
    // the settled P&L matches what the exchange's account says
    const rest = new KalshiRestClient({ baseUrl: ex.restUrl, credentials: connection(ex, key.keyId, key.pem).credentials, tier: 'off' });
    const balance = await rest.getBalance();
    rest.close();
    const rec = sessionRecord(readLedger(path.join(dir, 'ledger')));
    expect(balance.balanceCents - rec.startingCash).toBe(c.paperPnl);

    const out = path.join(dir, 'compare');
    const written = await writeComparisonReport(c, out);
    const html = readFileSync(written.html, 'utf8');
    expect(html).toContain('no differences');
    for (const f of ['summary.csv', 'orders.csv', 'differences.csv', 'equity_curves.csv', 'equity.json'])
      expect(existsSync(path.join(out, f)), f).toBe(true);
    // no differences and nothing unmatched: those tables are empty but keep their header row
    expect(readFileSync(path.join(out, 'differences.csv'), 'utf8')).toBe(
      'time,kind,ticker,paper_order,backtest_order,paper,backtest,cause\n',
    );
    expect(readFileSync(path.join(out, 'unmatched.csv'), 'utf8')).toBe('side_of_comparison,order,ticker,submitted,price,count\n');

    // no secret in anything the session wrote: ledger, audit log, status, report
    const pemBody = key.pem.split('\n').filter((l) => l && !l.startsWith('-----'))[1]!;
    for (const [file, bytes] of folderBytes(dir)) {
      const text = Buffer.from(bytes, 'base64').toString('utf8');
      expect(text, file).not.toContain(key.keyId);
      expect(text, file).not.toContain(pemBody);
      expect(text, file).not.toContain('PRIVATE KEY');
    }
  });

  it('the comparison can fail: a backtest whose strategy knows other history finds differences and names their causes', async () => {
    const ex = await exchange();
    const dir = tempSession();
    await runPaperSession({
      dir,
      config: parsePaperConfig({ strategy: 'elo-edge', season: 2023, weeks: [1] }),
      markets,
      venue: connection(ex, key.keyId, key.pem),
      lockstep: adminLockstep(ex.restUrl),
    });
    const c = compareSession(dir, { ...markets, allGames: markets.allGames.filter((g) => g.season === 2023) });
    // with no Elo history before 2023 the strategy's probabilities differ: orders go missing or change
    expect(c.differences.length).toBeGreaterThan(0);
    for (const d of c.differences) expect(['latency', 'queue position', 'missed data', 'follows an earlier difference']).toContain(d.cause);
  });

  it("shadow mode: orders never leave the process, fills come from the backtester's book model, and compare to zero differences", async () => {
    const ex = await exchange();
    const dir = tempSession();
    const config = parsePaperConfig({
      strategy: 'elo-edge',
      season: 2023,
      weeks: [1],
      mode: 'shadow',
      execution: 'book',
      startingCash: 1_000_000,
    });
    const summary = await runPaperSession({
      dir,
      config,
      markets,
      venue: connection(ex, key.keyId, key.pem),
      lockstep: adminLockstep(ex.restUrl),
    });
    expect(summary.orders).toBeGreaterThan(3);
    expect(summary.fills).toBeGreaterThan(0);
    expect(ex.status().trades).toBe(0); // nothing reached the venue
    const c = compareSession(dir, markets);
    expect(c.counts).toMatchObject({ matched: summary.orders, differences: 0 });
  });

  it('the same strategy object runs in the backtester and in a paper session with the same fills', async () => {
    const ex = await exchange();
    const dir = tempSession();
    const seen = new Set<string>();
    // one plain object: buy one YES at the ask of every market's first book
    const buyer: Strategy = {
      name: 'first-book-buyer',
      onMarketData(d, ctx) {
        if (d.kind !== 'book' || seen.has(d.ticker) || d.asks.length === 0) return;
        seen.add(d.ticker);
        ctx.submitOrder({ ticker: d.ticker, side: 'bid', price: d.asks[0]!.price, count: 2, timeInForce: 'ioc' });
      },
    };
    const conn = connection(ex, key.keyId, key.pem);
    const rest = new KalshiRestClient({ baseUrl: conn.restUrl, credentials: conn.credentials, tier: 'off' });
    const ws = new KalshiWsClient({ url: conn.wsUrl, credentials: conn.credentials, rest });
    const engine = new PaperEngine({
      dir,
      mode: 'orders',
      strategy: buyer,
      instruments: markets.instruments,
      rest,
      ws,
      lockstep: adminLockstep(ex.restUrl),
      config: { strategy: 'first-book-buyer' },
    });
    const paper = await engine.run();
    rest.close();
    expect(paper.fills).toBe(2 * seen.size);
    const rec = sessionRecord(
      readLedger(path.join(dir, 'ledger')).map((r, i) =>
        i === 0 ? { ...r, data: { ...(r.data as object), config: { strategy: 'elo-edge', season: 2023 } } } : r,
      ),
    );
    seen.clear();
    const bt = runBacktest({
      instruments: instrumentLookup(markets.instruments),
      events: rec.events,
      strategy: buyer,
      fills: new BookFills(),
      startingCash: rec.startingCash,
    });
    const paperFills = rec.orders.flatMap((o) => o.fills.map((f) => [f.ticker, f.price, f.count, f.fee, f.isTaker, f.time]));
    expect(bt.fills.map((f) => [f.ticker, f.price, f.count, f.fee, f.isTaker, f.time])).toEqual(paperFills);
  });
});

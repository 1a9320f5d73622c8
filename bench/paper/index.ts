import { appendFileSync, mkdtempSync, openSync, closeSync, fsyncSync, writeSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/core/clock.js';
import { AuditLog } from '../../src/ops/audit/audit-log.js';
import { runBacktest } from '../../src/backtest/engine.js';
import { nflContext } from '../../src/backtest/nfl-context.js';
import { LocalExchange } from '../../src/venues/kalshi/server/local-exchange.js';
import { privateKeyFromPem } from '../../src/venues/kalshi/auth/signing.js';
import { parsePaperConfig } from '../../src/paper/config.js';
import { adminLockstep } from '../../src/paper/lockstep.js';
import { instrumentLookup } from '../../src/paper/instruments.js';
import { nflMarkets, runPaperSession, sessionFills, sessionRisk, sessionStrategy } from '../../src/paper/session.js';
import { sessionRecord } from '../../src/paper/compare.js';
import { readLedger } from '../../src/paper/ledger.js';
import { fmtRate, machineLine } from '../machine.js';

/** Audit records appended per second for `seconds`, with the given fsync policy. */
function auditRate(fsync: 'always' | 'never', seconds: number): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omega-bench-audit-'));
  const clock = new ManualClock(0);
  const log = new AuditLog(dir, { clock, fsync });
  const record = {
    ledgerSeq: 0,
    clientOrderId: 'paper-17',
    ticker: 'KXNFLGAME-23SEP10CINCLE-CIN',
    side: 'bid',
    price: 52,
    count: 982,
    fee: 175,
    isTaker: true,
    tradeId: '6b0f4a1e-2c7d-4f3e-a9b1-0c2d3e4f5a6b',
  };
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    clock.advance(1);
    log.record('fill', { ...record, ledgerSeq: n++ });
  }
  const rate = n / ((performance.now() - t0) / 1000);
  log.close();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

/** The peer: the same JSON lines appended to one file with a bare write + fsync each (no hashing, no canonical form). */
function rawFsyncRate(seconds: number): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omega-bench-raw-'));
  const fd = openSync(path.join(dir, 'raw.jsonl'), 'a');
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    writeSync(fd, `${JSON.stringify({ seq: n++, type: 'fill', ticker: 'KXNFLGAME-23SEP10CINCLE-CIN', price: 52, count: 982 })}\n`);
    fsyncSync(fd);
  }
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  void appendFileSync;
  return n / ((performance.now() - t0) / 1000);
}

/**
 * `npm run bench -- paper`: a full NFL season paper-traded in shadow mode against the local exchange
 * replaying it in lock-step (strategy decisions per second, wall time), the backtester on the very
 * market data the session recorded as the peer, and audit-log appends per second with fsync.
 */
export async function paperBench(args: { season: number; seconds: number }): Promise<{ ok: boolean }> {
  console.log(machineLine());
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (other sessions share this machine)`,
  );
  console.log(
    `workload 1: NFL season ${args.season} (every week) on the local exchange in lock-step (speed 0); EdgeStrategy (Elo, edge 0.03, quarter Kelly) in shadow mode with book fills; every book update, order and fill through the session ledger (fsync per record) and the audit log`,
  );
  console.log(
    'peer 1: the backtester (runBacktest) replaying the market data that session recorded, same strategy and fill model, in process',
  );
  const ex = await LocalExchange.start({
    config: { nfl: { season: args.season, speed: 0 }, rateLimits: false, fsync: false },
    realtime: false,
  });
  const key = await ex.addKey('bench');
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'omega-bench-paper-')), 'session');
  const config = parsePaperConfig({ strategy: 'elo-edge', season: args.season, mode: 'shadow', execution: 'book' });
  const markets = await nflMarkets(config);
  const t0 = performance.now();
  const summary = await runPaperSession({
    dir,
    config,
    markets,
    venue: {
      restUrl: ex.restUrl,
      wsUrl: ex.wsUrl,
      credentials: { keyId: key.keyId, privateKey: privateKeyFromPem(key.privateKeyPem) },
      tier: 'off',
    },
    lockstep: adminLockstep(ex.restUrl),
  });
  const paperSeconds = (performance.now() - t0) / 1000;
  await ex.stop();
  const rec = sessionRecord(readLedger(path.join(dir, 'ledger')));
  const decisions = rec.events.length;
  const b0 = performance.now();
  const bt = runBacktest({
    instruments: instrumentLookup(markets.instruments),
    events: rec.events,
    strategy: sessionStrategy(config),
    fills: sessionFills(config),
    risk: sessionRisk(config),
    startingCash: rec.startingCash,
    extend: nflContext(markets.allGames),
  });
  const btSeconds = (performance.now() - b0) / 1000;
  const games = markets.instruments.size / 2;
  console.log(
    `paper (shadow, lock-step): ${games} games, ${summary.steps} replay steps, ${fmtRate(decisions / paperSeconds)} decisions/s (${decisions} market events), ${summary.orders} orders, ${paperSeconds.toFixed(1)} s wall`,
  );
  console.log(
    `backtester on the recorded data: ${fmtRate(decisions / btSeconds)} decisions/s, ${bt.orders.length} orders, ${btSeconds.toFixed(2)} s`,
  );

  console.log(
    `workload 2: audit records (a fill, ~300 bytes of canonical JSON with its SHA-256 chain) appended for ${args.seconds} s each; fsync 'always' is the paper sessions' setting`,
  );
  console.log(
    "peer 2: a bare JSON line written and fsync'd per record (no hash chain, no canonical form), and the audit log without fsync",
  );
  const always = auditRate('always', args.seconds);
  const never = auditRate('never', args.seconds);
  const raw = rawFsyncRate(args.seconds);
  console.log(
    `audit log, fsync always: ${fmtRate(always)} appends/s; bare write+fsync: ${fmtRate(raw)}/s; audit log without fsync: ${fmtRate(never)}/s`,
  );
  const line = {
    bench: 'paper',
    season: args.season,
    games,
    replay_steps: summary.steps,
    market_events: decisions,
    paper_orders: summary.orders,
    paper_wall_s: Math.round(paperSeconds * 10) / 10,
    paper_decisions_per_s: Math.round(decisions / paperSeconds),
    backtest_decisions_per_s: Math.round(decisions / btSeconds),
    backtest_orders: bt.orders.length,
    audit_appends_per_s_fsync: Math.round(always),
    raw_fsync_appends_per_s: Math.round(raw),
    audit_appends_per_s_no_fsync: Math.round(never),
    load_average_1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
  console.log(JSON.stringify(line));
  return { ok: summary.state === 'done' && bt.orders.length === summary.orders };
}

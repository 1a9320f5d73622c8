import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../core/clock.js';
import { ValidationError } from '../core/errors.js';
import { consoleChannel, webhookChannel, type AlertChannel } from '../ops/alerts/channels.js';
import { circuitOpenRule, drawdownRule, errorRateRule, positionLimitRule, reconciliationRule, staleDataRule } from '../ops/alerts/rules.js';
import { SessionMetrics, serveMetrics } from '../ops/metrics.js';
import { verifyAuditLog } from '../ops/audit/audit-log.js';
import { compareSession } from '../paper/compare.js';
import { writeComparisonReport } from '../paper/compare-report.js';
import { parsePaperConfig, type PaperConfigInput } from '../paper/config.js';
import { sessionPaths } from '../paper/engine.js';
import { adminLockstep } from '../paper/lockstep.js';
import { nflMarkets, runPaperSession } from '../paper/session.js';
import { sessionRecord } from '../paper/compare.js';
import { readLedger } from '../paper/ledger.js';
import { loadCredentials } from '../venues/kalshi/auth/keys.js';
import { KALSHI_URLS, wsUrlFor } from '../venues/kalshi/env.js';
import { checkOutputDir } from '../core/output-dir.js';
import { intFlag, numberFlag } from './options.js';

interface RunFlags {
  strategy: string;
  edge?: number;
  kelly?: number;
  minPrice?: number;
  maxPrice?: number;
  inGame?: boolean;
  venue: string;
  mode: string;
  session?: string;
  season: number;
  weeks?: string;
  baseUrl?: string;
  wsUrl?: string;
  keyId?: string;
  keyFile?: string;
  keyEnv?: string;
  lockstep?: boolean;
  execution: string;
  queue: string;
  maxLoss?: number;
  maxStakePerGame?: number;
  drawdownHalt?: number;
  keepOpenOrders?: boolean;
  openOrdersAtRestart?: string;
  startingCash?: number;
  webhook?: string;
  metricsPort?: number;
  dataDir?: string;
  json?: boolean;
}

/** A URL flag: parsed at the boundary, with the schemes it may use (the URL is never echoed: it may hold a password). */
const urlFlag =
  (flag: string, schemes: readonly string[]) =>
  (v: string): string => {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      throw new ValidationError(`${flag} must be a URL such as ${schemes[0]}://127.0.0.1:8080/…; the value given does not parse as one`);
    }
    if (!schemes.includes(u.protocol.replace(/:$/, '')))
      throw new ValidationError(`${flag} must be a ${schemes.join(' or ')} URL, got one starting ${u.protocol}//`);
    return v;
  };

const weeksFlag = (v: string): number[] => {
  const out = v.split(',').map((x) => Number(x.trim()));
  if (out.some((w) => !Number.isInteger(w) || w < 1 || w > 22))
    throw new ValidationError(`--weeks must be week numbers 1–22 separated by commas (e.g. 1,2,3), got ${JSON.stringify(v)}`);
  return out;
};

export function registerPaper(program: Command): void {
  const paper = program
    .command('paper')
    .description('paper trading: a backtest strategy, unchanged, against Kalshi demo or the local exchange');
  paper
    .command('run')
    .description('run (or resume) a paper session; prints a summary at the end')
    .requiredOption('--strategy <name>', 'elo-edge or spread-edge (as omega backtest nfl)')
    .option('--edge <x>', 'minimum edge after fees', numberFlag('--edge', 0, 0.99))
    .option('--kelly <x>', 'fraction of Kelly', numberFlag('--kelly', 0.0001, 1))
    .option('--min-price <c>', 'only contracts priced at least this (cents)', intFlag('--min-price', 1, 99))
    .option('--max-price <c>', 'only contracts priced at most this (cents)', intFlag('--max-price', 1, 99))
    .option('--in-game', 'trade in-game quotes too')
    .option('--venue <v>', 'local (a running omega exchange; give --base-url) or demo (Kalshi demo)', 'local')
    .option('--mode <m>', 'orders (real orders at the venue) or shadow (simulated fills against the live book)', 'orders')
    .option('--session <dir>', 'session folder (ledger, audit log, status); reuse it to resume after a crash')
    .requiredOption('--season <year>', 'NFL season whose game markets the session trades', intFlag('--season', 1999, 2100))
    .option('--weeks <list>', 'only these weeks (e.g. 1,2)')
    .option('--base-url <url>', 'REST base URL (local: the first line omega exchange prints)', urlFlag('--base-url', ['http', 'https']))
    .option('--ws-url <url>', 'WebSocket URL (default: derived from --base-url)', urlFlag('--ws-url', ['ws', 'wss']))
    .option('--key-id <id>', 'API key id (or $KALSHI_KEY_ID)')
    .option('--key-file <pem>', 'private key PEM file')
    .option('--key-env <var>', 'environment variable holding the private key PEM', 'KALSHI_PRIVATE_KEY')
    .option('--lockstep', 'local exchange replaying with speed 0: the session moves its clock, step by step (deterministic)')
    .option('--execution <m>', 'fill model of shadow mode and of omega compare: quote or book', 'quote')
    .option('--queue <q>', 'book fills: back or front of the queue', 'back')
    .option('--max-loss <cents>', 'kill switch: halt trading after this loss', numberFlag('--max-loss', 1))
    .option('--max-stake-per-game <cents>', 'risk limit per game', numberFlag('--max-stake-per-game', 0))
    .option('--drawdown-halt <x>', 'stop opening positions after this drawdown (0.3 = 30%)', numberFlag('--drawdown-halt', 0.0001, 1))
    .option('--keep-open-orders', 'at stop, leave resting orders at the venue (default: cancel them)')
    .option(
      '--open-orders-at-restart <p>',
      'resuming after a crash: adopt the orders still open at the venue, or cancel them (default adopt)',
    )
    .option('--starting-cash <cents>', 'shadow mode: simulated cash (default: the venue balance)', intFlag('--starting-cash', 0))
    .option('--webhook <url>', 'also send alerts to this URL (JSON POST)', urlFlag('--webhook', ['http', 'https']))
    .option('--metrics-port <n>', 'serve Prometheus metrics on 127.0.0.1:<n>/metrics', intFlag('--metrics-port', 0, 65535))
    .option('--data-dir <dir>', 'NFL data directory')
    .option('--json', 'print the summary as JSON')
    .action(async (f: RunFlags) => {
      const input: PaperConfigInput = {
        strategy: f.strategy as PaperConfigInput['strategy'],
        season: f.season,
        mode: f.mode as 'orders',
        execution: f.execution as 'quote',
        queue: f.queue as 'back',
        openOrdersAtStop: f.keepOpenOrders ? 'keep' : 'cancel',
        ...(f.openOrdersAtRestart !== undefined ? { openOrdersAtRestart: f.openOrdersAtRestart as 'adopt' } : {}),
        risk: {
          ...(f.maxStakePerGame !== undefined ? { maxStakePerGame: f.maxStakePerGame } : {}),
          ...(f.drawdownHalt !== undefined ? { drawdownHalt: f.drawdownHalt } : {}),
        },
        ...(f.weeks ? { weeks: weeksFlag(f.weeks) } : {}),
        ...(f.edge !== undefined ? { edge: f.edge } : {}),
        ...(f.kelly !== undefined ? { kelly: f.kelly } : {}),
        ...(f.minPrice !== undefined ? { minPrice: f.minPrice } : {}),
        ...(f.maxPrice !== undefined ? { maxPrice: f.maxPrice } : {}),
        ...(f.inGame ? { inGame: true } : {}),
        ...(f.maxLoss !== undefined ? { maxLoss: f.maxLoss } : {}),
        ...(f.startingCash !== undefined ? { startingCash: f.startingCash } : {}),
      };
      const config = parsePaperConfig(input, 'omega paper run flags');
      if (f.venue !== 'local' && f.venue !== 'demo')
        throw new ValidationError(`--venue must be local or demo, got ${JSON.stringify(f.venue)}`);
      const restUrl = f.baseUrl ?? (f.venue === 'demo' ? KALSHI_URLS.demo.rest : undefined);
      if (!restUrl) throw new ValidationError('--venue local needs --base-url: start `omega exchange` and pass the URL it prints first');
      if (f.lockstep && f.venue !== 'local')
        throw new ValidationError('--lockstep works only with --venue local (an NFL replay with speed 0)');
      const credentials = loadCredentials({
        keyId: f.keyId ?? process.env.KALSHI_KEY_ID ?? '',
        keyFile: f.keyFile,
        keyEnv: f.keyFile ? undefined : f.keyEnv,
      });
      const dir = f.session ?? path.join('reports', 'paper', `${config.strategy}-${config.season}-${config.mode}`);
      checkOutputDir(dir, '--session');
      const channels: AlertChannel[] = [consoleChannel(process.stderr), ...(f.webhook ? [webhookChannel({ url: f.webhook })] : [])];
      const metrics = new SessionMetrics();
      const server = f.metricsPort !== undefined ? await serveMetrics(metrics.registry, { port: f.metricsPort }) : undefined;
      if (server) process.stderr.write(`metrics: ${server.url}\n`);
      try {
        const summary = await runPaperSession({
          dir,
          config,
          venue: { restUrl, wsUrl: f.wsUrl ?? wsUrlFor(restUrl), credentials, tier: f.venue === 'local' ? 'off' : 'basic' },
          lockstep: f.lockstep ? adminLockstep(restUrl) : undefined,
          dataDir: f.dataDir,
          metrics,
          // a lock-step replay jumps over idle days, so stale data means nothing there
          alerts: {
            rules: [
              drawdownRule(config.risk.drawdownHalt ?? 0.25),
              errorRateRule(10),
              circuitOpenRule(),
              ...(f.lockstep ? [] : [staleDataRule(15 * 60_000, systemClock.now())]),
              positionLimitRule(100_000),
              reconciliationRule(),
            ],
            channels,
          },
          log: (line) => process.stderr.write(`${line}\n`),
        });
        const audit = verifyAuditLog(sessionPaths(dir).audit);
        if (f.json) process.stdout.write(JSON.stringify({ ...summary, auditOk: audit.ok }) + '\n');
        else
          process.stdout.write(
            `paper session ${dir}: ${summary.state}${summary.resumed ? ' (resumed)' : ''} — ${summary.steps} steps, ${summary.orders} orders, ${summary.fills} contracts filled, equity ${(summary.startingEquity / 100).toFixed(2)} → ${(summary.finalEquity / 100).toFixed(2)} USD; audit ${audit.ok ? 'verifies' : 'DOES NOT VERIFY'} (${summary.auditRecords} records)\n`,
          );
      } finally {
        await server?.close();
      }
    });

  paper
    .command('status')
    .description('where a session stands: state, equity, orders, fills, ledger and audit heads')
    .argument('<dir>', 'session folder')
    .option('--json', 'print JSON')
    .action((dir: string, f: { json?: boolean }) => {
      const file = sessionPaths(dir).status;
      if (!existsSync(file))
        throw new ValidationError(`${dir} is not a paper session folder (no status.json): give the --session folder of omega paper run`);
      const s = JSON.parse(readFileSync(file, 'utf8')) as {
        state: string;
        pid: number;
        time: number;
        equity: number;
        cash: number;
        orders: number;
        openOrders: number;
        fills: number;
        positions: unknown[];
        ledger: { seq: number };
        audit: { seq: number };
        halted: boolean;
      };
      const alive = s.state === 'running' && isAlive(s.pid);
      const state =
        s.state === 'running' && !alive ? 'interrupted (process gone; run it again with the same --session to resume)' : s.state;
      if (f.json) return void process.stdout.write(JSON.stringify({ ...s, state, alive }) + '\n');
      process.stdout.write(
        `session ${dir}: ${state}${s.halted ? ', kill switch tripped' : ''}\nvenue time ${new Date(s.time).toISOString()}; equity ${(s.equity / 100).toFixed(2)} USD, cash ${(s.cash / 100).toFixed(2)}; ${s.orders} orders (${s.openOrders} open), ${s.fills} contracts filled, ${s.positions.length} positions\nledger ${s.ledger.seq} records, audit ${s.audit.seq} records\n`,
      );
    });

  paper
    .command('stop')
    .description('ask a running session to stop gracefully (cancel or keep open orders as configured, flush, close the audit chain)')
    .argument('<dir>', 'session folder')
    .option('--halt', 'trip the kill switch first: cancel every open order and open nothing more')
    .action((dir: string, f: { halt?: boolean }) => {
      if (!existsSync(sessionPaths(dir).status)) throw new ValidationError(`${dir} is not a paper session folder (no status.json)`);
      writeFileSync(sessionPaths(dir).stop, f.halt ? 'halt\n' : 'stop\n');
      process.stdout.write(
        `asked ${dir} to ${f.halt ? 'halt and ' : ''}stop; it stops after the step it is in (omega paper status ${dir})\n`,
      );
    });

  program
    .command('compare')
    .description("replay a paper session's recorded market data through the backtester and compare order by order: HTML report + CSV")
    .requiredOption('--session <dir>', 'paper session folder')
    .option('--out <dir>', 'report folder (default <session>/compare)')
    .option('--data-dir <dir>', 'NFL data directory')
    .option('--json', 'print the summary as JSON')
    .action(async (f: { session: string; out?: string; dataDir?: string; json?: boolean }) => {
      if (!existsSync(sessionPaths(f.session).ledger))
        throw new ValidationError(`--session ${f.session} has no ledger/: give the folder of omega paper run --session`);
      const { config } = sessionRecord(readLedger(sessionPaths(f.session).ledger));
      const c = compareSession(f.session, await nflMarkets(config, f.dataDir));
      const written = await writeComparisonReport(c, f.out ?? path.join(f.session, 'compare'));
      if (f.json)
        process.stdout.write(
          JSON.stringify({
            counts: c.counts,
            paperPnl: c.paperPnl,
            backtestPnl: c.backtestPnl,
            trackingError: c.trackingError,
            report: written.html,
          }) + '\n',
        );
      else
        process.stdout.write(
          `${c.counts.matched} matched, ${c.counts.missing} missing, ${c.counts.extra} extra orders; ${c.differences.length} differences; P&L paper ${(c.paperPnl / 100).toFixed(2)} vs backtest ${(c.backtestPnl / 100).toFixed(2)} USD, tracking error ${(c.trackingError / 100).toFixed(2)} USD\nreport: ${written.html}\n`,
        );
    });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

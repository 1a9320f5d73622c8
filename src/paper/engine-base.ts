import { appendFileSync, existsSync } from 'node:fs';
import { ManualClock } from '../core/clock.js';
import { OmegaError } from '../core/errors.js';
import { canonicalJson } from '../ops/canonical.js';
import { AuditLog, readAuditLog } from '../ops/audit/audit-log.js';
import type { ChainRecord } from '../ops/audit/record.js';
import { AlertManager } from '../ops/alerts/manager.js';
import type { Alert } from '../ops/alerts/channels.js';
import { ErrorWindow } from '../ops/alerts/rules.js';
import { writeFileAtomic } from '../report/files.js';
import { QuoteFills } from '../backtest/fill-models.js';
import { Scheduler } from '../backtest/scheduler.js';
import { SimulatedVenue } from '../backtest/simulated-venue.js';
import type { Instrument } from '../trading/instrument.js';
import type { BookUpdate } from '../trading/market-data.js';
import { isTerminal, type Fill } from '../trading/orders.js';
import { StrategyRunner } from '../trading/runner.js';
import { orderReserve } from '../trading/sizing.js';
import type { Strategy, StrategyContext } from '../trading/strategy.js';
import { auditTypeOf } from './audit-map.js';
import { KalshiVenue, type AccountSnapshot } from './kalshi-venue.js';
import { SessionLedger } from './ledger.js';
import { SessionVenue } from './session-venue.js';
import { sessionPaths, type PaperEngineOptions } from './engine-options.js';

/**
 * The state a paper session keeps and the plumbing around it: the ledger and audit log, the venue (Kalshi
 * orders or the shadow simulation) behind the ledger-first {@link SessionVenue}, the strategy runner, and
 * the helpers that deliver the venue's answers, record the account, alerts, metrics and status. The
 * session's course — start, replay, reconcile, the loops, risk and stop — is {@link PaperEngine}'s.
 */
export abstract class PaperEngineBase<C extends StrategyContext = StrategyContext> {
  readonly clock = new ManualClock(0);
  protected readonly paths: ReturnType<typeof sessionPaths>;
  protected readonly ledger: SessionLedger;
  protected readonly audit: AuditLog;
  protected auditTime = 0;
  protected lastAudited: number;
  protected readonly venue: SessionVenue;
  protected readonly kalshi: KalshiVenue | undefined;
  protected readonly sim: SimulatedVenue | undefined;
  protected readonly scheduler = new Scheduler();
  readonly runner: StrategyRunner<C>;
  protected readonly order: Map<string, number>;
  protected readonly subscribed = new Set<string>();
  /** Markets the ledger showed data for (a restart subscribes to them again). */
  protected readonly known = new Set<string>();
  protected readonly settled = new Map<string, number>();
  protected readonly alerts: AlertManager | undefined;
  protected readonly errorWindow: ErrorWindow;
  protected accountDirty = false;
  protected lastAccount = '';
  protected startEquity = 0;
  protected peakEquity = 0;
  protected steps = 0;
  protected lastDataAt: number | undefined;
  protected halted = false;
  protected stopping = false;
  readonly resumed: boolean;
  protected readonly log: (line: string) => void;

  constructor(protected readonly options: PaperEngineOptions<C>) {
    this.paths = sessionPaths(options.dir);
    this.log = options.log ?? (() => undefined);
    this.order = new Map([...options.instruments.keys()].map((t, i) => [t, i]));
    this.ledger = new SessionLedger(this.paths.ledger, this.clock);
    const audited = existsSync(this.paths.audit) ? readAuditLog(this.paths.audit, { allowTornTail: true }) : [];
    this.lastAudited = Number((audited.at(-1)?.data as { ledgerSeq?: number } | undefined)?.ledgerSeq ?? 0);
    this.audit = new AuditLog(this.paths.audit, { clock: { now: () => this.auditTime }, fsync: options.auditFsync ?? 'always' });
    this.ledger.onRecord = (r, fresh) => {
      // what may have changed the venue account since it was last recorded (the same whether written now or replayed)
      if (r.type === 'fill' || r.type === 'order') this.accountDirty = true;
      else if (r.type === 'account') this.accountDirty = false;
      this.auditRecord(r, fresh);
    };
    this.resumed = this.ledger.replaying;
    this.errorWindow = new ErrorWindow(options.alerts?.errorWindowMs ?? 60_000);
    const instrument = (t: string): Instrument => {
      const i = options.instruments.get(t);
      if (i === undefined) throw new OmegaError('UNKNOWN_MARKET', `unknown market ${t}`);
      return i;
    };
    let inner;
    if (options.mode === 'orders') {
      this.kalshi = new KalshiVenue(options.rest, options.ws, this.clock, instrument, () => this.reservedForOpenOrders());
      this.kalshi.sideOf = (id) => this.runner.orders.view(id)?.side ?? 'bid';
      inner = this.kalshi;
    } else {
      this.sim = new SimulatedVenue({
        clock: this.clock,
        instrument,
        fills: options.fills ?? new QuoteFills(),
        startingCash: options.startingCash ?? 0,
        latencyMs: 0,
        schedule: (t, a) => this.scheduler.at(t, a),
      });
      inner = this.sim;
    }
    this.venue = new SessionVenue(inner, this.ledger, options.mode === 'orders', (o) => this.kalshi?.remember(o), this.sim);
    this.runner = new StrategyRunner<C>(this.venue, this.recordRefusals(options.strategy), {
      risk: options.risk,
      extend: options.extend,
      idPrefix: 'paper',
      log: (m) => this.log(`strategy: ${m}`),
    });
    if (options.alerts) {
      this.alerts = new AlertManager({
        rules: options.alerts.rules,
        channels: options.alerts.channels,
        session: options.dir,
        onFire: (a) => this.onAlert(a),
        onDeliveryError: (ch, e) => this.log(`alert delivery to ${ch} failed: ${String(e)}`),
      });
    }
    ws().on('lifecycle', (m) => {
      if (!options.instruments.has(m.ticker)) return;
      if (m.eventType === 'settled' && m.settlementValue !== undefined) this.settled.set(m.ticker, m.settlementValue);
      else if (m.eventType === 'created' || m.eventType === 'activated') this.subscribe(m.ticker);
    });
    function ws() {
      return options.ws;
    }
  }

  /** Shadow mode without a given starting cash: the simulated account gets the venue balance. */
  protected fundSimulation(cash: number): void {
    const ex = this.sim!.exchange;
    const acct = ex.accountRef(this.sim!.strategyAccount);
    if (acct.cash !== cash) ex.deposit(this.sim!.strategyAccount, cash - acct.cash);
  }

  protected diverged(r: ChainRecord): OmegaError {
    return new OmegaError(
      'RECOVERY_DIVERGED',
      `recovery diverged at ledger record ${r.seq} (${r.type}): the restarted strategy did not produce it; is the strategy deterministic and are its options the same?`,
    );
  }

  protected recovery(entry: Record<string, unknown>): void {
    // restarts are logged beside the session, not in its ledger or audit chain, which stay identical to an uninterrupted run's
    appendFileSync(this.paths.recoveries, JSON.stringify({ ...entry, at: this.clock.now() }) + '\n');
    this.log(`recovery: ${JSON.stringify(entry)}`);
  }

  protected readonly polled = new Map<string, BookUpdate>();

  /** After a callback: the shadow simulation runs what it scheduled; orders mode waits for the venue's answers and delivers them. */
  protected async afterCallback(): Promise<void> {
    this.drainSimulation();
    if (!this.kalshi) return;
    if (!this.kalshi.hasWork()) return this.refreshAccount(false);
    await this.kalshi.settle();
    this.kalshi.flush();
    await this.refreshAccount(false);
  }

  protected drainSimulation(): void {
    while (this.scheduler.size > 0) this.scheduler.pop()!.action();
  }

  /** Read the venue account when something may have changed it; record it when it did. */
  protected async refreshAccount(force: boolean): Promise<void> {
    if (!this.kalshi || (!force && !this.accountDirty)) return;
    this.accountDirty = false;
    try {
      this.recordAccount(await this.kalshi.readAccount());
    } catch (e) {
      this.error('account', e);
    }
  }

  protected recordAccount(a: AccountSnapshot): void {
    const text = canonicalJson(a);
    if (text === this.lastAccount) return;
    this.lastAccount = text;
    this.ledger.write('account', a);
    this.kalshi?.setAccount(a);
  }

  protected onAlert(a: Alert): void {
    this.ledger.write('alert', a);
    this.options.metrics?.alerts.inc({ rule: a.rule });
  }

  protected error(source: string, e: unknown): void {
    this.errorWindow.record(this.clock.now());
    this.options.metrics?.errors.inc({ source });
    this.log(`error (${source}): ${e instanceof Error ? e.message : String(e)}`);
  }

  protected observe(): void {
    const m = this.options.metrics;
    if (m) {
      const p = this.runner.portfolio;
      m.equity.set(p.equity);
      m.cash.set(p.cash);
      m.drawdown.set(this.peakEquity > 0 ? Math.max(0, 1 - p.equity / this.peakEquity) : 0);
      m.openOrders.set(this.runner.orders.open().length);
      if (this.lastDataAt !== undefined) m.marketDataAge.set((this.clock.now() - this.lastDataAt) / 1000);
    }
    if (this.steps % 200 === 1) this.writeStatus('running');
  }

  writeStatus(state: string): void {
    const p = this.runner.portfolio;
    const all = this.runner.orders.all();
    writeFileAtomic(
      this.paths.status,
      JSON.stringify(
        {
          state,
          pid: process.pid,
          mode: this.options.mode,
          time: this.clock.now(),
          steps: this.steps,
          equity: p.equity,
          cash: p.cash,
          startingEquity: this.startEquity,
          positions: p.positions().map((x) => ({ ticker: x.ticker, qty: x.qty })),
          orders: all.length,
          openOrders: all.filter((o) => !isTerminal(o.state)).length,
          fills: all.reduce((s, o) => s + o.filled, 0),
          ledger: this.ledger.head,
          audit: this.audit.head,
          halted: this.halted,
        },
        null,
        2,
      ) + '\n',
    );
  }

  protected haltRequested = false;

  /**
   * The strategy as the runner sees it: unchanged, except that an order refused before it left (a risk
   * limit, the kill switch) is written to the ledger and the audit log as it is delivered — the venue
   * never saw it, so nothing else would record the decision.
   */
  protected recordRefusals(strategy: Strategy<C>): Strategy<C> {
    // every call goes to the strategy object itself (its `this`, its state), not to a copy
    const wrapped: Strategy<C> = {
      name: strategy.name,
      onStart: (ctx) => strategy.onStart?.(ctx),
      onMarketData: (d, ctx) => strategy.onMarketData?.(d, ctx),
      onFill: (f, ctx) => strategy.onFill?.(f, ctx),
      onResolution: (r, ctx) => strategy.onResolution?.(r, ctx),
      onEnd: (ctx) => strategy.onEnd?.(ctx),
      onOrderUpdate: (u, ctx) => {
        const o = u.order;
        if (o.state === 'rejected' && o.venueOrderId === undefined && (o.reason === 'risk_limit' || o.reason === 'trading_halted')) {
          this.ledger.write('risk', {
            clientOrderId: o.clientOrderId,
            ticker: o.ticker,
            side: o.side,
            price: o.price,
            count: o.count,
            reason: o.reason,
            tags: o.tags,
          });
        }
        strategy.onOrderUpdate?.(u, ctx);
      },
    };
    return wrapped;
  }

  protected auditRecord(r: ChainRecord, fresh: boolean): void {
    if (!fresh && r.seq <= this.lastAudited) return;
    const type = auditTypeOf(r);
    if (type === undefined) return;
    this.auditTime = r.time;
    this.audit.record(type, { ledgerSeq: r.seq, ...(r.data as Record<string, unknown>) });
    this.lastAudited = r.seq;
    this.options.metrics?.auditRecords.inc();
    if (type === 'fill') this.options.metrics?.fills.inc({ liquidity: (r.data as Fill).isTaker ? 'taker' : 'maker' });
    if (type === 'order.submit') this.options.metrics?.orders.inc({ event: 'submitted' });
  }

  protected advanceClock(t: number): void {
    if (t > this.clock.now()) this.clock.set(t);
  }

  protected rank(ticker: string): number {
    return this.order.get(ticker) ?? Number.MAX_SAFE_INTEGER;
  }

  protected subscribe(ticker: string): void {
    if (this.subscribed.has(ticker) || this.venue.resolved.has(ticker)) return;
    this.known.add(ticker);
    this.subscribed.add(ticker);
    this.options.ws.subscribe('orderbook_delta', [ticker]);
  }

  /** Collateral the session's resting orders lock at the venue (Kalshi reports only free cash). */
  protected reservedForOpenOrders(): number {
    let sum = 0;
    for (const o of this.runner.orders.open()) {
      if (o.remaining <= 0) continue;
      const i = this.options.instruments.get(o.ticker);
      if (i) sum += orderReserve(o.side, o.price, o.remaining, i.grid, i.fees);
    }
    return sum;
  }
}

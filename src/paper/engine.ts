import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../core/clock.js';
import { OmegaError } from '../core/errors.js';
import { canonicalJson } from '../ops/canonical.js';
import { AuditLog, readAuditLog } from '../ops/audit/audit-log.js';
import type { ChainRecord } from '../ops/audit/record.js';
import { AlertManager } from '../ops/alerts/manager.js';
import type { Alert, AlertChannel } from '../ops/alerts/channels.js';
import { ErrorWindow, type AlertRule } from '../ops/alerts/rules.js';
import type { FsyncPolicy } from '../ops/append-file.js';
import type { SessionMetrics } from '../ops/metrics.js';
import { writeFileAtomic } from '../report/files.js';
import { QuoteFills, type FillModel } from '../backtest/fill-models.js';
import { Scheduler } from '../backtest/scheduler.js';
import { SimulatedVenue } from '../backtest/simulated-venue.js';
import type { OrderRequest } from '../market/orders.js';
import type { Instrument } from '../trading/instrument.js';
import type { BookUpdate, MarketResolution } from '../trading/market-data.js';
import { isTerminal, type Fill, type VenueOrderEvent } from '../trading/orders.js';
import type { RiskLimits } from '../trading/risk.js';
import { StrategyRunner } from '../trading/runner.js';
import { orderReserve } from '../trading/sizing.js';
import type { Strategy, StrategyContext } from '../trading/strategy.js';
import type { KalshiRestClient } from '../venues/kalshi/rest/client.js';
import type { KalshiWsClient } from '../venues/kalshi/ws/client.js';
import { auditTypeOf } from './audit-map.js';
import { bookUpdateOf, sameBook } from './book.js';
import { KalshiVenue, type AccountSnapshot } from './kalshi-venue.js';
import { SessionLedger } from './ledger.js';
import type { LockstepControl } from './lockstep.js';
import { SessionVenue } from './session-venue.js';

export type PaperMode = 'orders' | 'shadow';

export interface PaperEngineOptions<C extends StrategyContext> {
  /** The session folder: ledger/, audit/, status.json, and the stop file. */
  readonly dir: string;
  readonly mode: PaperMode;
  readonly strategy: Strategy<C>;
  readonly extend?: (ctx: StrategyContext) => C;
  /** The markets the session may trade, in the order their data are handled within one moment. */
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly rest: KalshiRestClient;
  readonly ws: KalshiWsClient;
  /** Lock-step with a local exchange replay; without it the session follows the venue in real time. */
  readonly lockstep?: LockstepControl;
  /** Shadow mode: how the live book fills simulated orders (the backtester's models). Default quote fills. */
  readonly fills?: FillModel;
  /** Shadow mode: the simulated account's cash (default: the venue balance at the start). */
  readonly startingCash?: number;
  readonly risk?: RiskLimits;
  /** Kill switch: halt trading once equity is this much below the starting equity (money units). */
  readonly maxLoss?: number;
  /** What the session was started with (recorded first; a restart must match it). */
  readonly config: Record<string, unknown>;
  readonly alerts?: { readonly rules: readonly AlertRule[]; readonly channels: readonly AlertChannel[]; readonly errorWindowMs?: number };
  readonly metrics?: SessionMetrics;
  /** At a graceful stop: cancel resting orders (default) or leave them at the venue. */
  readonly openOrdersAtStop?: 'cancel' | 'keep';
  /** After a crash: adopt the orders still open at the venue (default) or cancel them before trading on. */
  readonly openOrdersAtRestart?: 'adopt' | 'cancel';
  /** Real-time mode: how often buffered market data is handed to the strategy (ms). Default 100. */
  readonly pollMs?: number;
  /** Real-time mode: stop at this venue time. */
  readonly until?: number;
  readonly auditFsync?: FsyncPolicy;
  readonly log?: (line: string) => void;
}

export interface PaperSummary {
  readonly dir: string;
  readonly state: 'done' | 'stopped' | 'halted';
  readonly resumed: boolean;
  readonly steps: number;
  readonly orders: number;
  readonly fills: number;
  readonly startingEquity: number;
  readonly finalEquity: number;
  readonly ledgerRecords: number;
  readonly auditRecords: number;
  /** Orders refused by reason, before the venue (risk limits, kill switch) and at it. */
  readonly rejections: Readonly<Record<string, number>>;
}

/** Files a session folder holds. */
export const sessionPaths = (dir: string) => ({ ledger: path.join(dir, 'ledger'), audit: path.join(dir, 'audit'), status: path.join(dir, 'status.json'), stop: path.join(dir, 'STOP'), config: path.join(dir, 'session.json'), recoveries: path.join(dir, 'recoveries.jsonl') });

/**
 * The paper-trading engine: one strategy, unchanged, against a venue — real orders at Kalshi's demo or
 * the local exchange (`orders`), or simulated against the live book with the backtester's fill models
 * (`shadow`) — with market data from the venue's WebSocket. Everything crossing the strategy's boundary
 * goes to the session ledger first and the decisions, orders, fills and cancels to the audit log; a
 * restarted session replays its ledger, reconciles with the venue, and carries on.
 */
export class PaperEngine<C extends StrategyContext = StrategyContext> {
  readonly clock = new ManualClock(0);
  private readonly paths: ReturnType<typeof sessionPaths>;
  private readonly ledger: SessionLedger;
  private readonly audit: AuditLog;
  private auditTime = 0;
  private lastAudited: number;
  private readonly venue: SessionVenue;
  private readonly kalshi: KalshiVenue | undefined;
  private readonly sim: SimulatedVenue | undefined;
  private readonly scheduler = new Scheduler();
  readonly runner: StrategyRunner<C>;
  private readonly order: Map<string, number>;
  private readonly subscribed = new Set<string>();
  /** Markets the ledger showed data for (a restart subscribes to them again). */
  private readonly known = new Set<string>();
  private readonly settled = new Map<string, number>();
  private readonly alerts: AlertManager | undefined;
  private readonly errorWindow: ErrorWindow;
  private accountDirty = false;
  private lastAccount = '';
  private startEquity = 0;
  private peakEquity = 0;
  private steps = 0;
  private lastDataAt: number | undefined;
  private halted = false;
  private stopping = false;
  readonly resumed: boolean;
  private readonly log: (line: string) => void;

  constructor(private readonly options: PaperEngineOptions<C>) {
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
      this.sim = new SimulatedVenue({ clock: this.clock, instrument, fills: options.fills ?? new QuoteFills(), startingCash: options.startingCash ?? 0, latencyMs: 0, schedule: (t, a) => this.scheduler.at(t, a) });
      inner = this.sim;
    }
    this.venue = new SessionVenue(inner, this.ledger, options.mode === 'orders', (o) => this.kalshi?.remember(o), this.sim);
    this.runner = new StrategyRunner<C>(this.venue, this.recordRefusals(options.strategy), { risk: options.risk, extend: options.extend, idPrefix: 'paper', log: (m) => this.log(`strategy: ${m}`) });
    if (options.alerts) {
      this.alerts = new AlertManager({ rules: options.alerts.rules, channels: options.alerts.channels, session: options.dir, onFire: (a) => this.onAlert(a), onDeliveryError: (ch, e) => this.log(`alert delivery to ${ch} failed: ${String(e)}`) });
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

  /** Run the session to its end (or a stop); resumes a session folder that already has a ledger. */
  async run(): Promise<PaperSummary> {
    const o = this.options;
    if (this.ledger.history.some((r) => r.type === 'stop')) throw new OmegaError('SESSION_FINISHED', `session ${o.dir} has already stopped; start a new one with another --session folder`);
    if (existsSync(this.paths.stop)) rmSync(this.paths.stop);
    try {
      await o.ws.connect();
    } catch (e) {
      throw new OmegaError('VENUE_UNREACHABLE', `the venue's WebSocket at ${o.ws.options.url} did not open (${(e as Error).message}); check --ws-url (default: derived from --base-url) and the key`);
    }
    o.ws.subscribe('market_lifecycle_v2');
    if (o.mode === 'orders') o.ws.subscribe('fill');
    const onSignal = () => void (this.stopping = true);
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    try {
      await this.begin();
      if (this.resumed) await this.replay();
      await this.reconcile();
      const state = o.lockstep ? await this.lockstepLoop(o.lockstep) : await this.realtimeLoop();
      return await this.finish(state);
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      o.ws.close();
    }
  }

  // ------------------------------------------------------------------ start, replay, reconcile

  private async begin(): Promise<void> {
    const o = this.options;
    const first = this.ledger.peek();
    let startingCash: number;
    if (first === undefined) {
      const account = o.mode === 'orders' ? await this.kalshi!.readAccount() : undefined;
      startingCash = o.mode === 'orders' ? account!.cash : o.startingCash ?? (await o.rest.getBalance()).balanceCents;
      this.ledger.write('session', { config: o.config, mode: o.mode, startingCash, markets: [...o.instruments.keys()].length });
      if (account) this.recordAccount(account);
    } else {
      const recorded = first.data as { config: unknown; mode: string; startingCash: number; markets: number };
      startingCash = recorded.startingCash;
      this.ledger.write('session', { config: o.config, mode: o.mode, startingCash, markets: [...o.instruments.keys()].length });
    }
    if (this.sim && startingCash !== o.startingCash && o.startingCash !== undefined) throw new OmegaError('SESSION_MISMATCH', `shadow cash ${o.startingCash} differs from the session's ${startingCash}`);
    if (this.sim && o.startingCash === undefined) this.fundSimulation(startingCash);
    this.runner.start();
    this.startEquity = this.peakEquity = this.runner.portfolio.equity;
  }

  /** Shadow mode without a given starting cash: the simulated account gets the venue balance. */
  private fundSimulation(cash: number): void {
    const ex = this.sim!.exchange;
    const acct = ex.accountRef(this.sim!.strategyAccount);
    if (acct.cash !== cash) ex.deposit(this.sim!.strategyAccount, cash - acct.cash);
  }

  /** Feed the ledger's inputs back through the session, in order; every output must match what it holds. */
  private async replay(): Promise<void> {
    let replayed = 0;
    for (let r = this.ledger.peek(); r !== undefined; r = this.ledger.peek()) {
      replayed++;
      const d = r.data as never;
      switch (r.type) {
        case 'data':
          this.advanceClock((d as BookUpdate).time);
          this.known.add((d as BookUpdate).ticker);
          this.venue.deliverData(d);
          this.drainSimulation();
          break;
        case 'resolution':
          this.advanceClock((d as MarketResolution).time);
          this.venue.deliverResolution(d);
          this.drainSimulation();
          break;
        case 'account':
          this.ledger.write('account', d);
          this.lastAccount = canonicalJson(d);
          this.kalshi?.setAccount(d as AccountSnapshot);
          break;
        case 'order':
          if (!this.kalshi) throw this.diverged(r);
          this.kalshi.replayed(d as VenueOrderEvent);
          this.venue.venueOrder(d);
          break;
        case 'fill':
          if (!this.kalshi) throw this.diverged(r);
          this.kalshi.replayed(d as Fill);
          this.venue.venueFill(d);
          break;
        case 'restart':
          // an earlier restart canceled what was open then: the same cancels, confirmed against the ledger
          this.ledger.write('restart', d);
          for (const id of (d as { cancel: string[] }).cancel) this.venue.cancel(id);
          this.drainSimulation();
          break;
        case 'halt':
          this.ledger.write('halt', d);
          this.runner.risk.halted = true;
          this.halted = true;
          break;
        case 'alert':
          this.ledger.write('alert', d);
          break;
        default:
          throw this.diverged(r);
      }
    }
    for (const o of this.runner.orders.all()) if (isTerminal(o.state)) this.kalshi?.finished(o.clientOrderId);
    this.recovery({ event: 'replayed', records: replayed, ledgerHead: this.ledger.head.seq, repair: this.ledger.repair ?? null });
  }

  private diverged(r: ChainRecord): OmegaError {
    return new OmegaError('RECOVERY_DIVERGED', `recovery diverged at ledger record ${r.seq} (${r.type}): the restarted strategy did not produce it; is the strategy deterministic and are its options the same?`);
  }

  /**
   * After a restart, ask the venue about every order the ledger left unfinished (by client order id;
   * fills by trade id), resend one that never arrived, and subscribe to the markets open now.
   */
  private async reconcile(): Promise<void> {
    const o = this.options;
    if (this.kalshi && this.resumed) {
      let found = 0;
      let resent = 0;
      for (const id of this.kalshi.unfinished()) {
        const view = this.runner.orders.view(id);
        if (view === undefined) continue;
        const request: OrderRequest & { clientOrderId: string } = { ticker: view.ticker, side: view.side, price: view.price, count: view.count, timeInForce: view.timeInForce, postOnly: view.postOnly, clientOrderId: id };
        const r = await this.kalshi.reconcile(request);
        if (r === 'absent') resent++;
        else found++;
      }
      this.recovery({ event: 'reconciled', found, resent });
    }
    for await (const m of o.rest.markets({ status: 'open', limit: 1000 })) {
      if (!o.instruments.has(m.ticker) || this.venue.resolved.has(m.ticker)) continue;
      this.subscribe(m.ticker);
      // the venue's time is at least the opening of a market it shows open
      this.advanceClock(m.openTimeMs);
    }
    // markets known from before the restart: still open ones are subscribed again, settled ones resolve
    for (const t of this.known) {
      if (this.venue.resolved.has(t) || this.settled.has(t)) continue;
      const m = await o.rest.getMarket(t);
      if (m.settlementValue !== undefined && (m.status === 'finalized' || m.status === 'determined')) this.settled.set(t, m.settlementValue);
      // a settled market's (empty) book is shown before its resolution, as an uninterrupted session sees it
      this.subscribe(t);
    }
    if (this.kalshi) await this.afterCallback();
    if (this.resumed && o.openOrdersAtRestart === 'cancel') await this.cancelLeftOpen();
  }

  /** `openOrdersAtRestart: cancel`: the orders open after reconciliation are canceled, and the ledger says which. */
  private async cancelLeftOpen(): Promise<void> {
    const open = this.runner.orders.open().filter((x) => x.remaining > 0 && x.state !== 'pending').map((x) => x.clientOrderId);
    if (open.length > 0) {
      this.ledger.write('restart', { cancel: open });
      for (const id of open) this.venue.cancel(id);
      await this.afterCallback();
    }
    this.recovery({ event: 'canceled-open-orders', orders: open });
  }

  private recovery(entry: Record<string, unknown>): void {
    // restarts are logged beside the session, not in its ledger or audit chain, which stay identical to an uninterrupted run's
    appendFileSync(this.paths.recoveries, JSON.stringify({ ...entry, at: this.clock.now() }) + '\n');
    this.log(`recovery: ${JSON.stringify(entry)}`);
  }

  // ------------------------------------------------------------------ the loops

  private async lockstepLoop(control: LockstepControl): Promise<'done' | 'stopped' | 'halted'> {
    let pos = await control.position();
    for (;;) {
      await this.options.ws.barrier();
      await this.step(pos.time);
      if (this.stopRequested()) return this.halted ? 'halted' : 'stopped';
      if (pos.done || pos.next === undefined) return 'done';
      pos = await control.advanceTo(pos.next);
    }
  }

  private async realtimeLoop(): Promise<'done' | 'stopped' | 'halted'> {
    const poll = this.options.pollMs ?? 100;
    let latest = this.clock.now();
    // venue time: the newest stamp on the stream (book deltas, market openings and settlements)
    this.options.ws.on('book', (_t, _b, ts) => {
      if (ts !== undefined && ts > latest) latest = ts;
    });
    this.options.ws.on('lifecycle', (m) => {
      if (m.tsMs !== undefined && m.tsMs > latest) latest = m.tsMs;
    });
    for (;;) {
      await new Promise((r) => setTimeout(r, poll));
      try {
        await this.options.ws.barrier();
      } catch {
        await this.pollBooks(); // stream down: REST polling until it reconnects
      }
      await this.step(Math.max(latest, this.clock.now()));
      if (this.stopRequested()) return this.halted ? 'halted' : 'stopped';
      if (this.options.until !== undefined && latest >= this.options.until) return 'done';
      if ([...this.options.instruments.keys()].every((t) => this.venue.resolved.has(t))) return 'done';
    }
  }

  private readonly polled = new Map<string, BookUpdate>();

  /** REST fallback for market data while the WebSocket is down. */
  private async pollBooks(): Promise<void> {
    for (const t of this.subscribed) {
      if (this.venue.resolved.has(t)) continue;
      const ob = await this.options.rest.getOrderbook(t);
      const units = this.options.instruments.get(t)!.grid.unitsPerContract;
      this.polled.set(t, { kind: 'book', time: this.clock.now(), ticker: t, bids: ob.yes.slice().reverse().map((l) => ({ price: l.price, size: l.count })), asks: ob.no.slice().reverse().map((l) => ({ price: units - l.price, size: l.count })) });
    }
  }

  /**
   * Hand the strategy everything that happened at venue time `time`: every book that changed since it
   * last saw it (in the session's market order), then every market that settled — each followed by the
   * answers to whatever the strategy did about it — until nothing changes.
   */
  private async step(time: number): Promise<void> {
    this.advanceClock(time);
    this.steps++;
    // one at a time, always the first in the session's market order: the sequence then depends only on
    // the venue's state, never on where a restart cut in
    for (let guard = 0; guard < 100_000; guard++) {
      const book = this.changedBooks(time)[0];
      if (book !== undefined) {
        this.lastDataAt = time;
        this.venue.deliverData(book);
        this.options.metrics?.decisions.inc();
        await this.afterCallback();
        continue;
      }
      const next = [...this.settled.entries()].filter(([t]) => !this.venue.resolved.has(t)).sort((a, b) => this.rank(a[0]) - this.rank(b[0]))[0];
      if (next === undefined) break;
      const [ticker, value] = next;
      if (this.kalshi) await this.refreshAccount(true);
      this.venue.deliverResolution({ kind: 'resolution', time, ticker, settlementValue: value });
      this.settled.delete(ticker);
      await this.afterCallback();
    }
    await this.checkRisk();
    this.observe();
  }

  private changedBooks(time: number): BookUpdate[] {
    const out: BookUpdate[] = [];
    const tickers = [...this.subscribed].filter((t) => !this.venue.resolved.has(t)).sort((a, b) => this.rank(a) - this.rank(b));
    for (const t of tickers) {
      const local = this.options.ws.book(t);
      const units = this.options.instruments.get(t)!.grid.unitsPerContract;
      const b = local?.consistent ? bookUpdateOf(local, time, units) : this.polled.get(t);
      if (b === undefined) continue;
      if (!sameBook(this.venue.lastBook.get(t), b)) out.push({ ...b, time });
    }
    this.polled.clear();
    return out;
  }

  /** After a callback: the shadow simulation runs what it scheduled; orders mode waits for the venue's answers and delivers them. */
  private async afterCallback(): Promise<void> {
    this.drainSimulation();
    if (!this.kalshi) return;
    if (!this.kalshi.hasWork()) return this.refreshAccount(false);
    await this.kalshi.settle();
    this.kalshi.flush();
    await this.refreshAccount(false);
  }

  private drainSimulation(): void {
    while (this.scheduler.size > 0) this.scheduler.pop()!.action();
  }

  /** Read the venue account when something may have changed it; record it when it did. */
  private async refreshAccount(force: boolean): Promise<void> {
    if (!this.kalshi || (!force && !this.accountDirty)) return;
    this.accountDirty = false;
    try {
      this.recordAccount(await this.kalshi.readAccount());
    } catch (e) {
      this.error('account', e);
    }
  }

  private recordAccount(a: AccountSnapshot): void {
    const text = canonicalJson(a);
    if (text === this.lastAccount) return;
    this.lastAccount = text;
    this.ledger.write('account', a);
    this.kalshi?.setAccount(a);
  }

  // ------------------------------------------------------------------ risk, alerts, metrics, status

  private async checkRisk(): Promise<void> {
    const equity = this.runner.portfolio.equity;
    if (equity > this.peakEquity) this.peakEquity = equity;
    if (!this.halted && this.options.maxLoss !== undefined && this.startEquity - equity > this.options.maxLoss) await this.halt(`loss ${this.startEquity - equity} exceeds maxLoss ${this.options.maxLoss}`);
    if (!this.halted && this.runner.risk.halted) await this.halt('drawdown limit reached');
    this.alerts?.evaluate({
      time: this.clock.now(),
      equity,
      peakEquity: this.peakEquity,
      recentErrors: this.errorWindow.count(this.clock.now()),
      circuitOpen: this.options.rest.transport.breaker?.opened ?? false,
      lastMarketDataAt: this.lastDataAt,
      positions: this.runner.portfolio.positions().map((p) => ({ ticker: p.ticker, qty: p.qty })),
      reconciliationDifferences: 0,
    });
  }

  /** The kill switch: no new orders, resting ones canceled; the session keeps recording until stopped. */
  async halt(reason: string): Promise<void> {
    if (this.halted) return;
    this.halted = true;
    this.runner.risk.halted = true;
    this.ledger.write('halt', { reason });
    this.options.metrics?.halted.set(1);
    await this.cancelOpenOrders();
  }

  private async cancelOpenOrders(): Promise<void> {
    for (const o of this.runner.orders.open()) if (o.remaining > 0 && o.state !== 'pending') this.venue.cancel(o.clientOrderId);
    await this.afterCallback();
  }

  private onAlert(a: Alert): void {
    this.ledger.write('alert', a);
    this.options.metrics?.alerts.inc({ rule: a.rule });
  }

  private error(source: string, e: unknown): void {
    this.errorWindow.record(this.clock.now());
    this.options.metrics?.errors.inc({ source });
    this.log(`error (${source}): ${e instanceof Error ? e.message : String(e)}`);
  }

  private observe(): void {
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
      JSON.stringify({ state, pid: process.pid, mode: this.options.mode, time: this.clock.now(), steps: this.steps, equity: p.equity, cash: p.cash, startingEquity: this.startEquity, positions: p.positions().map((x) => ({ ticker: x.ticker, qty: x.qty })), orders: all.length, openOrders: all.filter((o) => !isTerminal(o.state)).length, fills: all.reduce((s, o) => s + o.filled, 0), ledger: this.ledger.head, audit: this.audit.head, halted: this.halted }, null, 2) + '\n',
    );
  }

  private haltRequested = false;

  private stopRequested(): boolean {
    if (existsSync(this.paths.stop)) {
      this.stopping = true;
      if (readFileSync(this.paths.stop, 'utf8').includes('halt')) this.haltRequested = true;
    }
    return this.stopping;
  }

  private async finish(state: 'done' | 'stopped' | 'halted'): Promise<PaperSummary> {
    if (this.haltRequested) {
      await this.halt('manual kill switch (omega paper stop --halt)');
      state = 'halted';
    }
    if (this.options.openOrdersAtStop !== 'keep') await this.cancelOpenOrders();
    this.runner.end();
    this.ledger.write('stop', { state });
    await this.alerts?.flush();
    this.writeStatus(state);
    this.ledger.close();
    this.audit.close();
    const all = this.runner.orders.all();
    return { dir: this.options.dir, state, resumed: this.resumed, steps: this.steps, orders: all.length, fills: all.reduce((s, o) => s + o.filled, 0), startingEquity: this.startEquity, finalEquity: this.runner.portfolio.equity, ledgerRecords: this.ledger.head.seq, auditRecords: this.audit.head.seq, rejections: { ...this.runner.rejections } };
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The strategy as the runner sees it: unchanged, except that an order refused before it left (a risk
   * limit, the kill switch) is written to the ledger and the audit log as it is delivered — the venue
   * never saw it, so nothing else would record the decision.
   */
  private recordRefusals(strategy: Strategy<C>): Strategy<C> {
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
          this.ledger.write('risk', { clientOrderId: o.clientOrderId, ticker: o.ticker, side: o.side, price: o.price, count: o.count, reason: o.reason, tags: o.tags });
        }
        strategy.onOrderUpdate?.(u, ctx);
      },
    };
    return wrapped;
  }

  private auditRecord(r: ChainRecord, fresh: boolean): void {
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

  private advanceClock(t: number): void {
    if (t > this.clock.now()) this.clock.set(t);
  }

  private rank(ticker: string): number {
    return this.order.get(ticker) ?? Number.MAX_SAFE_INTEGER;
  }

  private subscribe(ticker: string): void {
    if (this.subscribed.has(ticker) || this.venue.resolved.has(ticker)) return;
    this.known.add(ticker);
    this.subscribed.add(ticker);
    this.options.ws.subscribe('orderbook_delta', [ticker]);
  }

  /** Collateral the session's resting orders lock at the venue (Kalshi reports only free cash). */
  private reservedForOpenOrders(): number {
    let sum = 0;
    for (const o of this.runner.orders.open()) {
      if (o.remaining <= 0) continue;
      const i = this.options.instruments.get(o.ticker);
      if (i) sum += orderReserve(o.side, o.price, o.remaining, i.grid, i.fees);
    }
    return sum;
  }
}

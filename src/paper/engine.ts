import { existsSync, readFileSync, rmSync } from 'node:fs';
import { OmegaError } from '../core/errors.js';
import { canonicalJson } from '../ops/canonical.js';
import type { OrderRequest } from '../market/orders.js';
import type { BookUpdate, MarketResolution } from '../trading/market-data.js';
import { isTerminal, type Fill, type VenueOrderEvent } from '../trading/orders.js';
import type { StrategyContext } from '../trading/strategy.js';
import { bookUpdateOf, sameBook } from './book.js';
import type { Alert } from '../ops/alerts/channels.js';
import type { AccountSnapshot } from './kalshi-venue.js';
import type { LockstepControl } from './lockstep.js';
import { PaperEngineBase } from './engine-base.js';
import type { PaperSummary } from './engine-options.js';

export { sessionPaths, type PaperEngineOptions, type PaperMode, type PaperSummary } from './engine-options.js';

/**
 * The paper-trading engine: one strategy, unchanged, against a venue — real orders at Kalshi's demo or
 * the local exchange (`orders`), or simulated against the live book with the backtester's fill models
 * (`shadow`) — with market data from the venue's WebSocket. Everything crossing the strategy's boundary
 * goes to the session ledger first and the decisions, orders, fills and cancels to the audit log; a
 * restarted session replays its ledger, reconciles with the venue, and carries on.
 */
export class PaperEngine<C extends StrategyContext = StrategyContext> extends PaperEngineBase<C> {
  /** Run the session to its end (or a stop); resumes a session folder that already has a ledger. */
  async run(): Promise<PaperSummary> {
    const o = this.options;
    if (this.ledger.history.some((r) => r.type === 'stop'))
      throw new OmegaError('SESSION_FINISHED', `session ${o.dir} has already stopped; start a new one with another --session folder`);
    if (existsSync(this.paths.stop)) rmSync(this.paths.stop);
    try {
      await o.ws.connect();
    } catch (e) {
      throw new OmegaError(
        'VENUE_UNREACHABLE',
        `the venue's WebSocket at ${o.ws.options.url} did not open (${(e as Error).message}); check --ws-url (default: derived from --base-url) and the key`,
      );
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

  private async begin(): Promise<void> {
    const o = this.options;
    const first = this.ledger.peek();
    let startingCash: number;
    if (first === undefined) {
      const account = o.mode === 'orders' ? await this.kalshi!.readAccount() : undefined;
      startingCash = o.mode === 'orders' ? account!.cash : (o.startingCash ?? (await o.rest.getBalance()).balanceCents);
      this.ledger.write('session', { config: o.config, mode: o.mode, startingCash, markets: [...o.instruments.keys()].length });
      if (account) this.recordAccount(account);
    } else {
      const recorded = first.data as { config: unknown; mode: string; startingCash: number; markets: number };
      startingCash = recorded.startingCash;
      this.ledger.write('session', { config: o.config, mode: o.mode, startingCash, markets: [...o.instruments.keys()].length });
    }
    if (this.sim && startingCash !== o.startingCash && o.startingCash !== undefined)
      throw new OmegaError('SESSION_MISMATCH', `shadow cash ${o.startingCash} differs from the session's ${startingCash}`);
    if (this.sim && o.startingCash === undefined) this.fundSimulation(startingCash);
    this.runner.start();
    this.startEquity = this.peakEquity = this.runner.portfolio.equity;
  }

  /** Feed the ledger's inputs back through the session, in order; every output must match what it holds. */
  private async replay(): Promise<void> {
    let replayed = 0;
    // the live loop samples the peak equity after each step (checkRisk); a step ends where venue time moves on
    let stepTime: number | undefined;
    const stepAt = (time: number) => {
      if (stepTime !== undefined && time > stepTime) this.notePeak();
      stepTime = time;
    };
    for (let r = this.ledger.peek(); r !== undefined; r = this.ledger.peek()) {
      replayed++;
      const d = r.data as never;
      switch (r.type) {
        case 'data':
          stepAt((d as BookUpdate).time);
          this.advanceClock((d as BookUpdate).time);
          this.known.add((d as BookUpdate).ticker);
          this.venue.deliverData(d);
          this.drainSimulation();
          break;
        case 'resolution':
          stepAt((d as MarketResolution).time);
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
          for (const id of (d as { cancel: string[] }).cancel) {
            this.venue.cancel(id);
            this.canceledAtEarlierRestart.add(id);
          }
          this.drainSimulation();
          break;
        case 'halt':
          this.ledger.write('halt', d);
          this.runner.risk.halted = true;
          this.halted = true;
          break;
        case 'alert':
          this.ledger.write('alert', d);
          this.alerts?.restore(d as Alert);
          break;
        default:
          throw this.diverged(r);
      }
    }
    this.notePeak();
    for (const o of this.runner.orders.all()) if (isTerminal(o.state)) this.kalshi?.finished(o.clientOrderId);
    this.recovery({ event: 'replayed', records: replayed, ledgerHead: this.ledger.head.seq, repair: this.ledger.repair ?? null });
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
        const request: OrderRequest & { clientOrderId: string } = {
          ticker: view.ticker,
          side: view.side,
          price: view.price,
          count: view.count,
          timeInForce: view.timeInForce,
          postOnly: view.postOnly,
          clientOrderId: id,
        };
        const r = await this.kalshi.reconcile(request);
        if (r === 'absent') resent++;
        else found++;
      }
      this.recovery({ event: 'reconciled', found, resent });
    }
    await this.catchUpMarkets();
    if (this.kalshi) await this.afterCallback();
    if (this.resumed && o.openOrdersAtRestart === 'cancel') await this.cancelLeftOpen();
  }

  /**
   * What the market lifecycle stream said while nobody listened (before a restart, or during an outage), read
   * from REST: markets open now are subscribed, known markets that settled meanwhile resolve.
   */
  private async catchUpMarkets(): Promise<void> {
    const o = this.options;
    for await (const m of o.rest.markets({ status: 'open', limit: 1000 })) {
      if (!o.instruments.has(m.ticker) || this.venue.resolved.has(m.ticker)) continue;
      this.subscribe(m.ticker);
      // the venue's time is at least the opening of a market it shows open
      this.advanceClock(m.openTimeMs);
    }
    for (const t of this.known) {
      if (this.venue.resolved.has(t) || this.settled.has(t)) continue;
      const m = await o.rest.getMarket(t);
      if (m.settlementValue !== undefined && (m.status === 'finalized' || m.status === 'determined'))
        this.settled.set(t, m.settlementValue);
      // a settled market's (empty) book is shown before its resolution, as an uninterrupted session sees it
      this.subscribe(t);
    }
  }

  /** `openOrdersAtRestart: cancel`: the orders open after reconciliation are canceled, and the ledger says which. */
  private async cancelLeftOpen(): Promise<void> {
    // an order an earlier restart already canceled may still look open here (the venue's confirmation can
    // arrive after this point): it must not be named, or canceled, a second time
    const open = this.runner.orders
      .open()
      .filter((x) => x.remaining > 0 && x.state !== 'pending' && !this.canceledAtEarlierRestart.has(x.clientOrderId))
      .map((x) => x.clientOrderId);
    if (open.length > 0) {
      this.ledger.write('restart', { cancel: open });
      for (const id of open) this.venue.cancel(id);
      await this.afterCallback();
    }
    this.recovery({ event: 'canceled-open-orders', orders: open });
  }

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
        if (this.streamDown) {
          this.log('market data: WebSocket back, streaming books again');
          this.streamDown = false;
          await this.catchUpMarkets();
        }
      } catch {
        if (!this.streamDown) this.log('market data: WebSocket down, polling books over REST until it reconnects');
        this.streamDown = true;
        await this.pollBooks();
      }
      await this.step(Math.max(latest, this.clock.now()));
      if (this.stopRequested()) return this.halted ? 'halted' : 'stopped';
      if (this.options.until !== undefined && latest >= this.options.until) return 'done';
      if ([...this.options.instruments.keys()].every((t) => this.venue.resolved.has(t))) return 'done';
    }
  }

  /** Real-time mode: the last barrier failed, so books come from REST polls (logged once per outage). */
  private streamDown = false;

  /** REST fallback for market data while the WebSocket is down. */
  private async pollBooks(): Promise<void> {
    for (const t of this.subscribed) {
      if (this.venue.resolved.has(t)) continue;
      const ob = await this.options.rest.getOrderbook(t);
      const units = this.options.instruments.get(t)!.grid.unitsPerContract;
      this.polled.set(t, {
        kind: 'book',
        time: this.clock.now(),
        ticker: t,
        bids: ob.yes
          .slice()
          .reverse()
          .map((l) => ({ price: l.price, size: l.count })),
        asks: ob.no
          .slice()
          .reverse()
          .map((l) => ({ price: units - l.price, size: l.count })),
      });
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
      const next = [...this.settled.entries()]
        .filter(([t]) => !this.venue.resolved.has(t))
        .sort((a, b) => this.rank(a[0]) - this.rank(b[0]))[0];
      if (next === undefined) break;
      const [ticker, value] = next;
      if (this.kalshi) {
        await this.kalshi.closeWithMarket(ticker);
        this.kalshi.flush();
        await this.refreshAccount(true);
      }
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

  private async checkRisk(): Promise<void> {
    const equity = this.notePeak();
    if (!this.halted && this.options.maxLoss !== undefined && this.startEquity - equity > this.options.maxLoss)
      await this.halt(`loss ${this.startEquity - equity} exceeds maxLoss ${this.options.maxLoss}`);
    if (!this.halted && this.runner.risk.halted) await this.halt('drawdown limit reached');
    this.alerts?.evaluate({
      time: this.clock.now(),
      equity,
      peakEquity: this.peakEquity,
      recentErrors: this.errorWindow.count(this.clock.now()),
      circuitOpen: this.options.rest.transport.breaker?.opened ?? false,
      lastMarketDataAt: this.lastDataAt,
      positions: this.runner.portfolio.positions().map((p) => ({ ticker: p.ticker, qty: p.qty })),
      reconciliationDifferences: await this.reconciliationDifferences(),
    });
  }

  /** The equity now, raising the session's peak (the drawdown alerts' reference) when it is higher. */
  private notePeak(): number {
    const equity = this.runner.portfolio.equity;
    if (equity > this.peakEquity) this.peakEquity = equity;
    return equity;
  }

  private lastDifferences = new Set<string>();
  /** Orders named by a restart record replayed from the ledger: their cancels are sent (or were) already. */
  private readonly canceledAtEarlierRestart = new Set<string>();
  private lastForcedRead = Number.NEGATIVE_INFINITY;

  /**
   * Orders mode: markets whose venue position disagrees with the session's own fills; in real time counted
   * when the disagreement outlasts one account read (a fill on its way while the account was read is not one).
   */
  private async reconciliationDifferences(): Promise<number> {
    if (!this.kalshi) return 0;
    // the account is read after the session's own fills anyway; at most once a venue minute it is read regardless, to see others' trades
    if (this.clock.now() - this.lastForcedRead >= 60_000) {
      this.lastForcedRead = this.clock.now();
      await this.refreshAccount(true);
    }
    const own = new Map<string, number>();
    for (const o of this.runner.orders.all())
      if (o.filled > 0) own.set(o.ticker, (own.get(o.ticker) ?? 0) + (o.side === 'bid' ? o.filled : -o.filled));
    const now = this.kalshi.positionDifferences(own, new Set(this.options.instruments.keys()), this.venue.resolved);
    // in lock-step every fill of the step has arrived before the read, so a difference is one at once
    const lasting = this.options.lockstep ? now : now.filter((t) => this.lastDifferences.has(t));
    this.lastDifferences = new Set(now);
    this.options.metrics?.reconciliationDifferences.set(lasting.length);
    return lasting.length;
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
    return {
      dir: this.options.dir,
      state,
      resumed: this.resumed,
      steps: this.steps,
      orders: all.length,
      fills: all.reduce((s, o) => s + o.filled, 0),
      startingEquity: this.startEquity,
      finalEquity: this.runner.portfolio.equity,
      ledgerRecords: this.ledger.head.seq,
      auditRecords: this.audit.head.seq,
      rejections: { ...this.runner.rejections },
    };
  }
}

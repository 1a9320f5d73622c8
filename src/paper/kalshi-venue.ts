import type { Clock } from '../core/clock.js';
import type { AmendRequest, OrderRequest, TimeInForce } from '../market/orders.js';
import type { Instrument } from '../trading/instrument.js';
import type { Fill, RejectReason, VenueOrderEvent } from '../trading/orders.js';
import type { PositionView } from '../trading/strategy.js';
import type { Venue, VenueAccount, VenueListener } from '../trading/venue.js';
import type { VenueFill } from '../venues/kalshi/domain/types.js';
import { KalshiApiError } from '../venues/kalshi/rest/errors.js';
import type { KalshiRestClient } from '../venues/kalshi/rest/client.js';
import type { KalshiWsClient } from '../venues/kalshi/ws/client.js';

const TIF: Record<TimeInForce, 'good_till_canceled' | 'immediate_or_cancel' | 'fill_or_kill'> = {
  gtc: 'good_till_canceled',
  ioc: 'immediate_or_cancel',
  fok: 'fill_or_kill',
};

/** Kalshi error codes as the trading layer's reasons. */
function reasonOfKalshiError(e: unknown): RejectReason {
  if (!(e instanceof KalshiApiError)) return 'venue_error';
  const code = e.kalshiCode ?? '';
  if (code === 'insufficient_balance') return 'insufficient_funds';
  if (code.includes('market_closed') || code === 'market_not_active') return 'market_closed';
  if (code.includes('price')) return 'invalid_price';
  if (code.includes('count') || code.includes('quantity')) return 'invalid_quantity';
  if (e.status === 404) return 'unknown_order';
  if (e.status === 409) return 'duplicate_client_order_id';
  if (code.includes('post_only')) return 'post_only_would_cross';
  return 'venue_error';
}

/** The account as the venue last reported it (money in cents), refreshed by {@link KalshiVenue.refresh}. */
export interface AccountSnapshot {
  readonly cash: number;
  readonly feesPaid: number;
  readonly positions: readonly PositionView[];
}

interface Tracked {
  readonly clientOrderId: string;
  readonly ticker: string;
  readonly count: number;
  readonly tif: TimeInForce;
  venueOrderId?: string;
  ack?: { filled: number; remaining: number };
  /** Fills reported (by trade id) — counted once however often they are seen. */
  readonly fills: Map<string, Fill>;
  delivered: number;
  accepted?: boolean;
  done: boolean;
  error?: { reason: RejectReason; message: string };
}

/** A newly tracked order: nothing acknowledged, filled or delivered yet. */
function trackedOrder(order: OrderRequest & { readonly clientOrderId: string }): Tracked {
  return {
    clientOrderId: order.clientOrderId,
    ticker: order.ticker,
    count: order.count,
    tif: order.timeInForce,
    fills: new Map(),
    delivered: 0,
    done: false,
  };
}

/**
 * Orders mode: a Kalshi venue (Kalshi's demo or the local exchange) behind the trading layer's
 * {@link Venue}. Requests go out over REST at once; what they cause — the acknowledgement, fills from
 * the WebSocket `fill` channel (topped up from REST), the IOC remainder's cancel — is buffered and handed
 * to the runner by `flush()` in one fixed order per order (accepted, fills in trade order, canceled), so
 * a session reads the same sequence however the network interleaves replies and stream messages.
 */
export class KalshiVenue implements Venue {
  readonly name: string;
  private listener: VenueListener | undefined;
  private readonly orders = new Map<string, Tracked>();
  private readonly byVenueId = new Map<string, Tracked>();
  private readonly events: VenueOrderEvent[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private snapshot: AccountSnapshot = { cash: 0, feesPaid: 0, positions: [] };
  readonly account: VenueAccount;
  /** Errors talking to the venue (for the error-rate alert). */
  errors = 0;

  constructor(
    private readonly rest: KalshiRestClient,
    private readonly ws: KalshiWsClient,
    readonly clock: Clock,
    private readonly instruments: (ticker: string) => Instrument,
    private readonly reservedOf: () => number,
  ) {
    this.name = `kalshi ${rest.baseUrl}`;
    ws.on('fill', (f) => this.onWsFill(f));
    const self = this;
    this.account = {
      get cash() {
        return self.snapshot.cash;
      },
      get reserved() {
        return self.reservedOf();
      },
      get feesPaid() {
        return self.snapshot.feesPaid;
      },
      position: (ticker) =>
        self.snapshot.positions.find((p) => p.ticker === ticker) ?? { ticker, qty: 0, costBasis: 0, realizedPnl: 0, feesPaid: 0 },
      positions: () => self.snapshot.positions.filter((p) => p.qty !== 0),
    };
  }

  connect(listener: VenueListener): void {
    this.listener = listener;
  }

  instrument(ticker: string): Instrument {
    return this.instruments(ticker);
  }

  /** Take the account as recorded (recovery) or as just read; the first is the session's baseline. */
  setAccount(snapshot: AccountSnapshot): void {
    this.snapshot = snapshot;
    this.baseline ??= new Map(snapshot.positions.map((p) => [p.ticker, p.qty]));
  }

  private baseline: Map<string, number> | undefined;

  /**
   * Markets where the venue's position is not the session's starting position plus what the session's
   * own fills added (YES bought minus YES sold): another client trading the account, or a fill lost.
   * `own`: the session's net filled contracts per market; markets in `skip` (settled) are not compared.
   */
  positionDifferences(own: ReadonlyMap<string, number>, markets: ReadonlySet<string>, skip: ReadonlySet<string>): string[] {
    const tickers = new Set([...own.keys(), ...this.snapshot.positions.map((p) => p.ticker), ...(this.baseline?.keys() ?? [])]);
    const out: string[] = [];
    for (const t of tickers) {
      if (!markets.has(t) || skip.has(t)) continue;
      const venue = this.snapshot.positions.find((p) => p.ticker === t)?.qty ?? 0;
      if (venue !== (this.baseline?.get(t) ?? 0) + (own.get(t) ?? 0)) out.push(t);
    }
    return out.sort();
  }

  /** Read cash and positions from the venue. */
  async readAccount(): Promise<AccountSnapshot> {
    const balance = await this.rest.getBalance();
    const positions: PositionView[] = [];
    for await (const p of this.rest.positions({ limit: 1000 })) {
      if (p.position === 0 && p.exposureMicros === 0) continue;
      positions.push({
        ticker: p.ticker,
        qty: p.position,
        costBasis: Math.round(p.exposureMicros / 10_000),
        realizedPnl: Math.round(p.realizedPnlMicros / 10_000),
        feesPaid: Math.round(p.feesPaidMicros / 10_000),
      });
    }
    positions.sort((a, b) => (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0));
    return { cash: balance.balanceCents, feesPaid: positions.reduce((s, p) => s + p.feesPaid, 0), positions };
  }

  submit(order: OrderRequest & { readonly clientOrderId: string }): void {
    const t = trackedOrder(order);
    this.orders.set(t.clientOrderId, t);
    this.track(
      this.rest
        .createOrder({
          ticker: order.ticker,
          side: order.side,
          yesPrice: order.price,
          count: order.count,
          timeInForce: TIF[order.timeInForce],
          postOnly: order.postOnly,
          selfTradePrevention: order.selfTradePrevention,
          clientOrderId: order.clientOrderId,
        })
        .then((ack) => {
          t.venueOrderId = ack.orderId;
          t.ack = { filled: ack.filledCount, remaining: ack.remainingCount };
          this.byVenueId.set(ack.orderId, t);
        })
        .catch((e: unknown) => {
          this.errors++;
          t.error = { reason: reasonOfKalshiError(e), message: e instanceof Error ? e.message : String(e) };
        }),
    );
  }

  cancel(clientOrderId: string): void {
    const t = this.orders.get(clientOrderId);
    if (t?.venueOrderId === undefined)
      return this.refuse(clientOrderId, 'cancel', 'unknown_order', `order ${clientOrderId} is not resting at the venue`);
    this.track(
      this.rest.cancelOrder(t.venueOrderId).then(
        (r) => {
          const remaining = 0;
          this.events.push({ type: 'canceled', clientOrderId, count: r.reducedBy, remaining, reason: 'user', time: this.clock.now() });
        },
        (e: unknown) => this.refuse(clientOrderId, 'cancel', reasonOfKalshiError(e), e instanceof Error ? e.message : String(e)),
      ),
    );
  }

  amend(clientOrderId: string, change: AmendRequest): void {
    const t = this.orders.get(clientOrderId);
    if (t?.venueOrderId === undefined)
      return this.refuse(clientOrderId, 'amend', 'unknown_order', `order ${clientOrderId} is not resting at the venue`);
    const side = this.sideOf(clientOrderId);
    this.track(
      this.rest.amendOrder(t.venueOrderId, { ticker: t.ticker, side, yesPrice: change.price ?? 0, count: change.count ?? t.count }).then(
        (r) => {
          const o = (r as { order?: { remaining_count_fp?: string } }).order;
          const remaining =
            o?.remaining_count_fp !== undefined ? Number(o.remaining_count_fp.split('.')[0]) : (change.count ?? t.count) - t.delivered;
          this.events.push({ type: 'amended', clientOrderId, price: change.price ?? 0, remaining, time: this.clock.now() });
        },
        (e: unknown) => this.refuse(clientOrderId, 'amend', reasonOfKalshiError(e), e instanceof Error ? e.message : String(e)),
      ),
    );
  }

  /** Side of an order we sent (from the runner's view; amend needs it). */
  sideOf: (clientOrderId: string) => 'bid' | 'ask' = () => 'bid';

  /** Wait for every request in flight and for the stream to catch up with the venue. */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
    // with the stream down there is nothing to wait for: the REST reads below bring the fills it would have shown
    const streaming = await this.ws.barrier().then(
      () => true,
      () => false,
    );
    // a fill the stream has not shown (dropped connection): read the order's fills from REST; while the stream
    // is down, every open order's, since a resting order can fill at any moment (fills are kept by trade id)
    for (const t of this.orders.values()) {
      if (t.done || t.ack === undefined || t.venueOrderId === undefined) continue;
      const seen = [...t.fills.values()].reduce((s, f) => s + f.count, 0);
      if (!streaming || seen < t.ack.filled) for (const f of await this.readFills(t.venueOrderId)) this.addFill(t, f);
    }
  }

  /** Fills of one order as the venue's REST API lists them. */
  async readFills(orderId: string): Promise<Fill[]> {
    const out: Fill[] = [];
    for await (const f of this.rest.fills({ order_id: orderId, limit: 1000 })) {
      const t = this.byVenueId.get(f.orderId);
      out.push(this.fillOf(f, t?.clientOrderId ?? ''));
    }
    return out;
  }

  /**
   * Hand everything buffered to the runner, order by order in submission order: rejection, or
   * acknowledgement (when nothing filled at once), fills by trade id, then the canceled remainder.
   */
  flush(): void {
    for (const t of this.orders.values()) {
      if (t.done) continue;
      if (t.error) {
        t.done = true;
        this.listener?.order({
          type: 'rejected',
          clientOrderId: t.clientOrderId,
          reason: t.error.reason,
          message: t.error.message,
          time: this.clock.now(),
        });
        continue;
      }
      if (t.ack === undefined) continue;
      if (!t.accepted && t.ack.filled === 0 && t.ack.remaining > 0) {
        t.accepted = true;
        this.listener?.order({ type: 'accepted', clientOrderId: t.clientOrderId, venueOrderId: t.venueOrderId!, time: this.clock.now() });
      }
      const fresh = fillOrder([...t.fills.values()]).slice(t.delivered);
      for (const f of fresh) this.listener?.fill(f);
      t.delivered += fresh.length;
      const filled = [...t.fills.values()].reduce((s, f) => s + f.count, 0);
      const gone = t.count - t.ack.filled - t.ack.remaining;
      if (filled >= t.ack.filled && t.ack.remaining === 0) {
        t.done = true;
        if (gone > 0)
          this.listener?.order({
            type: 'canceled',
            clientOrderId: t.clientOrderId,
            count: gone,
            remaining: 0,
            reason: t.tif === 'fok' ? 'fok_unfilled' : 'ioc_remainder',
            time: this.clock.now(),
          });
      }
    }
    for (const e of this.events.splice(0)) {
      if (e.type === 'canceled') {
        const t = this.orders.get(e.clientOrderId);
        if (t) t.done = true;
      }
      this.listener?.order(e);
    }
  }

  private onWsFill(f: VenueFill & { readonly clientOrderId: string | undefined }): void {
    const t = (f.clientOrderId !== undefined ? this.orders.get(f.clientOrderId) : undefined) ?? this.byVenueId.get(f.orderId);
    if (t === undefined) return; // another session's order on the same account
    this.addFill(t, this.fillOf(f, t.clientOrderId));
  }

  private addFill(t: Tracked, f: Fill): void {
    if (!t.fills.has(f.tradeId)) t.fills.set(f.tradeId, { ...f, clientOrderId: t.clientOrderId });
  }

  private fillOf(f: VenueFill, clientOrderId: string): Fill {
    return {
      clientOrderId,
      venueOrderId: f.orderId,
      tradeId: f.tradeId,
      ticker: f.ticker,
      side: f.side,
      price: f.yesPrice,
      count: f.count,
      fee: Math.round(f.feeMicros / 10_000),
      isTaker: f.isTaker,
      time: f.timeMs ?? this.clock.now(),
    };
  }

  private refuse(clientOrderId: string, request: 'cancel' | 'amend', reason: RejectReason, message: string): void {
    this.events.push({ type: 'refused', clientOrderId, request, reason, message, time: this.clock.now() });
  }

  private track(p: Promise<void>): void {
    const q = p.finally(() => this.inflight.delete(q));
    this.inflight.add(q);
  }

  /** True while a request is in flight or an answer waits to be handed over. */
  hasWork(): boolean {
    if (this.inflight.size > 0 || this.events.length > 0) return true;
    for (const t of this.orders.values())
      if (
        !t.done &&
        (t.error !== undefined || (t.ack !== undefined && t.fills.size > t.delivered) || (t.ack !== undefined && t.ack.remaining === 0))
      )
        return true;
    return false;
  }

  /**
   * After a restart: what did the venue do with an unfinished order? Found by its client order id, its
   * fills read by trade id (those the ledger delivered stay delivered); an order the venue never
   * received is sent again with the same client order id.
   */
  async reconcile(order: OrderRequest & { readonly clientOrderId: string }): Promise<'found' | 'absent'> {
    const t = this.orders.get(order.clientOrderId);
    const found = await this.rest.findByClientOrderId(order.ticker, order.clientOrderId);
    if (found === undefined) {
      this.orders.delete(order.clientOrderId);
      this.submit(order);
      return 'absent';
    }
    const tracked = t ?? trackedOrder(order);
    this.orders.set(order.clientOrderId, tracked);
    tracked.venueOrderId = found.orderId;
    tracked.ack = { filled: found.filledCount, remaining: found.status === 'resting' ? found.remainingCount : 0 };
    if (found.filledCount > 0 || tracked.delivered > 0) tracked.accepted = true;
    this.byVenueId.set(found.orderId, tracked);
    for (const f of await this.readFills(found.orderId)) this.addFill(tracked, f);
    return 'found';
  }

  /**
   * A market settled: the venue closed the orders still resting in it (Kalshi cancels them, as the
   * backtester's exchange does before it settles). Read each one's last fills and hand over its cancel
   * (`market_closed`) with the next flush, so the runner does not keep them open.
   */
  async closeWithMarket(ticker: string): Promise<void> {
    for (const t of this.orders.values()) {
      if (
        t.done ||
        t.ticker !== ticker ||
        t.venueOrderId === undefined ||
        t.ack === undefined ||
        t.ack.remaining === 0 ||
        t.error !== undefined
      )
        continue;
      const o = await this.rest.getOrder(t.venueOrderId);
      if (o.status === 'resting') continue;
      for (const f of await this.readFills(t.venueOrderId)) this.addFill(t, f);
      const filled = [...t.fills.values()].reduce((s, f) => s + f.count, 0);
      if (o.status === 'canceled' && t.count > filled)
        this.events.push({
          type: 'canceled',
          clientOrderId: t.clientOrderId,
          count: t.count - filled,
          remaining: 0,
          reason: 'market_closed',
          time: this.clock.now(),
        });
      else t.ack = { filled: t.count, remaining: 0 }; // executed: done once its fills are delivered
    }
  }

  /** Orders known here that a restart must reconcile: sent, but with no final state delivered. */
  unfinished(): string[] {
    return [...this.orders.values()].filter((t) => !t.done).map((t) => t.clientOrderId);
  }

  /** During a replay: an order the ledger shows was sent, acknowledged (or not) and partly delivered. */
  remember(order: OrderRequest & { readonly clientOrderId: string }): void {
    if (!this.orders.has(order.clientOrderId)) this.orders.set(order.clientOrderId, trackedOrder(order));
  }

  /** During a replay: what the ledger says the runner already received for an order. */
  replayed(event: VenueOrderEvent | Fill): void {
    const t = this.orders.get(event.clientOrderId);
    if (t === undefined) return;
    if ('tradeId' in event) {
      t.fills.set(event.tradeId, event);
      t.delivered++;
      t.accepted = true;
      if (t.venueOrderId === undefined) {
        t.venueOrderId = event.venueOrderId;
        this.byVenueId.set(event.venueOrderId, t);
      }
      return;
    }
    if (event.type === 'accepted') {
      t.accepted = true;
      t.venueOrderId = event.venueOrderId;
      this.byVenueId.set(event.venueOrderId, t);
    } else if (event.type === 'rejected' || (event.type === 'canceled' && event.remaining === 0)) t.done = true;
  }

  /** Forget an order the runner considers finished (filled). */
  finished(clientOrderId: string): void {
    const t = this.orders.get(clientOrderId);
    if (t) t.done = true;
  }
}

/** Fills of one order in the order they happen: by time, then walking the book (a bid upwards, an ask downwards). */
function fillOrder(fills: Fill[]): Fill[] {
  return fills.sort((a, b) => a.time - b.time || (a.side === 'bid' ? a.price - b.price : b.price - a.price));
}

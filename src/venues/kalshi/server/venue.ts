import { OrderRejectedError } from '../../../core/errors.js';
import { TIER_LIMITS } from '../rate-limit.js';
import { dollarsToTicks, fpToCount, DecimalFormatError, FractionalCountError } from '../domain/decimal.js';
import type { CreateOrderV2Request } from '../wire/orders.js';
import type { CommandOf, VenueCommand } from './commands.js';
import type { CoreAdapter } from './core-adapter.js';
import { VenueError, badRequest, fromCoreRejection, notFound } from './errors.js';
import { stableUuid } from './ids.js';
import type { EventDef, FillRecord, MarketDef, OrderRecord, SeriesDef, SettlementRecord, TradeRecord, UserRecord } from './records.js';
import { BookPublisher, type VenueListener } from './publisher.js';

/** What drives the markets: the ABM, an NFL replay, or nothing (static markets). */
export interface MarketDriver {
  readonly name: string;
  /** Build the market core and list the first markets. */
  init(venue: LocalVenue, ts: number): void;
  /** Move the markets forward (steps of the model, or replay time up to `to`). Deterministic. */
  advance(venue: LocalVenue, request: { steps?: number; to?: number }, ts: number): void;
  /** What a real-time timer should ask for at wall time `wallMs` (undefined: nothing to do). */
  realtime(wallMs: number): { steps?: number; to?: number } | undefined;
  /** The time stamped on commands at wall time `wallMs` (replay time for NFL replays). */
  clockMs(wallMs: number): number;
  /** A short description for the admin endpoint. */
  status(): Record<string, unknown>;
}

export interface CreateResult {
  readonly order: OrderRecord;
  readonly avgPriceCents: number | undefined;
  readonly feesMicros: number;
}

const USER_ID_NS = 'omega-local-user';

/**
 * The local exchange's state machine: series, events and markets in Kalshi's terms; users (one per
 * API key); V2 orders mapped onto the market core; fills, trades and settlements. Every state change
 * runs through {@link execute} with a {@link VenueCommand}, synchronously and deterministically.
 */
export class LocalVenue {
  core!: CoreAdapter;
  epoch = 0;
  readonly series = new Map<string, SeriesDef>();
  readonly events = new Map<string, EventDef>();
  readonly markets = new Map<string, MarketDef>();
  /** Core market index → venue market (for the current core). */
  private byCoreIndex = new Map<number, MarketDef>();
  readonly users = new Map<string, UserRecord>();
  readonly orders = new Map<string, OrderRecord>();
  private readonly byClientId = new Map<string, OrderRecord>();
  /** Resting orders by `${coreMarket}:${coreId}` (core ids are per book). */
  private readonly resting = new Map<string, OrderRecord>();
  private readonly restingByTicker = new Map<string, Set<OrderRecord>>();
  /** Resting orders with an expiration time (checked on every command). */
  private readonly expiring = new Set<OrderRecord>();
  readonly userOrders = new Map<string, OrderRecord[]>();
  readonly userFills = new Map<string, FillRecord[]>();
  readonly userSettlements = new Map<string, SettlementRecord[]>();
  readonly trades: TradeRecord[] = [];
  readonly tradesByTicker = new Map<string, TradeRecord[]>();
  private orderSeq = 0;
  private tapeCursor = 0;
  private houseAccounts = new Set<number>();
  readonly publisher: BookPublisher;
  now = 0;

  constructor(readonly driver: MarketDriver) {
    this.publisher = new BookPublisher(this);
  }

  addListener(l: VenueListener): () => void {
    return this.publisher.add(l);
  }

  // ------------------------------------------------------------------ setup used by drivers

  /** Start a market core (a new epoch after the first): user accounts move over with their free cash. */
  beginEpoch(core: CoreAdapter): void {
    const carried = new Map<string, number>();
    if (this.core)
      for (const u of this.users.values()) carried.set(u.keyId, this.core.money(u.accountId).cash + this.core.money(u.accountId).reserved);
    if (this.core) {
      // orders left in the old core die with it (its markets were settled or are relisted fresh)
      for (const [key, o] of [...this.resting]) {
        o.canceledCount += o.remaining;
        o.remaining = 0;
        o.status = 'canceled';
        o.updatedMs = this.now;
        this.untrack(key, o);
        this.publisher.order(o);
      }
      this.epoch++;
    }
    this.core = core;
    this.tapeCursor = 0;
    this.byCoreIndex = new Map();
    this.houseAccounts = new Set();
    for (const u of this.users.values()) {
      u.accountId = core.openAccount(u.name, carried.get(u.keyId) ?? 0);
      u.lastFeesPaid = 0;
    }
  }

  addSeries(s: SeriesDef): void {
    if (!this.series.has(s.ticker)) this.series.set(s.ticker, s);
  }

  addEvent(e: EventDef): void {
    if (!this.events.has(e.eventTicker)) this.events.set(e.eventTicker, e);
  }

  /** List a market that already exists in the current core under `def.coreTicker`. */
  addMarket(def: MarketDef): void {
    this.markets.set(def.ticker, def);
    this.byCoreIndex.set(this.core.market(def.coreTicker).index, def);
    this.publisher.lifecycle(def, 'created');
  }

  houseAccount(name: string, cashCents: number): number {
    const id = this.core.openAccount(name, cashCents);
    this.houseAccounts.add(id);
    return id;
  }

  marketOfCore(index: number): MarketDef | undefined {
    return this.byCoreIndex.get(index);
  }

  // ------------------------------------------------------------------ commands

  execute(cmd: VenueCommand): unknown {
    this.now = cmd.ts;
    this.expireOrders(cmd.ts);
    switch (cmd.op) {
      case 'account':
        return this.openUser(cmd);
      case 'tier': {
        this.user(cmd.keyId).tier = cmd.tier;
        return undefined;
      }
      case 'create':
        return this.create(cmd);
      case 'cancel':
        return this.cancel(cmd.keyId, cmd.orderId);
      case 'amend':
        return this.amend(cmd);
      case 'decrease':
        return this.decrease(cmd);
      case 'cancel_all': {
        for (const o of this.userOrders.get(cmd.keyId) ?? []) if (o.status === 'resting') this.cancel(cmd.keyId, o.orderId);
        return undefined;
      }
      case 'advance': {
        this.driver.advance(this, cmd, cmd.ts);
        return undefined;
      }
      case 'settle': {
        const m = this.market(cmd.ticker);
        this.settleMarkets([m.ticker], () => {
          const r = cmd.result;
          this.core.settle(m.coreTicker, r === 'yes' || r === 'no' ? r : { yesValue: r.valueCents });
          return new Map([[m.ticker, r]]);
        });
        return undefined;
      }
    }
  }

  user(keyId: string): UserRecord {
    const u = this.users.get(keyId);
    if (!u) throw new VenueError(401, 'authentication_error', 'unknown API key', 'INCORRECT_API_KEY');
    return u;
  }

  market(ticker: string): MarketDef {
    const m = this.markets.get(ticker);
    if (!m) throw new VenueError(404, 'market_not_found', `market ${ticker} not found`);
    return m;
  }

  private openUser(cmd: CommandOf<'account'>): UserRecord {
    const existing = this.users.get(cmd.keyId);
    if (existing) return existing;
    const u: UserRecord = {
      keyId: cmd.keyId,
      name: cmd.name,
      userId: stableUuid(USER_ID_NS, cmd.keyId),
      tier: cmd.tier in TIER_LIMITS ? cmd.tier : 'basic',
      accountId: this.core.openAccount(cmd.name, cmd.cashCents),
      lastFeesPaid: 0,
    };
    this.users.set(cmd.keyId, u);
    this.userOrders.set(cmd.keyId, []);
    this.userFills.set(cmd.keyId, []);
    this.userSettlements.set(cmd.keyId, []);
    return u;
  }

  private parsePrice(value: string, field: string): number {
    try {
      const p = dollarsToTicks(value, 100, field);
      if (p < 1 || p > 99) throw badRequest(`${field} must be between 0.01 and 0.99 (price must be 1-99 cents), got ${value}`);
      return p;
    } catch (e) {
      if (e instanceof DecimalFormatError) throw badRequest(e.message);
      throw e;
    }
  }

  private parseCount(value: string, field: string): number {
    try {
      const n = fpToCount(value, field);
      if (n <= 0) throw badRequest(`${field} must be at least 1.00, got ${value}`);
      return n;
    } catch (e) {
      if (e instanceof FractionalCountError)
        throw badRequest(`${field} ${JSON.stringify(value)} is fractional; this market trades whole contracts`);
      if (e instanceof DecimalFormatError) throw badRequest(e.message);
      throw e;
    }
  }

  /** The order a client order id already names, if any (duplicate creates answer 409). */
  byClientOrderId(keyId: string, clientOrderId: string): OrderRecord | undefined {
    return this.byClientId.get(`${keyId}\u0000${clientOrderId}`);
  }

  private create(cmd: CommandOf<'create'>): CreateResult {
    const u = this.user(cmd.keyId);
    const o: CreateOrderV2Request = cmd.order;
    if (o.client_order_id && this.byClientOrderId(u.keyId, o.client_order_id)) {
      throw new VenueError(409, 'order_already_exists', `an order with client_order_id ${o.client_order_id} already exists`);
    }
    const m = this.market(o.ticker);
    if (m.status !== 'active') throw new VenueError(400, 'market_closed', `market ${m.ticker} is ${m.status}; it accepts no orders`);
    const price = this.parsePrice(o.price, 'price');
    const count = this.parseCount(o.count, 'count');
    if (o.expiration_time !== undefined && o.time_in_force !== 'good_till_canceled')
      throw badRequest('expiration_time is only allowed with time_in_force good_till_canceled');
    if (o.reduce_only) {
      const held = this.positionQty(u, m);
      const ok = o.side === 'bid' ? held < 0 && count <= -held : held > 0 && count <= held;
      if (!ok) throw new VenueError(400, 'reduce_only_violation', `reduce_only order of ${count} would not reduce the position (${held})`);
    }
    let placed;
    try {
      placed = this.core.place(
        u.accountId,
        m.coreTicker,
        o.side,
        price,
        count,
        o.time_in_force,
        o.self_trade_prevention_type,
        o.post_only ?? false,
      );
    } catch (e) {
      if (e instanceof OrderRejectedError) throw fromCoreRejection(e);
      throw e;
    }
    const orderId = stableUuid('order', ++this.orderSeq);
    const record: OrderRecord = {
      orderId,
      keyId: u.keyId,
      clientOrderId: o.client_order_id ?? '',
      ticker: m.ticker,
      side: o.side,
      yesPrice: price,
      tif: o.time_in_force,
      stp: o.self_trade_prevention_type,
      coreMarket: this.core.market(m.coreTicker).index,
      coreId: placed.coreId,
      initial: count,
      filled: 0,
      remaining: placed.resting,
      canceledCount: 0,
      status: 'resting',
      takerCost: 0,
      makerCost: 0,
      takerFeesMicros: 0,
      makerFeesMicros: 0,
      createdMs: cmd.ts,
      updatedMs: cmd.ts,
      expirationMs: o.expiration_time === undefined ? undefined : o.expiration_time * 1000,
      epoch: this.epoch,
    };
    this.orders.set(orderId, record);
    if (record.clientOrderId) this.byClientId.set(`${u.keyId}\u0000${record.clientOrderId}`, record);
    this.userOrders.get(u.keyId)!.push(record);
    // register before syncing so the order's own fills are attributed to it
    this.track(record);
    this.afterMutation([m.ticker], this.touchedBy(m.coreTicker, record));
    const avg = record.filled > 0 ? (record.takerCost + record.makerCost) / record.filled : undefined;
    return { order: record, avgPriceCents: avg, feesMicros: record.takerFeesMicros + record.makerFeesMicros };
  }

  private owned(keyId: string, orderId: string): OrderRecord {
    const o = this.orders.get(orderId);
    if (!o || o.keyId !== keyId) throw notFound(`order ${orderId}`);
    return o;
  }

  private cancel(keyId: string, orderId: string): { order: OrderRecord; reducedBy: number } {
    const o = this.owned(keyId, orderId);
    if (o.status !== 'resting' || o.epoch !== this.epoch) return { order: o, reducedBy: 0 };
    const removed = this.core.cancel(o.coreId);
    o.canceledCount += removed;
    o.status = 'canceled';
    o.updatedMs = this.now;
    this.afterMutation([o.ticker], this.touchedBy(this.market(o.ticker).coreTicker, o));
    return { order: o, reducedBy: removed };
  }

  private amend(cmd: CommandOf<'amend'>): OrderRecord {
    const o = this.owned(cmd.keyId, cmd.orderId);
    if (cmd.body.ticker !== o.ticker) throw badRequest(`ticker ${cmd.body.ticker} does not match the order's market ${o.ticker}`);
    if (cmd.body.side !== o.side) throw badRequest(`side cannot change on amend (the order is a ${o.side})`);
    if (o.status !== 'resting')
      throw new VenueError(400, 'order_not_resting', `order ${o.orderId} is ${o.status}; only resting orders can be amended`);
    const price = this.parsePrice(cmd.body.price, 'price');
    const total = this.parseCount(cmd.body.count, 'count');
    // Kalshi V2: count = contracts already filled + the desired resting remainder
    const remaining = total - o.filled;
    if (remaining <= 0)
      throw badRequest(`count ${cmd.body.count} must exceed the ${o.filled} contracts already filled (count = filled + desired remaining)`);
    if (cmd.body.updated_client_order_id && cmd.body.updated_client_order_id !== o.clientOrderId) {
      if (this.byClientOrderId(o.keyId, cmd.body.updated_client_order_id))
        throw new VenueError(409, 'order_already_exists', `client_order_id ${cmd.body.updated_client_order_id} is already used`);
    }
    try {
      this.core.amend(o.coreId, price, o.filled + remaining);
    } catch (e) {
      if (e instanceof OrderRejectedError) throw fromCoreRejection(e);
      throw e;
    }
    o.yesPrice = price;
    o.initial = total + o.canceledCount;
    o.remaining = remaining;
    o.updatedMs = cmd.ts;
    if (cmd.body.updated_client_order_id && cmd.body.updated_client_order_id !== o.clientOrderId) {
      this.byClientId.delete(`${o.keyId}\u0000${o.clientOrderId}`);
      o.clientOrderId = cmd.body.updated_client_order_id;
      this.byClientId.set(`${o.keyId}\u0000${o.clientOrderId}`, o);
    }
    this.afterMutation([o.ticker], this.touchedBy(this.market(o.ticker).coreTicker, o));
    return o;
  }

  private decrease(cmd: CommandOf<'decrease'>): OrderRecord {
    const o = this.owned(cmd.keyId, cmd.orderId);
    if (o.status !== 'resting')
      throw new VenueError(400, 'order_not_resting', `order ${o.orderId} is ${o.status}; only resting orders can be decreased`);
    const by =
      cmd.body.reduce_by !== undefined
        ? this.parseCount(cmd.body.reduce_by, 'reduce_by')
        : o.remaining - fpToCount(cmd.body.reduce_to!, 'reduce_to');
    if (by <= 0) throw badRequest(`reduce_to must be below the remaining ${o.remaining}`);
    if (by >= o.remaining) {
      o.canceledCount += this.core.cancel(o.coreId);
      o.status = 'canceled';
    } else {
      o.remaining = this.core.decrease(o.coreId, by);
      o.canceledCount += by;
    }
    o.updatedMs = cmd.ts;
    this.afterMutation([o.ticker], this.touchedBy(this.market(o.ticker).coreTicker, o));
    return o;
  }

  private expireOrders(ts: number): void {
    if (this.expiring.size === 0) return;
    const expired: OrderRecord[] = [];
    for (const o of this.expiring) {
      if (o.expirationMs! <= ts && o.status === 'resting') {
        o.canceledCount += this.core.cancel(o.coreId);
        o.status = 'canceled';
        o.updatedMs = ts;
        expired.push(o);
      }
    }
    if (expired.length)
      this.afterMutation(
        expired.map((o) => o.ticker),
        expired,
      );
  }

  private track(o: OrderRecord): void {
    this.resting.set(`${o.coreMarket}:${o.coreId}`, o);
    let set = this.restingByTicker.get(o.ticker);
    if (!set) this.restingByTicker.set(o.ticker, (set = new Set()));
    set.add(o);
    if (o.expirationMs !== undefined) this.expiring.add(o);
  }

  private untrack(key: string, o: OrderRecord): void {
    this.resting.delete(key);
    this.restingByTicker.get(o.ticker)?.delete(o);
    this.expiring.delete(o);
  }

  /** The user orders a command's book call touched (its own order, fills, self-trade cancels). */
  private touchedBy(coreTicker: string, own: OrderRecord): OrderRecord[] {
    const out = [own];
    const idx = this.core.market(coreTicker).index;
    for (const id of this.core.lastEventOrderIds(coreTicker)) {
      const o = this.resting.get(`${idx}:${id}`);
      if (o && o !== own) out.push(o);
    }
    return out;
  }

  positionQty(u: UserRecord, m: MarketDef): number {
    const idx = this.core.market(m.coreTicker).index;
    return this.core.positions(u.accountId).find((p) => p.market === idx)?.qty ?? 0;
  }

  // ------------------------------------------------------------------ settlement

  /**
   * Settle markets: `run` settles them in the core and returns each market's result; user positions
   * are read before and settlement records written after.
   */
  settleMarkets(tickers: readonly string[], run: () => Map<string, 'yes' | 'no' | { valueCents: number }>): void {
    const before = new Map<string, Array<{ u: UserRecord; qty: number; cost: number }>>();
    for (const t of tickers) {
      const m = this.market(t);
      const idx = this.core.market(m.coreTicker).index;
      const held: Array<{ u: UserRecord; qty: number; cost: number }> = [];
      for (const u of this.users.values()) {
        const p = this.core.positions(u.accountId).find((x) => x.market === idx);
        if (p && p.qty !== 0) held.push({ u, qty: p.qty, cost: p.costBasis });
      }
      before.set(t, held);
    }
    const results = run();
    for (const t of tickers) {
      const m = this.market(t);
      const r = results.get(t);
      if (r === undefined) continue;
      const value = r === 'yes' ? 100 : r === 'no' ? 0 : r.valueCents;
      m.status = 'finalized';
      m.result = r === 'yes' || r === 'no' ? r : 'scalar';
      m.settlementValue = value;
      m.settledMs = this.now;
      for (const { u, qty, cost } of before.get(t) ?? []) {
        const yes = qty > 0 ? qty : 0;
        const no = qty < 0 ? -qty : 0;
        this.userSettlements.get(u.keyId)!.push({
          keyId: u.keyId,
          ticker: t,
          eventTicker: m.eventTicker,
          result: m.result as 'yes' | 'no' | 'scalar',
          yesCount: yes,
          noCount: no,
          yesCostCents: yes ? cost : 0,
          noCostCents: no ? cost : 0,
          revenueCents: yes * value + no * (100 - value),
          valueCents: value,
          settledMs: this.now,
        });
      }
      this.publisher.lifecycle(m, 'settled');
    }
    this.afterMutation(tickers, 'all');
  }

  /** Close trading in a market (resting orders are canceled). */
  closeMarket(ticker: string): void {
    const m = this.market(ticker);
    if (m.status !== 'active') return;
    this.core.closeMarket(m.coreTicker);
    m.status = 'closed';
    this.publisher.lifecycle(m, 'deactivated');
    this.afterMutation([ticker], 'all');
  }

  // ------------------------------------------------------------------ after every mutation

  /**
   * Read new trades off the core's tape, attribute fills and fees, refresh order states, publish.
   * `check` names the user orders whose state may have changed other than by a trade (a command's own
   * order and what its book call touched), or 'all' for every resting order of the touched markets
   * (closing, settling). Trades are always picked up from the tape.
   */
  afterMutation(touched: Iterable<string>, check: readonly OrderRecord[] | 'all' = []): void {
    const touchedSet = new Set(touched);
    const toRefresh = new Set<OrderRecord>(check === 'all' ? [] : check);
    const n = this.core.tradeCount;
    const batchFills = new Map<string, FillRecord[]>();
    for (let i = this.tapeCursor; i < n; i++) {
      const t = this.core.trade(i);
      const m = this.byCoreIndex.get(t.market);
      if (!m) continue;
      touchedSet.add(m.ticker);
      const tradeId = stableUuid('trade', this.epoch, i);
      const trade: TradeRecord = { tradeId, ticker: m.ticker, yesPrice: t.yesPrice, count: t.qty, takerSide: t.takerSide, tsMs: this.now };
      this.trades.push(trade);
      let list = this.tradesByTicker.get(m.ticker);
      if (!list) this.tradesByTicker.set(m.ticker, (list = []));
      list.push(trade);
      m.lastPrice = t.yesPrice;
      m.volume += t.qty;
      this.publisher.trade(trade);
      for (const [orderId, isTaker] of [
        [t.makerOrderId, false],
        [t.takerOrderId, true],
      ] as const) {
        const o = this.resting.get(`${t.market}:${orderId}`);
        if (!o) continue;
        toRefresh.add(o);
        o.filled += t.qty;
        if (isTaker) o.takerCost += t.qty * (o.side === 'bid' ? t.yesPrice : 100 - t.yesPrice);
        else o.makerCost += t.qty * (o.side === 'bid' ? t.yesPrice : 100 - t.yesPrice);
        o.updatedMs = this.now;
        const fill: FillRecord = {
          fillId: stableUuid('fill', this.epoch, i, isTaker ? 't' : 'm'),
          tradeId,
          orderId: o.orderId,
          keyId: o.keyId,
          clientOrderId: o.clientOrderId,
          ticker: m.ticker,
          side: o.side,
          yesPrice: t.yesPrice,
          count: t.qty,
          isTaker,
          feeMicros: 0,
          tsMs: this.now,
          postPosition: 0,
        };
        this.userFills.get(o.keyId)!.push(fill);
        let bf = batchFills.get(o.keyId);
        if (!bf) batchFills.set(o.keyId, (bf = []));
        bf.push(fill);
      }
    }
    this.tapeCursor = n;
    for (const [keyId, fills] of batchFills) this.attributeFees(this.users.get(keyId)!, fills);
    if (check === 'all') for (const t of touchedSet) for (const o of this.restingByTicker.get(t) ?? []) toRefresh.add(o);
    this.refreshOrders(toRefresh);
    for (const fills of batchFills.values()) for (const f of fills) this.publisher.fill(f);
    this.publisher.books(touchedSet);
  }

  /** Spread the fees an account paid in this batch over its fills, by count (largest remainder, exact). */
  private attributeFees(u: UserRecord, fills: FillRecord[]): void {
    const paid = this.core.money(u.accountId).feesPaid;
    const delta = Math.round((paid - u.lastFeesPaid) * 10_000); // cents → micro-dollars
    u.lastFeesPaid = paid;
    const total = fills.reduce((s, f) => s + f.count, 0);
    let given = 0;
    fills.forEach((f, i) => {
      f.feeMicros = i === fills.length - 1 ? delta - given : Math.floor((delta * f.count) / total);
      given += f.feeMicros;
      const o = this.orders.get(f.orderId)!;
      if (f.isTaker) o.takerFeesMicros += f.feeMicros;
      else o.makerFeesMicros += f.feeMicros;
    });
    for (const f of fills) f.postPosition = this.positionQty(u, this.market(f.ticker));
  }

  private refreshOrders(orders: Set<OrderRecord>): void {
    for (const o of orders) {
      const key = `${o.coreMarket}:${o.coreId}`;
      if (this.resting.get(key) !== o) continue;
      const open = this.core.isOpen(o.coreId);
      const before = o.status;
      o.remaining = open ? this.core.remaining(o.coreId) : 0;
      if (!open) {
        if (o.status === 'resting') {
          // the core removed it: by fills (executed) or by itself (IOC/FOK remainder, self-trade, close)
          const leftover = o.initial - o.filled - o.canceledCount;
          if (leftover > 0) o.canceledCount += leftover;
          o.status = leftover > 0 ? 'canceled' : 'executed';
        }
        this.untrack(key, o);
      }
      if (before !== o.status || !open) this.publisher.order(o);
    }
  }

  // ------------------------------------------------------------------ views

  depth(ticker: string): { yes: Array<{ price: number; qty: number }>; no: Array<{ price: number; qty: number }> } {
    const m = this.market(ticker);
    return m.status === 'active' ? this.core.depth(m.coreTicker) : { yes: [], no: [] };
  }

  /** Free cash, reserved and portfolio value (positions marked at the mid) in cents. */
  balance(keyId: string): { cash: number; reserved: number; portfolioValue: number } {
    const u = this.user(keyId);
    const money = this.core.money(u.accountId);
    let value = 0;
    for (const p of this.core.positions(u.accountId)) {
      if (p.qty === 0) continue;
      const m = this.byCoreIndex.get(p.market);
      const mid = m ? this.mid(m) : 50;
      value += p.qty > 0 ? p.qty * mid : -p.qty * (100 - mid);
    }
    return { cash: money.cash, reserved: money.reserved, portfolioValue: Math.round(value) };
  }

  mid(m: MarketDef): number {
    const d = this.depth(m.ticker);
    const bid = d.yes[0]?.price;
    const ask = d.no[0] ? 100 - d.no[0].price : undefined;
    if (bid !== undefined && ask !== undefined) return (bid + ask) / 2;
    return m.lastPrice ?? bid ?? ask ?? 50;
  }

  isHouse(accountId: number): boolean {
    return this.houseAccounts.has(accountId);
  }
}

import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { countToFp, ticksToDollars } from '../domain/decimal.js';
import {
  LINEAR_CENT,
  parseAck,
  parseFill,
  parseMarket,
  parseOrder,
  parseOrderbook,
  parsePosition,
  parseSettlement,
  parseTrade,
} from '../domain/parse.js';
import type {
  BookSide,
  OrderAck,
  OrderIntent,
  PriceGrid,
  VenueBalance,
  VenueFill,
  VenueMarket,
  VenueOrder,
  VenueOrderBook,
  VenuePosition,
  VenueSettlement,
  VenueTrade,
} from '../domain/types.js';
import { KALSHI_URLS, type KalshiEnv } from '../env.js';
import {
  ExchangeStatusSchema,
  EventResponseSchema,
  EventsResponseSchema,
  MarketResponseSchema,
  MarketsResponseSchema,
  OrderbookResponseSchema,
  SeriesResponseSchema,
  TradesResponseSchema,
  CandlesticksResponseSchema,
  type EventWire,
  type MarketWire,
} from '../wire/exchange.js';
import {
  AmendOrderV2ResponseSchema,
  BatchCancelOrdersV2ResponseSchema,
  BatchCreateOrdersV2ResponseSchema,
  CancelOrderV2ResponseSchema,
  CreateOrderV2ResponseSchema,
  DecreaseOrderV2ResponseSchema,
  type CreateOrderV2Request,
} from '../wire/orders.js';
import { parseWire } from '../wire/parse.js';
import {
  AccountLimitsResponseSchema,
  BalanceResponseSchema,
  FillsResponseSchema,
  OrderResponseSchema,
  OrdersResponseSchema,
  PositionsResponseSchema,
  SettlementsResponseSchema,
} from '../wire/portfolio.js';
import { DuplicateClientOrderIdError, KalshiApiError, OrderNotAcceptedError } from './errors.js';
import { KalshiTransport, type RequestSpec, type TransportOptions } from './transport.js';

export interface KalshiRestClientOptions extends Omit<TransportOptions, 'baseUrl'> {
  /** demo (default) or prod; ignored when `baseUrl` is given (e.g. the local exchange). */
  readonly env?: KalshiEnv;
  readonly baseUrl?: string;
}

type Query = RequestSpec['query'];
let instances = 0;

/**
 * Kalshi Trade API v2 client: market data and portfolio reads parsed into domain types, V2 order
 * writes, cursor pagination as async iterators. Built on {@link KalshiTransport} (its own axios
 * instance, rate limits, retries, circuit breaker). Creates are idempotent: every create carries a
 * client order id (made when absent), a retried create reuses it, and a 409 duplicate is resolved by
 * reading the order back — so a create never makes two orders.
 */
export class KalshiRestClient {
  readonly transport: KalshiTransport;
  private readonly grids = new Map<string, PriceGrid>();
  private clientSeq = 0;
  private readonly clientPrefix: string;

  constructor(options: KalshiRestClientOptions = {}) {
    const baseUrl = options.baseUrl ?? KALSHI_URLS[options.env ?? 'demo'].rest;
    this.transport = new KalshiTransport({ ...options, baseUrl });
    this.clientPrefix = createHash('sha256')
      .update(`${baseUrl}|${options.credentials?.keyId ?? ''}|${(options.clock ?? { now: () => 0 }).now()}|${++instances}`)
      .digest('hex')
      .slice(0, 12);
  }

  get baseUrl(): string {
    return this.transport.options.baseUrl;
  }

  private async get<S extends z.ZodType>(path: string, schema: S, query?: Query, auth = true): Promise<z.output<S>> {
    const res = await this.transport.request('GET', path, { query, retry: 'read', auth });
    return parseWire(schema, res.data, `GET ${path}`);
  }

  /** Iterate every item of a cursor-paginated list; stops at the empty cursor, refuses a repeated one. */
  async *paginate<S extends z.ZodType, T>(
    path: string,
    schema: S,
    items: (page: z.output<S>) => readonly T[],
    query: Query = {},
    auth = true,
  ): AsyncGenerator<T> {
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.get(path, schema, { ...query, ...(cursor ? { cursor } : {}) }, auth);
      for (const item of items(page)) yield item;
      const next = (page as { cursor?: string }).cursor ?? '';
      if (!next) return;
      if (seen.has(next))
        throw new KalshiApiError(
          200,
          { code: 'repeated_cursor', message: `cursor ${next} repeated; stopping to avoid an endless loop` },
          `GET ${path}`,
        );
      seen.add(next);
      cursor = next;
    }
  }

  /** The grid of a market if this client has seen the market (no request). */
  cachedGrid(ticker: string): PriceGrid | undefined {
    return this.grids.get(ticker);
  }

  /** The grid of a market (fetched once, then cached). */
  async grid(ticker: string): Promise<PriceGrid> {
    const g = this.grids.get(ticker);
    if (g) return g;
    return (await this.getMarket(ticker)).grid;
  }

  private remember(m: MarketWire): VenueMarket {
    const v = parseMarket(m);
    this.grids.set(v.ticker, v.grid);
    return v;
  }

  // ------------------------------------------------------------------ market data (public)

  async getExchangeStatus(): Promise<{ exchangeActive: boolean; tradingActive: boolean }> {
    const s = await this.get('/exchange/status', ExchangeStatusSchema, undefined, false);
    return { exchangeActive: s.exchange_active, tradingActive: s.trading_active };
  }

  async getSeries(ticker: string) {
    return (await this.get(`/series/${encodeURIComponent(ticker)}`, SeriesResponseSchema, undefined, false)).series;
  }

  async getEvent(eventTicker: string): Promise<{ event: EventWire; markets: VenueMarket[] }> {
    const r = await this.get(`/events/${encodeURIComponent(eventTicker)}`, EventResponseSchema, undefined, false);
    return { event: r.event, markets: (r.markets ?? r.event.markets ?? []).map((m) => this.remember(m)) };
  }

  events(
    query: { series_ticker?: string; status?: string; with_nested_markets?: boolean; limit?: number } = {},
  ): AsyncGenerator<EventWire> {
    return this.paginate('/events', EventsResponseSchema, (p) => p.events, query, false);
  }

  async *markets(
    query: { event_ticker?: string; series_ticker?: string; status?: string; tickers?: string; limit?: number } = {},
  ): AsyncGenerator<VenueMarket> {
    for await (const m of this.paginate('/markets', MarketsResponseSchema, (p) => p.markets, query, false)) yield this.remember(m);
  }

  async getMarket(ticker: string): Promise<VenueMarket> {
    return this.remember((await this.get(`/markets/${encodeURIComponent(ticker)}`, MarketResponseSchema, undefined, false)).market);
  }

  async getOrderbook(ticker: string, depth = 0): Promise<VenueOrderBook> {
    const grid = await this.grid(ticker);
    const r = await this.get(
      `/markets/${encodeURIComponent(ticker)}/orderbook`,
      OrderbookResponseSchema,
      depth ? { depth } : undefined,
      false,
    );
    return parseOrderbook(ticker, r.orderbook_fp, grid);
  }

  async *trades(query: { ticker?: string; min_ts?: number; max_ts?: number; limit?: number } = {}): AsyncGenerator<VenueTrade> {
    for await (const t of this.paginate('/markets/trades', TradesResponseSchema, (p) => p.trades, query, false))
      yield parseTrade(t, this.grids.get(t.ticker) ?? LINEAR_CENT);
  }

  async getCandlesticks(seriesTicker: string, ticker: string, query: { start_ts: number; end_ts: number; period_interval: 1 | 60 | 1440 }) {
    return (
      await this.get(
        `/series/${encodeURIComponent(seriesTicker)}/markets/${encodeURIComponent(ticker)}/candlesticks`,
        CandlesticksResponseSchema,
        query,
        false,
      )
    ).candlesticks;
  }

  // ------------------------------------------------------------------ portfolio

  async getBalance(): Promise<VenueBalance> {
    const b = await this.get('/portfolio/balance', BalanceResponseSchema);
    return { balanceCents: b.balance, portfolioValueCents: b.portfolio_value, updatedTs: b.updated_ts };
  }

  async *positions(query: { ticker?: string; count_filter?: string; limit?: number } = {}): AsyncGenerator<VenuePosition> {
    for await (const p of this.paginate('/portfolio/positions', PositionsResponseSchema, (x) => x.market_positions, query))
      yield parsePosition(p);
  }

  async *fills(
    query: { ticker?: string; order_id?: string; min_ts?: number; max_ts?: number; limit?: number } = {},
  ): AsyncGenerator<VenueFill> {
    for await (const f of this.paginate('/portfolio/fills', FillsResponseSchema, (x) => x.fills, query))
      yield parseFill(f, this.grids.get(f.market_ticker) ?? LINEAR_CENT);
  }

  async *settlements(query: { ticker?: string; limit?: number } = {}): AsyncGenerator<VenueSettlement> {
    for await (const s of this.paginate('/portfolio/settlements', SettlementsResponseSchema, (x) => x.settlements, query))
      yield parseSettlement(s);
  }

  async *orders(
    query: { ticker?: string; status?: 'resting' | 'canceled' | 'executed'; min_ts?: number; limit?: number } = {},
  ): AsyncGenerator<VenueOrder> {
    for await (const o of this.paginate('/portfolio/orders', OrdersResponseSchema, (x) => x.orders, query))
      yield parseOrder(o, this.grids.get(o.ticker) ?? LINEAR_CENT);
  }

  async getOrder(orderId: string): Promise<VenueOrder> {
    const o = (await this.get(`/portfolio/orders/${encodeURIComponent(orderId)}`, OrderResponseSchema)).order;
    return parseOrder(o, this.grids.get(o.ticker) ?? LINEAR_CENT);
  }

  async getLimits() {
    return this.get('/account/limits', AccountLimitsResponseSchema);
  }

  // ------------------------------------------------------------------ V2 orders

  /** A fresh client order id: unique per client instance and call. */
  newClientOrderId(): string {
    return `omega-${this.clientPrefix}-${++this.clientSeq}`;
  }

  private async wireOrder(o: OrderIntent, clientOrderId: string): Promise<CreateOrderV2Request> {
    // an unknown market is the exchange's to reject (per item in a batch): price it on the cent grid
    const grid = await this.grid(o.ticker).catch((e: unknown) => {
      if (e instanceof KalshiApiError && e.status === 404) return LINEAR_CENT;
      throw e;
    });
    return {
      ticker: o.ticker,
      client_order_id: clientOrderId,
      side: o.side,
      count: countToFp(o.count),
      price: ticksToDollars(o.yesPrice, grid.unitsPerContract),
      time_in_force: o.timeInForce,
      self_trade_prevention_type: o.selfTradePrevention ?? 'taker_at_cross',
      ...(o.postOnly ? { post_only: true } : {}),
      ...(o.reduceOnly ? { reduce_only: true } : {}),
      ...(o.expirationTs !== undefined ? { expiration_time: o.expirationTs } : {}),
    };
  }

  /**
   * Create a V2 order. Retried on 429, 5xx, resets and timeouts with the same client order id; a 409
   * (the order exists — e.g. an earlier attempt got through but its answer was lost) is resolved by
   * reading the order back, so exactly one order exists per client order id.
   */
  async createOrder(intent: OrderIntent): Promise<OrderAck & { readonly recovered: boolean }> {
    const clientOrderId = intent.clientOrderId ?? this.newClientOrderId();
    const body = await this.wireOrder(intent, clientOrderId);
    try {
      const res = await this.transport.request('POST', '/portfolio/events/orders', { body, retry: 'create' });
      if (!res.data || typeof res.data !== 'object' || !(res.data as { order_id?: unknown }).order_id)
        throw new OrderNotAcceptedError('POST /portfolio/events/orders', res.data);
      return { ...parseAck(parseWire(CreateOrderV2ResponseSchema, res.data, 'POST /portfolio/events/orders')), recovered: false };
    } catch (e) {
      if (!(e instanceof KalshiApiError) || e.status !== 409) throw e;
      const existing = await this.findByClientOrderId(intent.ticker, clientOrderId);
      if (!existing) throw e;
      if (existing.ticker !== intent.ticker || existing.side !== intent.side || existing.yesPrice !== intent.yesPrice)
        throw new DuplicateClientOrderIdError(clientOrderId, existing.orderId);
      return {
        orderId: existing.orderId,
        clientOrderId,
        filledCount: existing.filledCount,
        remainingCount: existing.remainingCount,
        tsMs: existing.createdMs ?? 0,
        recovered: true,
      };
    }
  }

  /** The order a client order id names (Kalshi has no lookup by it: list the market's orders). */
  async findByClientOrderId(ticker: string, clientOrderId: string): Promise<VenueOrder | undefined> {
    for await (const o of this.orders({ ticker, limit: 1000 })) if (o.clientOrderId === clientOrderId) return o;
    return undefined;
  }

  async cancelOrder(orderId: string): Promise<{ orderId: string; reducedBy: number }> {
    const res = await this.transport.request('DELETE', `/portfolio/events/orders/${encodeURIComponent(orderId)}`, {
      retry: 'rate-limit-only',
    });
    const r = parseWire(CancelOrderV2ResponseSchema, res.data, 'DELETE /portfolio/events/orders/{id}');
    return { orderId: r.order_id, reducedBy: Number(r.reduced_by.split('.')[0]) };
  }

  /** Amend price and size. `count` is Kalshi's: contracts already filled + the desired resting remainder. */
  async amendOrder(
    orderId: string,
    change: { ticker: string; side: BookSide; yesPrice: number; count: number; updatedClientOrderId?: string },
  ) {
    const grid = await this.grid(change.ticker);
    const res = await this.transport.request('POST', `/portfolio/events/orders/${encodeURIComponent(orderId)}/amend`, {
      body: {
        ticker: change.ticker,
        side: change.side,
        price: ticksToDollars(change.yesPrice, grid.unitsPerContract),
        count: countToFp(change.count),
        ...(change.updatedClientOrderId ? { updated_client_order_id: change.updatedClientOrderId } : {}),
      },
      retry: 'rate-limit-only',
    });
    if (!(res.data as { order_id?: unknown })?.order_id)
      throw new OrderNotAcceptedError('POST /portfolio/events/orders/{id}/amend', res.data);
    return parseWire(AmendOrderV2ResponseSchema, res.data, 'POST /portfolio/events/orders/{id}/amend');
  }

  async decreaseOrder(orderId: string, change: { reduceBy: number } | { reduceTo: number }) {
    const body = 'reduceBy' in change ? { reduce_by: countToFp(change.reduceBy) } : { reduce_to: countToFp(change.reduceTo) };
    const res = await this.transport.request('POST', `/portfolio/events/orders/${encodeURIComponent(orderId)}/decrease`, {
      body,
      retry: 'rate-limit-only',
    });
    return parseWire(DecreaseOrderV2ResponseSchema, res.data, 'POST /portfolio/events/orders/{id}/decrease');
  }

  /** Batch create (each item costs write tokens); per-item errors come back in place. */
  async batchCreate(intents: readonly OrderIntent[]) {
    const orders = await Promise.all(intents.map((o) => this.wireOrder(o, o.clientOrderId ?? this.newClientOrderId())));
    const res = await this.transport.request('POST', '/portfolio/events/orders/batched', { body: { orders }, retry: 'create' });
    // an item with neither an order id nor an error was not placed: say so rather than pass it as a success
    return parseWire(BatchCreateOrdersV2ResponseSchema, res.data, 'POST /portfolio/events/orders/batched').orders.map((o) =>
      o.order_id || o.error
        ? o
        : { ...o, error: { code: 'order_not_accepted', message: 'answered without an order_id; the order was not placed' } },
    );
  }

  async batchCancel(orderIds: readonly string[]) {
    const res = await this.transport.request('DELETE', '/portfolio/events/orders/batched', {
      body: { orders: orderIds.map((order_id) => ({ order_id })) },
      retry: 'rate-limit-only',
    });
    return parseWire(BatchCancelOrdersV2ResponseSchema, res.data, 'DELETE /portfolio/events/orders/batched').orders;
  }

  async cancelAll(): Promise<void> {
    await this.transport.request('DELETE', '/portfolio/events/orders', { retry: 'rate-limit-only' });
  }

  close(): void {
    this.transport.close();
  }
}

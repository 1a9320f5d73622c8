import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { systemClock, type Clock } from '../../../core/clock.js';
import { Rng } from '../../../core/rng.js';
import { authHeaders, type KalshiCredentials } from '../auth/signing.js';
import { dollarsToMicros, dollarsToTicks, fpToCount } from '../domain/decimal.js';
import type { VenueFill, VenueTrade } from '../domain/types.js';
import { silentLogger, type VenueLogger } from '../log.js';
import type { KalshiRestClient } from '../rest/client.js';
import {
  WsDeltaSchema,
  WsErrorSchema,
  WsFillSchema,
  WsSnapshotSchema,
  WsSubscribedSchema,
  WsTickerSchema,
  WsTradeSchema,
  type WsTicker,
} from '../wire/ws.js';
import { LocalBook } from './local-book.js';

export type WsChannel = 'orderbook_delta' | 'ticker' | 'trade' | 'fill' | 'market_lifecycle_v2';

export interface KalshiWsClientOptions {
  /** `wss://…/trade-api/ws/v2` (see `wsUrlFor`). */
  readonly url: string;
  readonly credentials?: KalshiCredentials;
  /** Used to resync a book from REST after a sequence gap. */
  readonly rest?: KalshiRestClient;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
  readonly logger?: VenueLogger;
}

export interface KalshiWsEvents {
  /** `tsMs`: the exchange time of the delta (undefined for a snapshot). */
  book: [ticker: string, book: LocalBook, tsMs: number | undefined];
  /** A market opened, closed or settled (`market_lifecycle_v2`); settled markets carry `result` and the YES settlement value in ticks. */
  lifecycle: [
    msg: { ticker: string; eventType: string; result: string | undefined; settlementValue: number | undefined; tsMs: number | undefined },
  ];
  ticker: [msg: WsTicker['msg']];
  trade: [trade: VenueTrade];
  fill: [fill: VenueFill & { readonly clientOrderId: string | undefined; readonly postPosition: number | undefined }];
  resync: [ticker: string, reason: string];
  connected: [attempt: number];
  disconnected: [code: number];
  error: [error: Error];
}

interface Wanted {
  readonly channel: WsChannel;
  readonly tickers: readonly string[] | undefined;
}

/**
 * Kalshi market-data WebSocket client: a signed handshake (`GET /trade-api/ws/v2`), subscriptions
 * that survive reconnects (backoff with jitter, then every subscription is sent again), order books
 * kept from snapshot + deltas with per-subscription sequence checks — a gap or an impossible delta
 * resyncs the book from REST at once and asks the stream for a fresh snapshot — plus ticker, trade and
 * fill messages parsed at the edge.
 */
export class KalshiWsClient extends EventEmitter<KalshiWsEvents> {
  private ws: WebSocket | undefined;
  private readonly wanted: Wanted[] = [];
  private readonly books = new Map<string, LocalBook>();
  /** sid → channel, last seq and tickers. */
  private readonly sids = new Map<number, { channel: string; seq: number }>();
  private readonly pending = new Map<number, Wanted>();
  /** Barriers waiting for the server's answer to their `list_subscriptions` (paper trading, issue 11). */
  private readonly barriers = new Map<number, () => void>();
  private nextId = 1;
  private closedByUser = false;
  private attempt = 0;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: VenueLogger;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Gaps seen and resyncs made (for tests and monitoring). */
  readonly stats = { gaps: 0, resyncs: 0, reconnects: 0 };

  constructor(readonly options: KalshiWsClientOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    const jitter = Rng.derive(0, 'kalshi-ws-jitter');
    this.random = options.random ?? (() => jitter.float());
    this.log = options.logger ?? silentLogger;
  }

  /** Open the connection; resolves once connected (rejects if the first handshake fails). */
  connect(): Promise<void> {
    this.closedByUser = false;
    return new Promise((resolve, reject) => {
      const path = new URL(this.options.url).pathname;
      const headers = this.options.credentials ? authHeaders(this.options.credentials, 'GET', path, this.clock.now()) : {};
      const ws = new WebSocket(this.options.url, { headers });
      this.ws = ws;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        this.sids.clear();
        this.pending.clear();
        this.emit('connected', this.attempt);
        this.attempt = 0;
        for (const w of this.wanted) this.send(w);
        resolve();
      });
      ws.on('message', (data) => this.onMessage(data.toString()));
      ws.on('unexpected-response', (_req, res) => {
        const err = new Error(`Kalshi WebSocket handshake refused: HTTP ${res.statusCode}`);
        if (!opened) reject(err);
        res.resume();
      });
      ws.on('error', (e) => {
        if (!opened) reject(e);
        else this.fail(e);
      });
      ws.on('close', (code) => {
        // deltas sent while disconnected are lost: no book is known to be current until its next snapshot
        for (const book of this.books.values()) book.consistent = false;
        this.emit('disconnected', code);
        if (opened && !this.closedByUser) this.scheduleReconnect();
      });
    });
  }

  private scheduleReconnect(): void {
    const base = this.options.reconnectBaseMs ?? 250;
    const cap = this.options.reconnectMaxMs ?? 10_000;
    const delay = Math.floor(this.random() * Math.min(cap, base * 2 ** this.attempt)) + 1;
    this.attempt++;
    this.stats.reconnects++;
    this.log.info({ attempt: this.attempt, delayMs: delay }, 'Kalshi WebSocket reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch(() => {
        if (!this.closedByUser) this.scheduleReconnect();
      });
    }, delay);
  }

  /** Subscribe (now, and again after every reconnect). */
  subscribe(channel: WsChannel, tickers?: readonly string[]): void {
    const w: Wanted = { channel, tickers };
    this.wanted.push(w);
    if (channel === 'orderbook_delta') for (const t of tickers ?? []) if (!this.books.has(t)) this.books.set(t, new LocalBook(t));
    if (this.ws?.readyState === WebSocket.OPEN) this.send(w);
  }

  book(ticker: string): LocalBook | undefined {
    return this.books.get(ticker);
  }

  /**
   * Resolves once every message the server sent before it received this call's `list_subscriptions`
   * command has been handled (one socket is ordered): a lock-step driver awaits it after each step so
   * no book delta or fill of that step is still in flight.
   */
  barrier(): Promise<void> {
    if (this.ws?.readyState !== WebSocket.OPEN) return Promise.reject(new Error('Kalshi WebSocket is not connected'));
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      this.barriers.set(id, resolve);
      this.ws!.send(JSON.stringify({ id, cmd: 'list_subscriptions' }));
    });
  }

  private send(w: Wanted): void {
    const id = this.nextId++;
    this.pending.set(id, w);
    this.ws!.send(
      JSON.stringify({ id, cmd: 'subscribe', params: { channels: [w.channel], ...(w.tickers ? { market_tickers: w.tickers } : {}) } }),
    );
  }

  /** Ticks per dollar of a market: from the REST client's grid cache, else the cent grid. */
  private units(ticker: string): number {
    return this.options.rest?.cachedGrid(ticker)?.unitsPerContract ?? 100;
  }

  private onMessage(text: string): void {
    let msg: { type?: string; id?: number; sid?: number; seq?: number };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    try {
      switch (msg.type) {
        case 'subscribed': {
          const m = WsSubscribedSchema.parse(msg);
          this.sids.set(m.msg.sid, { channel: m.msg.channel, seq: 0 });
          return;
        }
        case 'ok': {
          const done = msg.id === undefined ? undefined : this.barriers.get(msg.id);
          if (done) {
            this.barriers.delete(msg.id!);
            done();
          }
          return;
        }
        case 'market_lifecycle_v2': {
          const m = (
            msg as {
              msg?: {
                market_ticker?: unknown;
                event_type?: unknown;
                result?: unknown;
                settlement_value?: unknown;
                settled_ts?: unknown;
                open_ts?: unknown;
              };
            }
          ).msg;
          if (!m || typeof m.market_ticker !== 'string') return;
          const t = m.market_ticker;
          this.emit('lifecycle', {
            ticker: t,
            eventType: String(m.event_type),
            result: typeof m.result === 'string' ? m.result : undefined,
            settlementValue: typeof m.settlement_value === 'string' ? dollarsToTicks(m.settlement_value, this.units(t)) : undefined,
            tsMs:
              typeof m.settled_ts === 'number'
                ? m.settled_ts * 1000
                : typeof m.open_ts === 'number' && (m.event_type === 'created' || m.event_type === 'activated')
                  ? m.open_ts * 1000
                  : undefined,
          });
          return;
        }
        case 'error': {
          const e = WsErrorSchema.parse(msg);
          this.fail(new Error(`Kalshi WebSocket error ${e.msg.code}: ${e.msg.msg}`));
          return;
        }
        case 'orderbook_snapshot': {
          const m = WsSnapshotSchema.parse(msg);
          this.checkSeq(m.sid, m.seq, m.msg.market_ticker, true);
          const book = this.books.get(m.msg.market_ticker) ?? new LocalBook(m.msg.market_ticker);
          this.books.set(book.ticker, book);
          const u = this.units(m.msg.market_ticker);
          const lv = (x: ReadonlyArray<readonly unknown[]> | undefined) =>
            (x ?? []).map((l) => ({ price: dollarsToTicks(String(l[0]), u), count: fpToCount(String(l[1])) }));
          book.applySnapshot(lv(m.msg.yes_dollars_fp), lv(m.msg.no_dollars_fp));
          this.emit('book', book.ticker, book, undefined);
          return;
        }
        case 'orderbook_delta': {
          const m = WsDeltaSchema.parse(msg);
          const book = this.books.get(m.msg.market_ticker);
          if (!this.checkSeq(m.sid, m.seq, m.msg.market_ticker, false) || !book) return;
          if (!book.consistent) return; // waiting for a fresh snapshot
          if (!book.applyDelta(m.msg.side, dollarsToTicks(m.msg.price_dollars, this.units(book.ticker)), fpToCount(m.msg.delta_fp))) {
            void this.resync(m.sid, book.ticker, 'a delta took a level below zero');
            return;
          }
          this.emit('book', book.ticker, book, m.msg.ts_ms);
          return;
        }
        case 'ticker':
          this.emit('ticker', WsTickerSchema.parse(msg).msg);
          return;
        case 'trade': {
          const t = WsTradeSchema.parse(msg).msg;
          this.emit('trade', {
            tradeId: t.trade_id,
            ticker: t.market_ticker,
            yesPrice: dollarsToTicks(t.yes_price_dollars, this.units(t.market_ticker)),
            count: fpToCount(t.count_fp),
            takerSide: t.taker_book_side,
            timeMs: t.ts_ms ?? this.clock.now(),
          });
          return;
        }
        case 'fill': {
          const f = WsFillSchema.parse(msg).msg;
          this.emit('fill', {
            fillId: f.trade_id,
            tradeId: f.trade_id,
            orderId: f.order_id,
            ticker: f.market_ticker,
            side: f.book_side,
            yesPrice: dollarsToTicks(f.yes_price_dollars, this.units(f.market_ticker)),
            count: fpToCount(f.count_fp),
            isTaker: f.is_taker,
            feeMicros: dollarsToMicros(f.fee_cost),
            timeMs: f.ts_ms,
            clientOrderId: f.client_order_id,
            postPosition: f.post_position_fp === undefined ? undefined : fpToCount(f.post_position_fp),
          });
          return;
        }
      }
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** True when `seq` follows the subscription's last; a gap starts a resync. */
  private checkSeq(sid: number, seq: number, ticker: string, snapshot: boolean): boolean {
    const s = this.sids.get(sid);
    if (!s) return true;
    const expected = s.seq + 1;
    s.seq = seq;
    if (snapshot || seq === expected) return true;
    this.stats.gaps++;
    void this.resync(sid, ticker, `sequence gap on sid ${sid}: expected ${expected}, got ${seq}`);
    return false;
  }

  /** Rebuild the subscription's books from REST now, and ask the stream for fresh snapshots. */
  private async resync(sid: number, ticker: string, reason: string): Promise<void> {
    this.stats.resyncs++;
    this.log.warn({ ticker, reason }, 'Kalshi order book resync');
    const tickers = [...this.books.keys()];
    for (const t of tickers) this.books.get(t)!.consistent = false;
    if (this.ws?.readyState === WebSocket.OPEN)
      this.ws.send(JSON.stringify({ id: this.nextId++, cmd: 'update_subscription', params: { sids: [sid], action: 'get_snapshot' } }));
    if (this.options.rest) {
      try {
        const ob = await this.options.rest.getOrderbook(ticker);
        const book = this.books.get(ticker);
        if (book && !book.consistent) book.applySnapshot(ob.yes, ob.no);
      } catch (e) {
        this.fail(e instanceof Error ? e : new Error(String(e)));
      }
    }
    this.emit('resync', ticker, reason);
  }

  /** Report an error to listeners, or log it when nobody listens (an unheard 'error' event would crash). */
  private fail(e: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', e);
    else this.log.warn({ err: e.message }, 'Kalshi WebSocket error');
  }

  /** Close for good (no reconnect). */
  close(): void {
    this.closedByUser = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.ws?.close();
  }
}

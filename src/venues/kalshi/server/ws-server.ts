import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from '../../../core/clock.js';
import { countToFp, microsToDollars, ticksToDollars } from '../domain/decimal.js';
import type { VenueLogger } from '../log.js';
import type { Authenticator } from './auth.js';
import type { FaultInjector } from './faults.js';
import type { BookDelta, TopOfBook, VenueListener } from './publisher.js';
import type { FillRecord, MarketDef, OrderRecord, TradeRecord } from './records.js';
import type { LocalVenue } from './venue.js';
import { orderJson } from './views.js';

export const WS_PATH = '/trade-api/ws/v2';
const CHANNELS = new Set(['orderbook_delta', 'ticker', 'ticker_v2', 'trade', 'fill', 'user_orders', 'market_lifecycle_v2']);
const PRIVATE = new Set(['orderbook_delta', 'fill', 'user_orders']);
const d = (c: number) => ticksToDollars(c, 100);

interface Sub {
  readonly sid: number;
  readonly channel: string;
  /** undefined = all markets. */
  tickers: Set<string> | undefined;
  seq: number;
}

interface Conn {
  readonly ws: WebSocket;
  readonly keyId: string | undefined;
  readonly subs: Map<number, Sub>;
  nextSid: number;
}

/**
 * Kalshi's market-data WebSocket on the local exchange: a signed upgrade, subscribe / unsubscribe /
 * update_subscription / list_subscriptions with Kalshi's frames and error codes, orderbook snapshot then
 * per-subscription sequenced deltas, ticker, trade, fill, user_order and lifecycle messages, and a
 * `heartbeat` ping every 10 s.
 */
export class WsApi implements VenueListener {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly conns = new Set<Conn>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly venue: LocalVenue,
    private readonly auth: Authenticator,
    private readonly faults: FaultInjector,
    private readonly wallClock: Clock,
    private readonly publicAccess: boolean,
    private readonly log: VenueLogger,
  ) {
    this.heartbeat = setInterval(() => {
      for (const c of this.conns) c.ws.ping('heartbeat');
    }, 10_000);
    this.heartbeat.unref();
    faults.onDropWebSockets = () => {
      const n = this.conns.size;
      for (const c of this.conns) c.ws.terminate();
      return n;
    };
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== WS_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const a = this.auth.check('GET', WS_PATH, req.headers, this.wallClock.now() + this.faults.skewMs());
      if (a.ok === false && !this.publicAccess) {
        this.log.info({ path: WS_PATH, reason: a.reason }, 'websocket authentication failed');
        const body = JSON.stringify(a.body);
        socket.end(
          `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, a.ok === true ? a.keyId : undefined));
    });
  }

  get connections(): number {
    return this.conns.size;
  }

  private open(ws: WebSocket, keyId: string | undefined): void {
    const conn: Conn = { ws, keyId, subs: new Map(), nextSid: 1 };
    this.conns.add(conn);
    ws.on('message', (data) => this.command(conn, data.toString()));
    ws.on('close', () => this.conns.delete(conn));
    ws.on('error', () => this.conns.delete(conn));
  }

  private send(conn: Conn, msg: unknown): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(msg));
  }

  private error(conn: Conn, id: number | undefined, code: number, msg: string): void {
    this.send(conn, { id, type: 'error', msg: { code, msg } });
  }

  private command(conn: Conn, text: string): void {
    let cmd: { id?: number; cmd?: string; params?: Record<string, unknown> };
    try {
      cmd = JSON.parse(text) as typeof cmd;
    } catch {
      return this.error(conn, undefined, 1, 'Unable to process message');
    }
    const id = typeof cmd.id === 'number' ? cmd.id : undefined;
    const p = cmd.params;
    switch (cmd.cmd) {
      case 'subscribe': {
        if (!p) return this.error(conn, id, 2, 'Params required');
        const channels = p.channels;
        if (!Array.isArray(channels) || channels.length === 0) return this.error(conn, id, 3, 'Channels required');
        const tickers = this.tickersOf(p);
        for (const ch of channels as string[]) {
          if (!CHANNELS.has(ch)) return this.error(conn, id, 8, `Unknown channel name: ${ch}`);
          if (PRIVATE.has(ch) && !conn.keyId) return this.error(conn, id, 9, 'Authentication required');
          if (ch === 'orderbook_delta' && !tickers) return this.error(conn, id, 14, 'Market Ticker required');
          if (tickers)
            for (const t of tickers)
              if (!this.venue.markets.has(t)) return this.error(conn, id, 11, `Invalid parameter: unknown market ${t}`);
        }
        for (const ch of channels as string[]) {
          const sub: Sub = { sid: conn.nextSid++, channel: ch, tickers: tickers ? new Set(tickers) : undefined, seq: 0 };
          conn.subs.set(sub.sid, sub);
          this.send(conn, { id, type: 'subscribed', msg: { channel: ch, sid: sub.sid } });
          if (ch === 'orderbook_delta') for (const t of sub.tickers!) this.snapshot(conn, sub, t);
        }
        return;
      }
      case 'unsubscribe': {
        const sids = p?.sids;
        if (!Array.isArray(sids) || sids.length === 0) return this.error(conn, id, 4, 'Sids required');
        for (const sid of sids as number[]) {
          const sub = conn.subs.get(sid);
          if (!sub) return this.error(conn, id, 7, `Unknown subscription ID: ${sid}`);
          conn.subs.delete(sid);
          this.send(conn, { id, type: 'unsubscribed', sid, seq: ++sub.seq });
        }
        return;
      }
      case 'update_subscription': {
        const sids = p?.sids !== undefined ? p.sids : p?.sid !== undefined ? [p.sid] : undefined;
        if (!Array.isArray(sids) || sids.length !== 1) return this.error(conn, id, 12, 'Exactly one subscription ID is required');
        const sub = conn.subs.get(sids[0] as number);
        if (!sub) return this.error(conn, id, 7, `Unknown subscription ID: ${String(sids[0])}`);
        const action = p?.action;
        if (!action) return this.error(conn, id, 15, 'Action required');
        const tickers = this.tickersOf(p!) ?? [];
        if (action === 'add_markets') {
          for (const t of tickers)
            if (!this.venue.markets.has(t)) return this.error(conn, id, 11, `Invalid parameter: unknown market ${t}`);
          sub.tickers ??= new Set();
          for (const t of tickers) {
            sub.tickers.add(t);
            if (sub.channel === 'orderbook_delta') this.snapshot(conn, sub, t);
          }
        } else if (action === 'delete_markets') {
          for (const t of tickers) sub.tickers?.delete(t);
        } else if (action === 'get_snapshot') {
          if (sub.channel !== 'orderbook_delta') return this.error(conn, id, 13, 'Action not supported for this channel');
          for (const t of tickers.length ? tickers : [...(sub.tickers ?? [])]) this.snapshot(conn, sub, t);
        } else return this.error(conn, id, 13, `Unsupported action: ${String(action)}`);
        this.send(conn, { id, type: 'ok', sid: sub.sid, seq: sub.seq, msg: { market_tickers: [...(sub.tickers ?? [])] } });
        return;
      }
      case 'list_subscriptions':
        this.send(conn, { id, type: 'ok', msg: [...conn.subs.values()].map((s) => ({ channel: s.channel, sid: s.sid })) });
        return;
      default:
        return this.error(conn, id, 5, `Unknown command: ${String(cmd.cmd)}`);
    }
  }

  private tickersOf(p: Record<string, unknown>): string[] | undefined {
    if (typeof p.market_ticker === 'string') return [p.market_ticker];
    if (Array.isArray(p.market_tickers) && p.market_tickers.length) return p.market_tickers as string[];
    return undefined;
  }

  private snapshot(conn: Conn, sub: Sub, ticker: string): void {
    const s = this.venue.publisher.snapshot(ticker);
    const lv = (levels: Array<[number, number]>) => levels.map(([p, q]) => [d(p), countToFp(q)]);
    this.send(conn, {
      type: 'orderbook_snapshot',
      sid: sub.sid,
      seq: ++sub.seq,
      msg: {
        market_ticker: ticker,
        market_id: ticker,
        ...(s.yes.length ? { yes_dollars_fp: lv(s.yes) } : {}),
        ...(s.no.length ? { no_dollars_fp: lv(s.no) } : {}),
      },
    });
  }

  private *subsFor(channel: string, ticker: string, keyId?: string): Generator<[Conn, Sub]> {
    for (const c of this.conns) {
      if (keyId !== undefined && c.keyId !== keyId) continue;
      for (const s of c.subs.values())
        if ((s.channel === channel || (channel === 'ticker' && s.channel === 'ticker_v2')) && (!s.tickers || s.tickers.has(ticker)))
          yield [c, s];
    }
  }

  // ---- VenueListener

  book(ticker: string, deltas: readonly BookDelta[], tsMs: number): void {
    for (const [c, s] of this.subsFor('orderbook_delta', ticker)) {
      for (const dl of deltas) {
        if (this.faults.gap()) s.seq++; // injected: the client sees a missing sequence number
        this.send(c, {
          type: 'orderbook_delta',
          sid: s.sid,
          seq: ++s.seq,
          msg: {
            market_ticker: ticker,
            market_id: ticker,
            price_dollars: d(dl.price),
            delta_fp: countToFp(dl.delta),
            side: dl.side,
            ts_ms: tsMs,
            ts: new Date(tsMs).toISOString(),
          },
        });
      }
    }
  }

  ticker(m: MarketDef, top: TopOfBook, tsMs: number): void {
    for (const [c, s] of this.subsFor('ticker', m.ticker)) {
      this.send(c, {
        type: 'ticker',
        sid: s.sid,
        msg: {
          market_ticker: m.ticker,
          market_id: m.ticker,
          price_dollars: d(m.lastPrice ?? 0),
          yes_bid_dollars: d(top.yesBid ?? 0),
          yes_ask_dollars: d(top.yesAsk ?? 100),
          yes_bid_size_fp: countToFp(top.yesBidSize),
          yes_ask_size_fp: countToFp(top.yesAskSize),
          volume_fp: countToFp(m.volume),
          open_interest_fp: countToFp(m.openInterest),
          dollar_volume: Math.round(m.volume),
          dollar_open_interest: 0,
          ts_ms: tsMs,
          ts: new Date(tsMs).toISOString(),
        },
      });
    }
  }

  trade(t: TradeRecord): void {
    const taker = t.takerSide === 'bid' ? 'yes' : 'no';
    for (const [c, s] of this.subsFor('trade', t.ticker)) {
      this.send(c, {
        type: 'trade',
        sid: s.sid,
        seq: ++s.seq,
        msg: {
          trade_id: t.tradeId,
          market_ticker: t.ticker,
          yes_price_dollars: d(t.yesPrice),
          no_price_dollars: d(100 - t.yesPrice),
          count_fp: countToFp(t.count),
          taker_outcome_side: taker,
          taker_book_side: t.takerSide,
          taker_side: taker,
          is_block_trade: false,
          ts_ms: t.tsMs,
          ts: new Date(t.tsMs).toISOString(),
        },
      });
    }
  }

  fill(f: FillRecord): void {
    const outcome = f.side === 'bid' ? 'yes' : 'no';
    for (const [c, s] of this.subsFor('fill', f.ticker, f.keyId)) {
      this.send(c, {
        type: 'fill',
        sid: s.sid,
        msg: {
          trade_id: f.tradeId,
          order_id: f.orderId,
          client_order_id: f.clientOrderId,
          market_ticker: f.ticker,
          is_taker: f.isTaker,
          outcome_side: outcome,
          book_side: f.side,
          side: outcome,
          action: 'buy',
          yes_price_dollars: d(f.yesPrice),
          count_fp: countToFp(f.count),
          fee_cost: microsToDollars(f.feeMicros, 4),
          post_position_fp: countToFp(f.postPosition),
          ts_ms: f.tsMs,
          ts: new Date(f.tsMs).toISOString(),
          exchange_index: 0,
        },
      });
    }
  }

  order(o: OrderRecord): void {
    for (const [c, s] of this.subsFor('user_orders', o.ticker, o.keyId))
      this.send(c, { type: 'user_order', sid: s.sid, msg: orderJson(this.venue, o) });
  }

  lifecycle(m: MarketDef, event: string, tsMs: number): void {
    for (const [c, s] of this.subsFor('market_lifecycle_v2', m.ticker)) {
      this.send(c, {
        type: 'market_lifecycle_v2',
        sid: s.sid,
        seq: ++s.seq,
        msg: {
          market_ticker: m.ticker,
          event_type: event,
          open_ts: Math.floor(m.openMs / 1000),
          close_ts: Math.floor(m.closeMs / 1000),
          ...(m.result ? { result: m.result, settlement_value: d(m.settlementValue ?? 0), settled_ts: Math.floor(tsMs / 1000) } : {}),
        },
      });
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.conns) c.ws.terminate();
    this.wss.close();
  }
}

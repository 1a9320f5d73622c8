import type { ServerResponse } from 'node:http';
import type { ServerMessage } from './protocol.js';
import type { DashboardSession, SessionEvent } from './session.js';

interface Client {
  readonly res: ServerResponse;
  market: number;
}

/** A page that reads slower than this many bytes behind is dropped; its EventSource reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

const frame = (message: ServerMessage): string => `event: ${message.kind}\ndata: ${JSON.stringify(message)}\n\n`;

/**
 * Server-sent event streams of one session to any number of pages. Each batch is serialized once per
 * market that has watchers and written to each of them; with no watchers nothing is built. A page that
 * disconnects is forgotten at once, so it costs nothing afterwards.
 */
export class StreamHub {
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;

  constructor(private readonly session: DashboardSession) {
    this.unsubscribe = session.onEvent((e) => this.onSessionEvent(e));
  }

  get size(): number {
    return this.clients.size;
  }

  /** Start streaming to `res`: a snapshot first, then every later batch. */
  open(res: ServerResponse, market: number): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    const client: Client = { res, market };
    // the snapshot publishes any pending steps to the other pages first, so this page's stream starts
    // exactly where its snapshot ends
    res.write(frame(this.session.snapshot(market)));
    this.clients.add(client);
    const forget = () => this.clients.delete(client);
    res.on('close', forget);
    res.on('error', forget);
  }

  /** A comment line keeps idle connections (and proxies) open. */
  heartbeat(): void {
    for (const c of this.clients) this.write(c, ': keep-alive\n\n');
  }

  close(): void {
    this.unsubscribe();
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  private onSessionEvent(e: SessionEvent): void {
    if (this.clients.size === 0) return;
    if (e.type === 'state') {
      const text = frame(this.session.stateMessage());
      for (const c of this.clients) this.write(c, text);
      return;
    }
    const byMarket = new Map<number, string>();
    const markets = this.session.model.markets.length;
    for (const c of this.clients) {
      if (e.type === 'reset' && c.market >= markets) c.market = 0;
      let text = byMarket.get(c.market);
      if (text === undefined) {
        text = frame(e.type === 'reset' ? this.session.snapshot(c.market) : this.session.batch(c.market, e.from, e.to));
        byMarket.set(c.market, text);
      }
      this.write(c, text);
    }
  }

  private write(c: Client, text: string): void {
    if (c.res.writableLength > MAX_BUFFERED_BYTES) {
      this.clients.delete(c);
      c.res.destroy();
      return;
    }
    c.res.write(text);
  }
}

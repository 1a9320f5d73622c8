import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePaperConfig } from '../../src/paper/config.js';
import { readLedger } from '../../src/paper/ledger.js';
import { runPaperSession } from '../../src/paper/session.js';
import { privateKeyFromPem } from '../../src/venues/kalshi/auth/signing.js';
import { KalshiRestClient } from '../../src/venues/kalshi/rest/client.js';
import { connection, HoldableClock, ledgerText, openerFixture } from './harness.js';
import { memorySessionDirs } from '../helpers/memory-dir.js';

const memorySessionDir = memorySessionDirs();

/**
 * A TCP relay in front of the exchange's WebSocket port that the test can cut: `down()` drops every relayed
 * connection and stops listening (new connections are refused), `up()` listens on the same port again.
 */
class CuttableRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: number) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => this.sockets.delete(s));
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}

/** Resolves when `cond` holds; rejects if the session ends (or fails) first, so a broken session cannot hang the test. */
const until = (cond: () => boolean, session: { settled: boolean }, what: string) =>
  new Promise<void>((resolve, reject) => {
    const poll = () => {
      if (cond()) resolve();
      else if (session.settled) reject(new Error(`the session ended before ${what}`));
      else setTimeout(poll, 5);
    };
    poll();
  });

describe('market data while the WebSocket is down', () => {
  const opener = openerFixture();

  it('books come from REST polls during an outage, settlements missed on the stream are caught up, and the session finishes', async () => {
    // 1 h of the game per wall second, on a clock the test holds still from the first book until the outage has
    // been seen and a book polled: the markets cannot settle before that however slowly this machine goes
    const clock = new HoldableClock();
    const ex = await opener.start({ nfl: { season: 2023, weeks: [1], speed: 3600 }, rateLimits: false, fsync: false }, clock);
    const key = opener.key();
    const markets = opener.markets();
    const venue = ex.venue;
    const relay = new CuttableRelay(Number(new URL(ex.wsUrl).port));
    await relay.up();
    const wsUrl = ex.wsUrl.replace(`:${new URL(ex.wsUrl).port}/`, `:${relay.port}/`);
    const dir = memorySessionDir();
    const lines: string[] = [];
    const dataRecords = () => ledgerText(dir).split('"type":"data"').length - 1;
    const tickers = [...markets.instruments.keys()];
    const settled = () => tickers.every((t) => venue.markets.get(t)?.status === 'finalized');

    const running = runPaperSession({
      dir,
      config: parsePaperConfig({ strategy: 'elo-edge', season: 2023, weeks: [1] }),
      markets,
      venue: { ...connection(ex, key.keyId, key.pem), wsUrl },
      pollMs: 25,
      log: (l) => lines.push(l),
    });
    const session = { settled: false };
    running.then(
      () => (session.settled = true),
      () => (session.settled = true),
    );
    await until(() => dataRecords() > 0, session, 'its first book');
    clock.hold();
    await relay.down();
    await until(() => lines.some((l) => l.includes('WebSocket down')), session, 'noticing the outage');
    const atCut = dataRecords();
    // the replay is held (this replay has no in-game quotes: books move only by orders), so while the stream is
    // down someone else's bid changes a book at the venue; only REST can bring that book to the session
    const other = await ex.addKey('outside');
    const outside = new KalshiRestClient({
      baseUrl: ex.restUrl,
      credentials: { keyId: other.keyId, privateKey: privateKeyFromPem(other.privateKeyPem) },
      tier: 'off',
    });
    const ticker = tickers[0]!;
    const units = markets.instruments.get(ticker)!.grid.unitsPerContract;
    await outside.createOrder({
      ticker,
      side: 'bid',
      yesPrice: units / 50,
      count: 1,
      timeInForce: 'good_till_canceled',
      clientOrderId: 'outside-1',
    });
    await until(() => dataRecords() > atCut, session, 'a book polled over REST');
    const duringOutage = dataRecords() - atCut;
    expect(settled()).toBe(false);
    // the stream stays down until both markets settled at the venue: their settlements never reach the stream
    clock.release();
    await until(settled, session, 'the markets settled');
    await relay.up();
    const summary = await running;

    expect(summary.state).toBe('done');
    // only REST could bring these books
    expect(duringOutage).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes('WebSocket down, polling books over REST'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('WebSocket back, streaming books again'))).toHaveLength(1);
    const resolutions = readLedger(path.join(dir, 'ledger')).filter((r) => r.type === 'resolution');
    expect(resolutions.map((r) => (r.data as { ticker: string }).ticker).sort()).toEqual(tickers.sort());
  }, 120_000);
});

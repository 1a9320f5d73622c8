/**
 * WebSocket fan-out, in its own process: N signed connections subscribe to one market's orderbook_delta;
 * resting orders sent over HTTP change the book; counts delta messages delivered and their delay from
 * the exchange's stamp (ts_ms) to receipt. Usage: fanout.ts <rest_url> <ws_url> <key_id> <pem_path> <subscribers> <orders>
 */
import { request, Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { authHeaders, privateKeyFromPem } from '../../src/venues/kalshi/index.js';

const [restUrl = '', wsUrl = '', keyId = '', pemPath = '', subsArg = '100', ordersArg = '2000'] = process.argv.slice(2);
const creds = { keyId, privateKey: privateKeyFromPem(readFileSync(pemPath, 'utf8')) };
const subscribers = Number(subsArg);
const orders = Number(ordersArg);
const url = new URL(restUrl);
const ordersPath = `${url.pathname}/portfolio/events/orders`;

let delivered = 0;
const delays: number[] = [];
let snapshots = 0;
const conns = await Promise.all(
  Array.from(
    { length: subscribers },
    () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(wsUrl, { headers: authHeaders(creds, 'GET', new URL(wsUrl).pathname, Date.now()) });
        ws.on('open', () => {
          ws.send(JSON.stringify({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: 'BENCH-A' } }));
          resolve(ws);
        });
        ws.on('message', (d) => {
          const m = JSON.parse(d.toString()) as { type: string; msg: { ts_ms?: number } };
          if (m.type === 'orderbook_snapshot') snapshots++;
          if (m.type === 'orderbook_delta') {
            delivered++;
            delays.push(Date.now() - m.msg.ts_ms!);
          }
        });
        ws.on('error', reject);
      }),
  ),
);
while (snapshots < subscribers) await new Promise((r) => setTimeout(r, 5));
const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const headers = authHeaders(creds, 'POST', ordersPath, Date.now());
const post = (n: number) =>
  new Promise<void>((resolve, reject) => {
    const data = JSON.stringify({
      ticker: 'BENCH-A',
      side: 'bid',
      count: '1.00',
      price: `0.${String(1 + (n % 40)).padStart(2, '0')}00`,
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: ordersPath,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end(data);
  });
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < orders) await post(next++);
  }),
);
const expected = orders * subscribers;
for (let i = 0; i < 1000 && delivered < expected; i++) await new Promise((r) => setTimeout(r, 5));
const elapsed = (performance.now() - t0) / 1000;
delays.sort((a, b) => a - b);
const q = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))] ?? NaN;
for (const c of conns) c.close();
process.stdout.write(
  JSON.stringify({
    subscribers,
    orders,
    delivered,
    expected,
    seconds: elapsed,
    messages_per_s: delivered / elapsed,
    p50_ms: q(0.5),
    p99_ms: q(0.99),
  }) + '\n',
);
process.exit(0);

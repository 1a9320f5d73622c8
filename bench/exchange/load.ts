/**
 * Load client, in its own process: signed V2 order creates against the local exchange for a fixed time.
 * Usage: load.ts <raw|sdk|client> <rest_url> <key_id> <pem_path> <seconds> <concurrency>
 *  raw    — Node http keep-alive, one signature reused within its timestamp (re-signed every 100 ms)
 *  sdk    — kalshi-typescript@3.30.0 OrdersApi.createOrderV2 (its own axios instance; signs every request)
 *  client — this project's KalshiRestClient.createOrder (signs every request; pacing and breaker off)
 */
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import type AxiosCjs from 'axios' with { 'resolution-mode': 'require' };
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { authHeaders, KalshiRestClient, privateKeyFromPem } from '../../src/venues/kalshi/index.js';

const [mode = 'raw', restUrl = '', keyId = '', pemPath = '', secondsArg = '5', concArg = '64'] = process.argv.slice(2);
const seconds = Number(secondsArg);
const concurrency = Number(concArg);
const pem = readFileSync(pemPath, 'utf8');
const creds = { keyId, privateKey: privateKeyFromPem(pem) };
const url = new URL(restUrl);
const ordersPath = `${url.pathname}/portfolio/events/orders`;

let seq = 0;
// resting bids 1¢..40¢ on two markets: every create is accepted and rests (no crossing: the house asks from 70¢)
const nextOrder = () => {
  const n = seq++;
  return {
    ticker: n % 2 ? 'BENCH-A' : 'BENCH-B',
    client_order_id: `${mode}-${process.pid}-${n}`,
    side: 'bid' as const,
    count: '1.00',
    price: `0.${String(1 + (n % 40)).padStart(2, '0')}00`,
    time_in_force: 'good_till_canceled' as const,
    self_trade_prevention_type: 'taker_at_cross' as const,
  };
};

let send: (body: ReturnType<typeof nextOrder>) => Promise<number>;
if (mode === 'raw') {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let cached = { at: 0, headers: {} as Record<string, string> };
  const headers = () => {
    const now = Date.now();
    if (now - cached.at > 100) cached = { at: now, headers: authHeaders(creds, 'POST', ordersPath, now) };
    return cached.headers;
  };
  send = (body) =>
    new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: ordersPath,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers() },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(data);
    });
} else if (mode === 'sdk') {
  const requireHere = createRequire(path.join(process.cwd(), 'package.json'));
  const sdk = requireHere('kalshi-typescript') as typeof import('kalshi-typescript');
  // the SDK's CommonJS build uses axios' CommonJS build: give it an instance of that one
  const axiosCjs = requireHere('axios') as typeof AxiosCjs;
  const api = new sdk.OrdersApi(
    new sdk.Configuration({ apiKey: keyId, privateKeyPem: pem, basePath: restUrl }),
    undefined,
    axiosCjs.create({ httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency }) }),
  );
  send = async (body) => (await api.createOrderV2(body)).status;
} else {
  const client = new KalshiRestClient({ baseUrl: restUrl, credentials: creds, tier: 'off', breaker: false, maxRetries: 0 });
  await client.getMarket('BENCH-A');
  await client.getMarket('BENCH-B');
  send = async (b) => {
    await client.createOrder({
      ticker: b.ticker,
      side: 'bid',
      yesPrice: Number(b.price.slice(2, 4)),
      count: 1,
      timeInForce: 'good_till_canceled',
      clientOrderId: b.client_order_id,
    });
    return 201;
  };
}

// warm-up, then the timed run
for (let i = 0; i < 200; i++) await send(nextOrder());
const latencies: number[] = [];
let ok = 0;
let failed = 0;
const t0 = performance.now();
const end = t0 + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const s = performance.now();
      const status = await send(nextOrder()).catch(() => 0);
      latencies.push(performance.now() - s);
      if (status === 201) ok++;
      else failed++;
    }
  }),
);
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
process.stdout.write(
  JSON.stringify({ mode, creates: ok, failed, seconds: elapsed, per_s: ok / elapsed, p50_ms: q(0.5), p99_ms: q(0.99) }) + '\n',
);
process.exit(0);

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CircuitOpenError,
  ClockSkewError,
  KalshiApiError,
  KalshiRestClient,
  OrderNotAcceptedError,
  type LocalExchange,
} from '../../../src/venues/kalshi/index.js';
import { clientFor, countRequests, startExchange, userOf } from './helpers.js';

let ex: LocalExchange | undefined;
afterEach(async () => {
  await ex?.stop();
  ex = undefined;
});

const market = (JSON.parse(readFileSync('test/venues/kalshi/fixtures/market.json', 'utf8')) as { market: Record<string, unknown> }).market;
const intent = { ticker: 'OMEGA-A', side: 'bid' as const, yesPrice: 40, count: 3, timeInForce: 'good_till_canceled' as const };

describe('retries are bounded and only where safe', () => {
  it('a 429 storm of 3: a read succeeds on the 4th request', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'a')).creds, { maxRetries: 5 });
    const sent = countRequests(c);
    ex.faults.set({ storm429: 3 });
    expect((await c.getBalance()).balanceCents).toBe(1_000_000);
    expect(sent.n).toBe(4);
  });

  it('a storm longer than the retries: exactly maxRetries + 1 requests, then the 429 surfaces', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'a')).creds, { maxRetries: 2 });
    const sent = countRequests(c);
    ex.faults.set({ storm429: 10 });
    await expect(c.getBalance()).rejects.toMatchObject({ status: 429 });
    expect(sent.n).toBe(3);
  });

  it('5xx and connection resets: reads retry; a cancel (not a create) is not retried after a 5xx', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'a')).creds, { maxRetries: 5 });
    const sent = countRequests(c);
    ex.faults.set({ error5xx: 2, resetConnections: 1 });
    await c.getExchangeStatus();
    expect(sent.n).toBe(4);
    const ack = await c.createOrder(intent);
    sent.n = 0;
    ex.faults.set({ error5xx: 1 });
    await expect(c.cancelOrder(ack.orderId)).rejects.toBeInstanceOf(KalshiApiError);
    expect(sent.n).toBe(1);
    expect(await c.cancelOrder(ack.orderId)).toMatchObject({ reducedBy: 3 });
  });

  it('a create whose response is lost is retried with the same client order id; the 409 is resolved by reading back: one order', async () => {
    ex = await startExchange();
    const alice = await userOf(ex, 'a');
    const c = clientFor(ex, alice.creds, { maxRetries: 5 });
    await c.getMarket('OMEGA-A'); // the market's grid, fetched once before the create
    const sent = countRequests(c);
    ex.faults.set({ lose5xxAfterWrite: 1 });
    const ack = await c.createOrder({ ...intent, clientOrderId: 'only-once' });
    expect(ack.recovered).toBe(true);
    const orders = ex.venue.userOrders.get(alice.keyId)!.filter((o) => o.clientOrderId === 'only-once');
    expect(orders).toHaveLength(1);
    expect(orders[0]!.orderId).toBe(ack.orderId);
    // POST (processed, 503) → POST (409) → GET orders (read back)
    expect(sent.n).toBe(3);
  });

  it('a client order id reused for a different order is an error, not a silent match', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'a')).creds);
    await c.createOrder({ ...intent, clientOrderId: 'x' });
    await expect(c.createOrder({ ...intent, yesPrice: 41, clientOrderId: 'x' })).rejects.toThrow(/already names order/);
  });
});

describe('circuit breaker', () => {
  it('opens after repeated 5xx (requests then fail fast without reaching the exchange) and closes once Kalshi recovers', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'a')).creds, {
      maxRetries: 0,
      breaker: { volumeThreshold: 4, errorThresholdPercentage: 50, resetTimeoutMs: 150, rollingWindowMs: 60_000 },
    });
    const sent = countRequests(c);
    ex.faults.set({ error5xx: 1000 });
    for (let i = 0; i < 4; i++) await expect(c.getExchangeStatus()).rejects.toBeInstanceOf(KalshiApiError);
    expect(c.transport.circuit).toBe('open');
    const before = sent.n;
    await expect(c.getExchangeStatus()).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(c.getExchangeStatus()).rejects.toThrow(/circuit breaker is open after repeated failures/);
    expect(sent.n).toBe(before); // failed fast
    ex.faults.clear();
    for (let i = 0; i < 100 && c.transport.circuit === 'open'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(c.transport.circuit).toBe('halfOpen');
    await c.getExchangeStatus();
    expect(c.transport.circuit).toBe('closed');
    c.close();
  });

  it('4xx answers (our mistakes) never open it', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'a')).creds, {
      maxRetries: 0,
      breaker: { volumeThreshold: 2, errorThresholdPercentage: 1, resetTimeoutMs: 10_000 },
    });
    for (let i = 0; i < 5; i++) await expect(c.getMarket('NOPE')).rejects.toMatchObject({ status: 404 });
    expect(c.transport.circuit).toBe('closed');
    c.close();
  });
});

describe('clock skew and malformed successes', () => {
  it('60 s of skew: header_timestamp_expired → one fresh retry → ClockSkewError naming the skew', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'a')).creds);
    const sent = countRequests(c);
    ex.faults.set({ clockSkewMs: 60_000 });
    const err = await c.getBalance().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClockSkewError);
    expect((err as Error).message).toMatch(/(59|60|61)\.\d s behind the exchange/);
    expect(Math.abs(c.transport.skewMs! - 60_000)).toBeLessThan(2_000);
    expect(sent.n).toBe(2);
  });

  it('an order write answered 2xx without an order_id is a failure', async () => {
    // a scripted server: what Kalshi's retired endpoints were seen to do
    const server = createServer((req, res) => {
      res.writeHead(req.method === 'GET' ? 200 : 201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          req.method === 'GET'
            ? { market: { ...market, ticker: 'X' } }
            : { error: { code: 'deprecated_v1_order_endpoint', message: 'Please switch to the V2 endpoints' } },
        ),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const c = new KalshiRestClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trade-api/v2`,
      tier: 'off',
      breaker: false,
      sleep: async () => undefined,
    });
    await expect(c.createOrder({ ...intent, ticker: 'X' })).rejects.toBeInstanceOf(OrderNotAcceptedError);
    server.close();
  });
});

import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { addKey, privateKeyFromPem } from '../../../src/venues/kalshi/index.js';
import type { LocalExchange } from '../../../src/venues/kalshi/index.js';
import { clientFor, raw, startExchange, userOf } from './helpers.js';

let ex: LocalExchange | undefined;
afterEach(async () => {
  await ex?.stop();
  ex = undefined;
});

const order = (over: Record<string, unknown> = {}) => ({
  ticker: 'OMEGA-A',
  side: 'bid',
  count: '10.00',
  price: '0.4500',
  time_in_force: 'good_till_canceled',
  self_trade_prevention_type: 'taker_at_cross',
  ...over,
});

describe('local exchange: V2 orders on the market core', () => {
  it('create, amend (count = filled + remaining), decrease, cancel; a taker fill pays Kalshi’s fee', async () => {
    ex = await startExchange();
    const alice = await userOf(ex, 'alice');
    const c = clientFor(ex, alice.creds);
    const ack = await c.createOrder({ ticker: 'OMEGA-A', side: 'bid', yesPrice: 45, count: 10, timeInForce: 'good_till_canceled' });
    expect(ack).toMatchObject({ filledCount: 0, remainingCount: 10, recovered: false });
    const amended = await c.amendOrder(ack.orderId, { ticker: 'OMEGA-A', side: 'bid', yesPrice: 46, count: 6 });
    expect(amended.remaining_count).toBe('6.00');
    const dec = await c.decreaseOrder(ack.orderId, { reduceBy: 2 });
    expect(dec.remaining_count).toBe('4.00');
    const ob = await c.getOrderbook('OMEGA-A');
    expect(ob.yes.find((l) => l.price === 46)).toEqual({ price: 46, count: 104 }); // house 100 + ours 4
    expect(await c.cancelOrder(ack.orderId)).toEqual({ orderId: ack.orderId, reducedBy: 4 });
    expect((await c.getOrder(ack.orderId)).status).toBe('canceled');
    // taker: IOC bid at 52 takes 10 of the house's 100 at 52¢: fee ceil(0.07·10·0.52·0.48 = 0.17472) = $0.18
    const take = await c.createOrder({ ticker: 'OMEGA-A', side: 'bid', yesPrice: 52, count: 10, timeInForce: 'immediate_or_cancel' });
    expect(take).toMatchObject({ filledCount: 10, remainingCount: 0 });
    const fills = [];
    for await (const f of c.fills()) fills.push(f);
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ orderId: take.orderId, yesPrice: 52, count: 10, isTaker: true, feeMicros: 180_000 });
    expect((await c.getBalance()).balanceCents).toBe(1_000_000 - 520 - 18);
    const positions = [];
    for await (const p of c.positions()) positions.push(p);
    expect(positions).toEqual([expect.objectContaining({ ticker: 'OMEGA-A', position: 10 })]);
    expect((await c.getOrder(take.orderId)).status).toBe('executed');
  });

  it('amend count means filled + desired remaining (KALSHI_API.md §0a)', async () => {
    ex = await startExchange();
    const alice = clientFor(ex, (await userOf(ex, 'alice')).creds);
    const bob = clientFor(ex, (await userOf(ex, 'bob')).creds);
    const a = await alice.createOrder({ ticker: 'OMEGA-A', side: 'bid', yesPrice: 51, count: 10, timeInForce: 'good_till_canceled' });
    await bob.createOrder({ ticker: 'OMEGA-A', side: 'ask', yesPrice: 51, count: 4, timeInForce: 'immediate_or_cancel' });
    expect(await alice.getOrder(a.orderId)).toMatchObject({ filledCount: 4, remainingCount: 6 });
    await alice.amendOrder(a.orderId, { ticker: 'OMEGA-A', side: 'bid', yesPrice: 51, count: 8 });
    expect(await alice.getOrder(a.orderId)).toMatchObject({ filledCount: 4, remainingCount: 4, initialCount: 8 });
    // a count that does not exceed what already filled is refused, naming the rule
    await expect(alice.amendOrder(a.orderId, { ticker: 'OMEGA-A', side: 'bid', yesPrice: 51, count: 4 })).rejects.toThrow(
      /filled \+ desired remaining/,
    );
    // bob's fill is the maker's price, seen from the NO side
    const bobFills = [];
    for await (const f of bob.fills()) bobFills.push(f);
    expect(bobFills[0]).toMatchObject({ side: 'ask', yesPrice: 51, count: 4, isTaker: true });
  });

  it('duplicate client order ids answer 409; legacy order writes answer deprecated_v1_order_endpoint', async () => {
    ex = await startExchange();
    const u = await userOf(ex, 'alice');
    const { http, signed } = raw(ex, u.creds);
    const p = '/portfolio/events/orders';
    expect((await http.post(p, order({ client_order_id: 'dup' }), { headers: signed('POST', p) })).status).toBe(201);
    const dup = await http.post(p, order({ client_order_id: 'dup' }), { headers: signed('POST', p) });
    expect(dup.status).toBe(409);
    expect(dup.data.error.code).toBe('order_already_exists');
    for (const [method, legacy] of [
      ['POST', '/portfolio/orders'],
      ['DELETE', '/portfolio/orders/abc'],
      ['POST', '/portfolio/orders/abc/amend'],
      ['POST', '/portfolio/orders/batched'],
    ] as const) {
      const r = await http.request({
        method,
        url: legacy,
        data: { ticker: 'OMEGA-A', side: 'yes', action: 'buy', count: 1, yes_price: 40 },
        headers: signed(method, legacy),
      });
      expect(r.status, legacy).toBe(410);
      expect(r.data.error).toMatchObject({ code: 'deprecated_v1_order_endpoint', message: 'Please switch to the V2 endpoints' });
    }
    // a bad field is one 400 naming it
    const bad = await http.post(p, order({ time_in_force: 'gtc' }), { headers: signed('POST', p) });
    expect(bad.status).toBe(400);
    expect(bad.data.error.details).toBe('time_in_force');
    const offGrid = await http.post(p, order({ price: '1.00' }), { headers: signed('POST', p) });
    expect(offGrid.data.error.message).toMatch(/price must be 1-99 cents/);
    const frac = await http.post(p, order({ count: '1.50' }), { headers: signed('POST', p) });
    expect(frac.data.error.message).toMatch(/fractional/);
  });

  it('per-key rate limits: a Basic key gets 10 creates, then 429 {"error":"too many requests"} without Retry-After', async () => {
    // the exchange's clock stands still, so the bucket cannot refill between requests however slow they are
    ex = await startExchange({ wallClock: new ManualClock(Date.now()) });
    const u = await userOf(ex, 'alice', 'basic');
    const { http, signed } = raw(ex, u.creds);
    const p = '/portfolio/events/orders';
    const statuses = [];
    let last;
    for (let i = 0; i < 11; i++) {
      last = await http.post(p, order({ price: '0.3000', count: '1.00' }), { headers: signed('POST', p) });
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(last!.status).toBe(429);
    expect(last!.data).toEqual({ error: 'too many requests' });
    expect(last!.headers['retry-after']).toBeUndefined();
    expect(last!.headers['x-ratelimit-remaining']).toBeUndefined();
    // reads have their own bucket
    expect((await http.get('/portfolio/balance', { headers: signed('GET', '/portfolio/balance') })).status).toBe(200);
    // another key is not affected
    const bob = await userOf(ex, 'bob', 'basic');
    const b = raw(ex, bob.creds);
    expect((await b.http.post(p, order({ price: '0.3000', count: '1.00' }), { headers: b.signed('POST', p) })).status).toBe(201);
  });

  it('lists markets page by page to the empty cursor; batch create and cancel report per item', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'alice')).creds);
    const { http } = raw(ex);
    const first = await http.get('/markets?limit=1');
    expect(first.data.markets).toHaveLength(1);
    expect(first.data.cursor).not.toBe('');
    const all = [];
    for await (const m of c.markets({ limit: 1 })) all.push(m.ticker);
    expect(all).toEqual(['OMEGA-A', 'OMEGA-B']);
    expect((await http.get('/markets?status=active')).data.error.message).toMatch(/not filters/);
    const batch = await c.batchCreate([
      { ticker: 'OMEGA-A', side: 'bid', yesPrice: 40, count: 2, timeInForce: 'good_till_canceled' },
      { ticker: 'NOPE', side: 'bid', yesPrice: 40, count: 2, timeInForce: 'good_till_canceled' },
    ]);
    expect(batch[0]!.order_id).toBeTruthy();
    expect(batch[1]!.error?.code).toBe('market_not_found');
    const cancels = await c.batchCancel([batch[0]!.order_id!, 'missing']);
    expect(cancels[0]).toMatchObject({ reduced_by: '2.00' });
    expect(cancels[1]!.error?.code).toBe('not_found');
  });

  it('settlement pays $1 per winning contract and is listed; the market becomes finalized', async () => {
    ex = await startExchange();
    const c = clientFor(ex, (await userOf(ex, 'alice')).creds);
    await c.createOrder({ ticker: 'OMEGA-A', side: 'bid', yesPrice: 52, count: 10, timeInForce: 'immediate_or_cancel' });
    const { http } = raw(ex);
    expect(
      (await http.post('/admin/settle', { ticker: 'OMEGA-A', result: 'yes' }, { baseURL: `http://127.0.0.1:${ex.port}` })).status,
    ).toBe(200);
    const s = [];
    for await (const x of c.settlements()) s.push(x);
    expect(s).toEqual([expect.objectContaining({ ticker: 'OMEGA-A', result: 'yes', yesCount: 10, revenueCents: 1000 })]);
    expect((await c.getBalance()).balanceCents).toBe(1_000_000 - 520 - 18 + 1000);
    expect((await c.getMarket('OMEGA-A')).status).toBe('finalized');
    // the trade shows in the public tape and in a one-minute candle (parsed by the client's schema)
    const trades = [];
    for await (const t of c.trades({ ticker: 'OMEGA-A' })) trades.push(t);
    expect(trades).toEqual([expect.objectContaining({ yesPrice: 52, count: 10, takerSide: 'bid' })]);
    const candles = await c.getCandlesticks('KXOMEGASTATIC', 'OMEGA-A', { start_ts: 0, end_ts: 4_000_000_000, period_interval: 1 });
    expect(candles).toHaveLength(1);
    expect(candles[0]).toMatchObject({
      volume_fp: '10.00',
      price: { open_dollars: '0.5200', close_dollars: '0.5200', mean_dollars: '0.5200' },
      yes_ask: { high_dollars: '0.5200' },
    });
  });
});

describe('local exchange: state survives a restart', () => {
  it('keys, accounts, orders and fills are the same after a restart; keys added while running are picked up', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-exchange-'));
    ex = await startExchange({ stateDir: dir });
    const alice = await userOf(ex, 'alice');
    expect(statSync(alice.pemPath).mode & 0o777).toBe(0o600);
    const c = clientFor(ex, alice.creds);
    const resting = await c.createOrder({
      ticker: 'OMEGA-A',
      side: 'bid',
      yesPrice: 44,
      count: 7,
      timeInForce: 'good_till_canceled',
      clientOrderId: 'keep-me',
    });
    await c.createOrder({ ticker: 'OMEGA-A', side: 'ask', yesPrice: 48, count: 3, timeInForce: 'immediate_or_cancel' });
    const snapshot = async () => {
      const { http, signed } = raw(ex!, alice.creds);
      const get = async (p: string) => (await http.get(p, { headers: signed('GET', p) })).data;
      return {
        balance: { ...(await get('/portfolio/balance')), updated_ts: 0 },
        orders: (await get('/portfolio/orders')).orders.map((o) => ({ ...o, last_update_time: null })),
        fills: await get('/portfolio/fills'),
        book: (await http.get('/markets/OMEGA-A/orderbook')).data,
      };
    };
    const before = await snapshot();
    await ex.stop();
    ex = await startExchange({ stateDir: dir });
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(before.fills.fills).toHaveLength(1);
    // a key registered on disk while the exchange runs (as `omega exchange keys add` does) works at once
    const carol = addKey(dir, 'carol');
    const cc = raw(ex, { keyId: carol.keyId, privateKey: privateKeyFromPem(carol.privateKeyPem) });
    const bal = await cc.http.get('/portfolio/balance', { headers: cc.signed('GET', '/portfolio/balance') });
    expect(bal.status).toBe(200);
    expect(bal.data.balance).toBe(1_000_000);
    // idempotency survives the restart too
    const again = await clientFor(ex, alice.creds).createOrder({
      ticker: 'OMEGA-A',
      side: 'bid',
      yesPrice: 44,
      count: 7,
      timeInForce: 'good_till_canceled',
      clientOrderId: 'keep-me',
    });
    expect(again).toMatchObject({ orderId: resting.orderId, recovered: true });
    // a restart with another config is refused with the fix
    await ex.stop();
    await expect(startExchange({ stateDir: dir, config: { markets: [{ ticker: 'OTHER' }] } })).rejects.toThrow(/different exchange config/);
    ex = undefined;
  });
});

import { createRequire } from 'node:module';
import path from 'node:path';
import axios from 'axios';
import type AxiosCjsDefault from 'axios' with { 'resolution-mode': 'require' };
import { afterEach, describe, expect, it } from 'vitest';
import { KalshiRestClient, KalshiWsClient, type LocalExchange } from '../../../src/venues/kalshi/index.js';
import { startExchange, userOf } from './helpers.js';

// kalshi-typescript's ESM build uses directory imports Node rejects; load its CommonJS build (KALSHI_API.md §0a)
const requireHere = createRequire(path.join(process.cwd(), 'package.json'));
const sdk = requireHere('kalshi-typescript') as typeof import('kalshi-typescript');
// the SDK's CommonJS build requires axios' CommonJS build: a second module instance beside the ESM one we import
type AxiosCjs = typeof AxiosCjsDefault;
const axiosCjs = requireHere('axios') as AxiosCjs;

/** Request interceptors on both global axios instances (ESM and CommonJS). */
const globalInterceptors = () =>
  [axios, axiosCjs].reduce((n, a) => n + (a.interceptors.request as unknown as { handlers: unknown[] }).handlers.filter(Boolean).length, 0);

let ex: LocalExchange | undefined;
afterEach(async () => {
  await ex?.stop();
  ex = undefined;
});

describe('kalshi-typescript@3.30.0 against the local exchange', () => {
  it('lists markets across pages to the empty cursor, reads an orderbook, creates/amends/decreases/cancels a V2 order, reads fills and balance', async () => {
    ex = await startExchange({
      config: { markets: [{ ticker: 'OMEGA-A', fair: 0.5 }, { ticker: 'OMEGA-B', fair: 0.3 }, { ticker: 'OMEGA-C' }] },
    });
    const key = await userOf(ex, 'sdk');
    const config = new sdk.Configuration({ apiKey: key.keyId, privateKeyPem: key.pem, basePath: ex.restUrl });
    // each API object gets its own axios instance, or the SDK signs every later axios request in the process
    const market = new sdk.MarketApi(config, undefined, axiosCjs.create());
    const orders = new sdk.OrdersApi(config, undefined, axiosCjs.create());
    const portfolio = new sdk.PortfolioApi(config, undefined, axiosCjs.create());

    const tickers: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await market.getMarkets(1, cursor);
      tickers.push(...r.data.markets.map((m) => m.ticker));
      cursor = r.data.cursor;
      pages++;
    } while (cursor);
    expect(tickers).toEqual(['OMEGA-A', 'OMEGA-B', 'OMEGA-C']);
    expect(pages).toBe(3);

    const ob = await market.getMarketOrderbook('OMEGA-A');
    expect(ob.data.orderbook_fp.yes_dollars.at(-1)).toEqual(['0.4800', '100.00']);

    const created = await orders.createOrderV2({
      ticker: 'OMEGA-A',
      client_order_id: 'sdk-1',
      side: 'bid',
      count: '10.00',
      price: '0.4500',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ client_order_id: 'sdk-1', fill_count: '0.00', remaining_count: '10.00' });
    const id = created.data.order_id;
    const amended = await orders.amendOrderV2(id, { ticker: 'OMEGA-A', side: 'bid', price: '0.4600', count: '8.00' });
    expect(amended.data).toMatchObject({ order_id: id, remaining_count: '8.00' });
    const decreased = await orders.decreaseOrderV2(id, { reduce_by: '3.00' });
    expect(decreased.data.remaining_count).toBe('5.00');
    const canceled = await orders.cancelOrderV2(id);
    expect(canceled.data.reduced_by).toBe('5.00');
    expect((await orders.getOrder(id)).data.order.status).toBe('canceled');

    const taker = await orders.createOrderV2({
      ticker: 'OMEGA-A',
      side: 'ask',
      count: '4.00',
      price: '0.4800',
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(taker.data.fill_count).toBe('4.00');
    const fills = await portfolio.getFills();
    expect(fills.data.fills).toHaveLength(1);
    expect(fills.data.fills[0]).toMatchObject({
      order_id: taker.data.order_id,
      book_side: 'ask',
      count_fp: '4.00',
      yes_price_dollars: '0.4800',
      is_taker: true,
    });
    const balance = await portfolio.getBalance();
    // sold 4 YES at 48¢ = bought 4 NO at 52¢ (208¢) + fee ceil(0.07·4·0.48·0.52 = 0.0699) = 7¢
    expect(balance.data.balance).toBe(1_000_000 - 208 - 7);
  });

  it('the global axios instance has no interceptors after building SDK and project clients (and the check can fail)', async () => {
    ex = await startExchange();
    const key = await userOf(ex, 'sdk');
    const config = new sdk.Configuration({ apiKey: key.keyId, privateKeyPem: key.pem, basePath: ex.restUrl });
    expect(globalInterceptors()).toBe(0);
    new sdk.MarketApi(config, undefined, axiosCjs.create());
    new sdk.OrdersApi(config, undefined, axiosCjs.create());
    new sdk.PortfolioApi(config, undefined, axiosCjs.create());
    const ours = new KalshiRestClient({ baseUrl: ex.restUrl, credentials: key.creds, breaker: false });
    await ours.getBalance();
    const ws = new KalshiWsClient({ url: ex.wsUrl, credentials: key.creds, rest: ours });
    await ws.connect();
    ws.close();
    expect(globalInterceptors()).toBe(0);
    // a plain axios request carries no Kalshi headers
    for (const get of [axios.get, axiosCjs.get]) {
      const echo = (await get(`${ex.restUrl}/exchange/status`)) as { config: { headers: Record<string, unknown> } };
      expect(Object.keys(echo.config.headers).filter((h) => h.toLowerCase().startsWith('kalshi'))).toEqual([]);
    }
    // negative control: the SDK without its own instance does leak an interceptor into the global axios
    new sdk.MarketApi(config);
    expect(globalInterceptors()).toBe(1);
    const leaked = await axiosCjs.get(`${ex.restUrl}/exchange/status`);
    expect(leaked.config.headers['KALSHI-ACCESS-KEY']).toBe(key.keyId);
    axiosCjs.interceptors.request.clear();
    expect(globalInterceptors()).toBe(0);
  });
});

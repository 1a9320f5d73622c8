import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BalanceResponseSchema,
  CreateOrderV2ResponseSchema,
  FillsResponseSchema,
  KalshiSchemaError,
  MarketResponseSchema,
  MarketSchema,
  OrderbookResponseSchema,
  OrdersResponseSchema,
  PositionsResponseSchema,
  SettlementsResponseSchema,
  TradesResponseSchema,
  FractionalCountError,
  DecimalFormatError,
  dollarsToTicks,
  fpToCount,
  isOnGrid,
  normalizeErrorBody,
  parseAck,
  parseFill,
  parseGrid,
  parseMarket,
  parseOrder,
  parseOrderbook,
  parsePosition,
  parseSettlement,
  parseTrade,
  parseWire,
  ticksToDollars,
} from '../../../src/venues/kalshi/index.js';

/** A fixture's JSON, typed as the fields a test mutates (the schemas under test check the rest). */
const fixture = <T = unknown>(name: string): T => JSON.parse(readFileSync(path.join('test/venues/kalshi/fixtures', name), 'utf8')) as T;
interface MarketFixture {
  market: { ticker?: string; price_ranges: Array<{ step?: string }>; yes_bid_dollars: unknown };
}

describe('wire schemas: real field sets (kalshi-typescript 3.30.0 models), unknown fields accepted', () => {
  it('parses a market (with a field Kalshi added later) into domain ticks and counts', () => {
    const wire = parseWire(MarketResponseSchema, fixture('market.json'), 'GET /markets/{ticker}');
    const m = parseMarket(wire.market);
    expect(m).toMatchObject({
      ticker: 'KXNFLGAME-25SEP04DALPHI-PHI',
      status: 'active',
      yesBid: 65,
      yesAsk: 66,
      lastPrice: 66,
      volume: 1534021,
      openInterest: 902114,
      result: '',
    });
    expect(m.grid).toEqual({ structure: 'linear_cent', unitsPerContract: 100, ranges: [{ start: 0, end: 100, step: 1 }] });
    expect('a_field_kalshi_added_later' in wire.market).toBe(false); // stripped, not rejected
  });

  it('reads a tapered deci-cent grid: 0.1¢ ticks at the tails, 1¢ in the middle', () => {
    const m = parseMarket(parseWire(MarketSchema, fixture('market-tapered.json'), 'market'));
    expect(m.grid.unitsPerContract).toBe(1000);
    expect(m.yesBid).toBe(42); // $0.042 = 42 ticks of $0.001
    expect(isOnGrid(m.grid, 42)).toBe(true); // 4.2¢ in the fine tail
    expect(isOnGrid(m.grid, 505)).toBe(false); // 50.5¢ is between middle ticks
    expect(isOnGrid(m.grid, 510)).toBe(true);
    expect(isOnGrid(m.grid, 905)).toBe(true);
    expect(isOnGrid(m.grid, 1000)).toBe(false);
  });

  it('parses orderbook, trades, orders, fills, settlements, balance, positions and the V2 create ack', () => {
    const ob = parseOrderbook('T', parseWire(OrderbookResponseSchema, fixture('orderbook.json'), 'orderbook').orderbook_fp);
    expect(ob.yes.at(-1)).toEqual({ price: 65, count: 1200 }); // ascending: best bid last
    expect(ob.no).toEqual([
      { price: 32, count: 75 },
      { price: 34, count: 840 },
    ]);
    const trades = parseWire(TradesResponseSchema, fixture('trades.json'), 'trades');
    expect(trades.cursor).toBe('CgYIgKyaswYQAQ');
    expect(parseTrade(trades.trades[0]!)).toMatchObject({ yesPrice: 66, count: 25, takerSide: 'bid' });
    const order = parseOrder(parseWire(OrdersResponseSchema, fixture('orders.json'), 'orders').orders[0]!);
    expect(order).toMatchObject({
      side: 'bid',
      yesPrice: 64,
      status: 'resting',
      initialCount: 10,
      filledCount: 3,
      remainingCount: 7,
      feesMicros: 10_000,
      clientOrderId: 'omega-1',
    });
    const fill = parseFill(parseWire(FillsResponseSchema, fixture('fills.json'), 'fills').fills[0]!);
    expect(fill).toMatchObject({ yesPrice: 64, count: 3, isTaker: false, feeMicros: 10_000 });
    expect(parseSettlement(parseWire(SettlementsResponseSchema, fixture('settlements.json'), 's').settlements[0]!)).toMatchObject({
      result: 'yes',
      yesCount: 3,
      revenueCents: 300,
    });
    expect(parseWire(BalanceResponseSchema, fixture('balance.json'), 'balance')).toMatchObject({
      balance: 1_000_000,
      portfolio_value: 192,
    });
    const positions = parseWire(PositionsResponseSchema, fixture('positions.json'), 'positions').market_positions.map(parsePosition);
    expect(positions.map((p) => p.position)).toEqual([3, -5]);
    expect(positions[1]!.realizedPnlMicros).toBe(-200_000);
    expect(parseAck(parseWire(CreateOrderV2ResponseSchema, fixture('create-order-v2.json'), 'create'))).toMatchObject({
      filledCount: 3,
      remainingCount: 7,
    });
  });
});

describe('wire schemas: a missing or malformed required field is one clear error naming it', () => {
  it.each([
    ['market.ticker', (f: MarketFixture) => delete f.market.ticker, MarketResponseSchema, 'market.ticker is required but missing'],
    [
      'market.price_ranges[0].step',
      (f: MarketFixture) => delete f.market.price_ranges[0]!.step,
      MarketResponseSchema,
      'market.price_ranges[0].step is required but missing',
    ],
    [
      'market.yes_bid_dollars as a number (the retired cents format)',
      (f: MarketFixture) => (f.market.yes_bid_dollars = 65),
      MarketResponseSchema,
      'market.yes_bid_dollars',
    ],
  ])('%s', (_name, mutate, schema, expected) => {
    const f = fixture<MarketFixture>('market.json');
    mutate(f);
    let err: unknown;
    try {
      parseWire(schema, f, 'GET /markets/{ticker}');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KalshiSchemaError);
    expect((err as Error).message).toContain(expected);
    expect((err as Error).message).toContain('GET /markets/{ticker}');
  });

  it('a fill without exchange_index (required since 3.30) names it', () => {
    const f = fixture<{ fills: Array<{ exchange_index?: number }> }>('fills.json');
    delete f.fills[0]!.exchange_index;
    expect(() => parseWire(FillsResponseSchema, f, 'GET /portfolio/fills')).toThrow(/fills\[0\]\.exchange_index is required but missing/);
  });
});

describe('fixed-point conversions (exact, no floats)', () => {
  it('dollar strings to ticks and back', () => {
    expect(dollarsToTicks('0.56', 100)).toBe(56);
    expect(dollarsToTicks('0.5600', 100)).toBe(56);
    expect(dollarsToTicks('0.042', 1000)).toBe(42);
    expect(ticksToDollars(56, 100)).toBe('0.5600');
    expect(ticksToDollars(42, 1000)).toBe('0.0420');
    // 0.29 * 100 in floating point is 28.999999999999996: the string path must give 29
    expect(dollarsToTicks('0.29', 100)).toBe(29);
  });

  it('a price between ticks, a malformed string and a fractional count are explicit errors', () => {
    expect(() => dollarsToTicks('0.565', 100, 'price')).toThrow(DecimalFormatError);
    expect(() => dollarsToTicks('56c', 100, 'price')).toThrow(/price must be a dollar string/);
    expect(fpToCount('10.00')).toBe(10);
    expect(fpToCount('-5.00')).toBe(-5);
    expect(() => fpToCount('10.50', 'count_fp')).toThrow(FractionalCountError);
    expect(() => fpToCount('10.50', 'count_fp')).toThrow(/count_fp is "10.50", a fractional contract count/);
  });

  it('grids: parseGrid picks the finest step', () => {
    expect(parseGrid('deci_cent', [{ start: '0.0000', end: '1.0000', step: '0.0010' }]).unitsPerContract).toBe(1000);
  });
});

describe('error bodies in every shape Kalshi sends', () => {
  const e = fixture<Record<string, unknown>>('errors.json');
  it.each([
    ['nested', 'authentication_error', 'INCORRECT_API_KEY_SIGNATURE'],
    ['timestamp', 'header_timestamp_expired', undefined],
    ['flat', 'market_not_found', undefined],
    ['bare', 'unknown', undefined],
    ['tooMany', 'too_many_requests', undefined],
    ['deprecated', 'deprecated_v1_order_endpoint', undefined],
  ])('%s', (key, code, details) => {
    const n = normalizeErrorBody(e[key]);
    expect(n?.code).toBe(code);
    expect(n?.details).toBe(details);
  });

  it('a body that is no error at all is undefined, not a made-up error', () => {
    expect(normalizeErrorBody({ markets: [] })).toBeUndefined();
    expect(normalizeErrorBody(null)).toBeUndefined();
  });
});

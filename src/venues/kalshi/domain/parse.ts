import type { MarketWire, OrderbookFpWire, TradeWire } from '../wire/exchange.js';
import type { FillWire, MarketPositionWire, OrderWire, SettlementWire } from '../wire/portfolio.js';
import type { CreateOrderV2Response } from '../wire/orders.js';
import { dollarsToMicros, dollarsToTicks, fpToCount } from './decimal.js';
import type {
  BookLevel,
  OrderAck,
  PriceGrid,
  VenueFill,
  VenueMarket,
  VenueOrder,
  VenueOrderBook,
  VenuePosition,
  VenueSettlement,
  VenueTrade,
} from './types.js';

/** Wire → domain, at the edge. Prices become ticks of the market's grid, counts whole contracts. */

export const LINEAR_CENT: PriceGrid = Object.freeze({
  structure: 'linear_cent',
  unitsPerContract: 100,
  ranges: Object.freeze([{ start: 0, end: 100, step: 1 }]),
});

/** The grid of a market from `price_level_structure` and `price_ranges` (dollar strings). */
export function parseGrid(structure: string, ranges: ReadonlyArray<{ start: string; end: string; step: string }>): PriceGrid {
  if (ranges.length === 0) return LINEAR_CENT;
  const finest = Math.min(...ranges.map((r, i) => dollarsToMicros(r.step, `price_ranges[${i}].step`)));
  if (finest <= 0) throw new RangeError(`price_ranges step must be positive, got ${finest} micro-dollars`);
  let units = Math.round(1_000_000 / finest);
  if (units % 100 !== 0) units = Math.ceil(units / 100) * 100;
  return {
    structure,
    unitsPerContract: units,
    ranges: ranges.map((r, i) => ({
      start: dollarsToTicks(r.start, units, `price_ranges[${i}].start`),
      end: dollarsToTicks(r.end, units, `price_ranges[${i}].end`),
      step: dollarsToTicks(r.step, units, `price_ranges[${i}].step`),
    })),
  };
}

/** True when `ticks` is a valid order price on the grid (inside a range, on its step, strictly between 0 and $1). */
export function isOnGrid(grid: PriceGrid, ticks: number): boolean {
  if (!Number.isInteger(ticks) || ticks <= 0 || ticks >= grid.unitsPerContract) return false;
  return grid.ranges.some((r) => ticks >= r.start && ticks <= r.end && (ticks - r.start) % r.step === 0);
}

const ms = (t: string | null | undefined): number | undefined => (t ? Date.parse(t) : undefined);
const priceOrUndefined = (d: string, units: number, field: string): number | undefined => {
  const t = dollarsToTicks(d, units, field);
  return t > 0 && t < units ? t : undefined;
};

export function parseMarket(m: MarketWire): VenueMarket {
  const grid = parseGrid(m.price_level_structure, m.price_ranges);
  const u = grid.unitsPerContract;
  const bid = priceOrUndefined(m.yes_bid_dollars, u, 'yes_bid_dollars');
  const ask = priceOrUndefined(m.yes_ask_dollars, u, 'yes_ask_dollars');
  const count = (s: string, f: string) => (m.fractional_trading_enabled ? Math.trunc(Number(s)) : fpToCount(s, f));
  return {
    ticker: m.ticker,
    eventTicker: m.event_ticker,
    title: m.title ?? m.yes_sub_title,
    yesSubTitle: m.yes_sub_title,
    status: m.status,
    openTimeMs: Date.parse(m.open_time),
    closeTimeMs: Date.parse(m.close_time),
    grid,
    yesBid: bid,
    yesAsk: ask,
    lastPrice: priceOrUndefined(m.last_price_dollars, u, 'last_price_dollars'),
    volume: count(m.volume_fp, 'volume_fp'),
    openInterest: count(m.open_interest_fp, 'open_interest_fp'),
    result: m.result,
    settlementValue:
      m.settlement_value_dollars === undefined ? undefined : dollarsToTicks(m.settlement_value_dollars, u, 'settlement_value_dollars'),
    fractionalTrading: m.fractional_trading_enabled ?? false,
  };
}

// levels typed loosely: tslab's TypeScript 5.0 (no strict null checks) infers zod tuples as optional-element tuples
function levels(raw: ReadonlyArray<readonly unknown[]>, units: number, side: string): BookLevel[] {
  return raw.map((l, i) => ({
    price: dollarsToTicks(String(l[0]), units, `${side}[${i}][0]`),
    count: fpToCount(String(l[1]), `${side}[${i}][1]`),
  }));
}

export function parseOrderbook(ticker: string, ob: OrderbookFpWire, grid: PriceGrid = LINEAR_CENT): VenueOrderBook {
  return {
    ticker,
    yes: levels(ob.yes_dollars, grid.unitsPerContract, 'yes_dollars'),
    no: levels(ob.no_dollars, grid.unitsPerContract, 'no_dollars'),
  };
}

export function parseTrade(t: TradeWire, grid: PriceGrid = LINEAR_CENT): VenueTrade {
  return {
    tradeId: t.trade_id,
    ticker: t.ticker,
    yesPrice: dollarsToTicks(t.yes_price_dollars, grid.unitsPerContract, 'yes_price_dollars'),
    count: fpToCount(t.count_fp),
    takerSide: t.taker_book_side,
    timeMs: Date.parse(t.created_time),
  };
}

export function parseOrder(o: OrderWire, grid: PriceGrid = LINEAR_CENT): VenueOrder {
  return {
    orderId: o.order_id,
    clientOrderId: o.client_order_id,
    ticker: o.ticker,
    side: o.book_side,
    yesPrice: dollarsToTicks(o.yes_price_dollars, grid.unitsPerContract, 'yes_price_dollars'),
    status: o.status,
    initialCount: fpToCount(o.initial_count_fp, 'initial_count_fp'),
    filledCount: fpToCount(o.fill_count_fp, 'fill_count_fp'),
    remainingCount: fpToCount(o.remaining_count_fp, 'remaining_count_fp'),
    feesMicros: dollarsToMicros(o.taker_fees_dollars, 'taker_fees_dollars') + dollarsToMicros(o.maker_fees_dollars, 'maker_fees_dollars'),
    createdMs: ms(o.created_time),
  };
}

export function parseFill(f: FillWire, grid: PriceGrid = LINEAR_CENT): VenueFill {
  return {
    fillId: f.fill_id,
    tradeId: f.trade_id,
    orderId: f.order_id,
    ticker: f.market_ticker || f.ticker,
    side: f.book_side,
    yesPrice: dollarsToTicks(f.yes_price_dollars, grid.unitsPerContract, 'yes_price_dollars'),
    count: fpToCount(f.count_fp),
    isTaker: f.is_taker,
    feeMicros: dollarsToMicros(f.fee_cost, 'fee_cost'),
    timeMs: ms(f.created_time) ?? (f.ts === undefined ? undefined : f.ts * 1000),
  };
}

export function parsePosition(p: MarketPositionWire): VenuePosition {
  return {
    ticker: p.ticker,
    position: fpToCount(p.position_fp, 'position_fp'),
    exposureMicros: dollarsToMicros(p.market_exposure_dollars, 'market_exposure_dollars'),
    realizedPnlMicros: dollarsToMicros(p.realized_pnl_dollars, 'realized_pnl_dollars'),
    feesPaidMicros: dollarsToMicros(p.fees_paid_dollars, 'fees_paid_dollars'),
    tradedMicros: dollarsToMicros(p.total_traded_dollars, 'total_traded_dollars'),
  };
}

export function parseSettlement(s: SettlementWire): VenueSettlement {
  return {
    ticker: s.ticker,
    eventTicker: s.event_ticker,
    result: s.market_result,
    yesCount: fpToCount(s.yes_count_fp, 'yes_count_fp'),
    noCount: fpToCount(s.no_count_fp, 'no_count_fp'),
    revenueCents: s.revenue,
    settledTimeMs: Date.parse(s.settled_time),
  };
}

export function parseAck(r: CreateOrderV2Response): OrderAck {
  return {
    orderId: r.order_id,
    clientOrderId: r.client_order_id,
    filledCount: fpToCount(r.fill_count, 'fill_count'),
    remainingCount: fpToCount(r.remaining_count, 'remaining_count'),
    tsMs: r.ts_ms,
  };
}

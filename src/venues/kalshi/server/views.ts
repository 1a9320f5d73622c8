import { countToFp, microsToDollars, ticksToDollars } from '../domain/decimal.js';
import type { EventDef, FillRecord, MarketDef, OrderRecord, SeriesDef, SettlementRecord, TradeRecord } from './records.js';
import type { LocalVenue } from './venue.js';

/** The local exchange's records as Kalshi's JSON (kalshi-typescript 3.30.0 model field sets). */

const d = (cents: number) => ticksToDollars(cents, 100);
const money = (cents: number) => microsToDollars(Math.round(cents * 10_000), 4);
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function seriesJson(s: SeriesDef) {
  return {
    ticker: s.ticker,
    frequency: s.frequency,
    title: s.title,
    category: s.category,
    categories: [s.category],
    tags: [],
    settlement_sources: [{ name: 'Omega Point local exchange', url: 'http://127.0.0.1/' }],
    contract_url: '',
    contract_terms_url: '',
    product_metadata: null,
    fee_type: s.feeType,
    fee_multiplier: 1,
    additional_prohibitions: [],
  };
}

export function marketJson(v: LocalVenue, m: MarketDef) {
  const depth = v.depth(m.ticker);
  const bid = depth.yes[0];
  const noBid = depth.no[0];
  return {
    ticker: m.ticker,
    event_ticker: m.eventTicker,
    market_type: 'binary',
    title: m.title,
    subtitle: '',
    yes_sub_title: m.yesSubTitle,
    no_sub_title: m.noSubTitle,
    created_time: iso(m.createdMs),
    updated_time: iso(v.now),
    open_time: iso(m.openMs),
    close_time: iso(m.closeMs),
    expected_expiration_time: iso(m.expectedExpirationMs),
    expiration_time: iso(m.closeMs),
    latest_expiration_time: iso(m.closeMs),
    settlement_timer_seconds: 0,
    status: m.status,
    yes_bid_dollars: d(bid?.price ?? 0),
    yes_bid_size_fp: countToFp(bid?.qty ?? 0),
    yes_ask_dollars: d(noBid ? 100 - noBid.price : 100),
    yes_ask_size_fp: countToFp(noBid?.qty ?? 0),
    no_bid_dollars: d(noBid?.price ?? 0),
    no_ask_dollars: d(bid ? 100 - bid.price : 100),
    last_price_dollars: d(m.lastPrice ?? 0),
    volume_fp: countToFp(m.volume),
    volume_24h_fp: countToFp(m.volume),
    result: m.result,
    can_close_early: true,
    open_interest_fp: countToFp(m.openInterest),
    notional_value_dollars: '1.0000',
    previous_yes_bid_dollars: d(bid?.price ?? 0),
    previous_yes_ask_dollars: d(noBid ? 100 - noBid.price : 100),
    previous_price_dollars: d(m.lastPrice ?? 0),
    liquidity_dollars: '0.0000',
    ...(m.settlementValue !== undefined ? { settlement_value_dollars: d(m.settlementValue), settlement_ts: iso(m.settledMs) } : {}),
    expiration_value: m.result,
    rules_primary: m.rulesPrimary,
    rules_secondary: 'Omega Point local exchange: a simulated market; no real money.',
    price_level_structure: 'linear_cent',
    price_ranges: [{ start: '0.0000', end: '1.0000', step: '0.0100' }],
    fractional_trading_enabled: false,
  };
}

export function eventJson(v: LocalVenue, e: EventDef, withMarkets: boolean) {
  return {
    event_ticker: e.eventTicker,
    series_ticker: e.seriesTicker,
    sub_title: e.subTitle,
    title: e.title,
    collateral_return_type: e.mutuallyExclusive ? 'MECNET' : '',
    mutually_exclusive: e.mutuallyExclusive,
    strike_date: iso(e.strikeDateMs),
    settlement_sources: [],
    ...(withMarkets
      ? { markets: [...v.markets.values()].filter((m) => m.eventTicker === e.eventTicker).map((m) => marketJson(v, m)) }
      : {}),
  };
}

/** Levels ascending by price, best bid last (as Kalshi's examples show). */
export function orderbookJson(v: LocalVenue, ticker: string, depth: number) {
  const book = v.depth(ticker);
  const take = (levels: Array<{ price: number; qty: number }>) =>
    (depth > 0 ? levels.slice(0, depth) : levels).map((l) => [d(l.price), countToFp(l.qty)]).reverse();
  return { yes_dollars: take(book.yes), no_dollars: take(book.no) };
}

export function tradeJson(t: TradeRecord) {
  const taker = t.takerSide === 'bid' ? 'yes' : 'no';
  return {
    trade_id: t.tradeId,
    ticker: t.ticker,
    count_fp: countToFp(t.count),
    yes_price_dollars: d(t.yesPrice),
    no_price_dollars: d(100 - t.yesPrice),
    taker_side: taker,
    taker_outcome_side: taker,
    taker_book_side: t.takerSide,
    created_time: iso(t.tsMs),
    is_block_trade: false,
  };
}

export function orderJson(v: LocalVenue, o: OrderRecord) {
  const u = v.users.get(o.keyId);
  const outcome = o.side === 'bid' ? 'yes' : 'no';
  return {
    order_id: o.orderId,
    user_id: u?.userId ?? '',
    client_order_id: o.clientOrderId,
    ticker: o.ticker,
    side: outcome,
    action: 'buy',
    outcome_side: outcome,
    book_side: o.side,
    type: 'limit',
    status: o.status,
    yes_price_dollars: d(o.yesPrice),
    no_price_dollars: d(100 - o.yesPrice),
    fill_count_fp: countToFp(o.filled),
    remaining_count_fp: countToFp(o.remaining),
    initial_count_fp: countToFp(o.initial),
    taker_fill_cost_dollars: money(o.takerCost),
    maker_fill_cost_dollars: money(o.makerCost),
    taker_fees_dollars: microsToDollars(o.takerFeesMicros, 4),
    maker_fees_dollars: microsToDollars(o.makerFeesMicros, 4),
    expiration_time: iso(o.expirationMs),
    created_time: iso(o.createdMs),
    last_update_time: iso(o.updatedMs),
    self_trade_prevention_type: o.stp,
    order_group_id: null,
    cancel_order_on_pause: false,
    subaccount_number: 0,
    exchange_index: 0,
  };
}

export function fillJson(f: FillRecord) {
  const outcome = f.side === 'bid' ? 'yes' : 'no';
  return {
    fill_id: f.fillId,
    exchange_index: 0,
    trade_id: f.tradeId,
    order_id: f.orderId,
    ticker: f.ticker,
    market_ticker: f.ticker,
    side: outcome,
    action: 'buy',
    outcome_side: outcome,
    book_side: f.side,
    count_fp: countToFp(f.count),
    yes_price_dollars: d(f.yesPrice),
    no_price_dollars: d(100 - f.yesPrice),
    is_taker: f.isTaker,
    created_time: iso(f.tsMs),
    fee_cost: microsToDollars(f.feeMicros, 4),
    subaccount_number: 0,
    ts: Math.floor(f.tsMs / 1000),
  };
}

export function settlementJson(s: SettlementRecord) {
  return {
    ticker: s.ticker,
    exchange_index: 0,
    event_ticker: s.eventTicker,
    market_result: s.result,
    yes_count_fp: countToFp(s.yesCount),
    yes_total_cost_dollars: money(s.yesCostCents),
    no_count_fp: countToFp(s.noCount),
    no_total_cost_dollars: money(s.noCostCents),
    revenue: s.revenueCents,
    settled_time: iso(s.settledMs),
    fee_cost: '0.0000',
    value: s.valueCents,
  };
}

export function positionsJson(v: LocalVenue, keyId: string) {
  const u = v.user(keyId);
  const market_positions = [];
  const byEvent = new Map<string, { cost: number; exposure: number; pnl: number; fees: number }>();
  for (const p of v.core.positions(u.accountId)) {
    const m = v.marketOfCore(p.market);
    if (!m) continue;
    market_positions.push({
      ticker: m.ticker,
      exchange_index: 0,
      total_traded_dollars: money(p.volume > 0 ? p.costBasis : 0),
      position_fp: countToFp(p.qty),
      market_exposure_dollars: money(p.costBasis),
      realized_pnl_dollars: money(p.realizedPnl),
      fees_paid_dollars: money(p.feesPaid),
      last_updated_ts: iso(v.now),
    });
    const e = byEvent.get(m.eventTicker) ?? { cost: 0, exposure: 0, pnl: 0, fees: 0 };
    e.cost += p.costBasis;
    e.exposure += p.costBasis;
    e.pnl += p.realizedPnl;
    e.fees += p.feesPaid;
    byEvent.set(m.eventTicker, e);
  }
  const event_positions = [...byEvent].map(([event_ticker, e]) => ({
    event_ticker,
    total_cost_dollars: money(e.cost),
    total_cost_shares_fp: '0.00',
    event_exposure_dollars: money(e.exposure),
    realized_pnl_dollars: money(e.pnl),
    fees_paid_dollars: money(e.fees),
  }));
  return { market_positions, event_positions };
}

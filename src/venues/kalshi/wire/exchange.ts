import { z } from 'zod';
import { Cursor, Dollars, CountFp, Level, Time, BookSide, OutcomeSide } from './common.js';

/** GET /exchange/status */
export const ExchangeStatusSchema = z.object({
  exchange_active: z.boolean(),
  trading_active: z.boolean(),
  exchange_estimated_resume_time: z.string().nullable().optional(),
});

const DailySchedule = z.object({ open_time: z.string(), close_time: z.string() });
const Day = z.array(DailySchedule);
/** GET /exchange/schedule */
export const ExchangeScheduleSchema = z.object({
  schedule: z.object({
    standard_hours: z.array(
      z.object({
        start_time: z.string(),
        end_time: z.string(),
        monday: Day,
        tuesday: Day,
        wednesday: Day,
        thursday: Day,
        friday: Day,
        saturday: Day,
        sunday: Day,
      }),
    ),
    maintenance_windows: z.array(z.object({ start_datetime: z.string(), end_datetime: z.string() })),
  }),
});

export const FeeTypeSchema = z.enum(['quadratic', 'quadratic_with_maker_fees', 'quadratic_with_combo_maker_fees', 'flat']);

export const SeriesSchema = z.object({
  ticker: z.string(),
  frequency: z.string(),
  title: z.string(),
  category: z.string(),
  tags: z.array(z.string()).nullable(),
  settlement_sources: z.array(z.object({ name: z.string().optional(), url: z.string().optional() })).nullable(),
  contract_url: z.string(),
  contract_terms_url: z.string(),
  fee_type: FeeTypeSchema,
  fee_multiplier: z.number(),
  volume_fp: CountFp.optional(),
});
export const SeriesListResponseSchema = z.object({ series: z.array(SeriesSchema) });
export const SeriesResponseSchema = z.object({ series: SeriesSchema });

export const PriceRangeSchema = z.object({ start: Dollars, end: Dollars, step: Dollars });

export const MarketStatusSchema = z.enum(['initialized', 'inactive', 'active', 'closed', 'determined', 'disputed', 'amended', 'finalized']);

/** Market (models/market.ts of kalshi-typescript 3.30.0: the fields marked required there). */
export const MarketSchema = z.object({
  ticker: z.string(),
  event_ticker: z.string(),
  market_type: z.enum(['binary', 'scalar']),
  title: z.string().optional(),
  yes_sub_title: z.string(),
  no_sub_title: z.string(),
  created_time: Time,
  open_time: Time,
  close_time: Time,
  expected_expiration_time: z.string().nullable().optional(),
  latest_expiration_time: Time,
  status: MarketStatusSchema,
  yes_bid_dollars: Dollars,
  yes_bid_size_fp: CountFp,
  yes_ask_dollars: Dollars,
  yes_ask_size_fp: CountFp,
  no_bid_dollars: Dollars,
  no_ask_dollars: Dollars,
  last_price_dollars: Dollars,
  volume_fp: CountFp,
  volume_24h_fp: CountFp,
  result: z.enum(['yes', 'no', 'scalar', '']),
  can_close_early: z.boolean(),
  open_interest_fp: CountFp,
  notional_value_dollars: Dollars,
  settlement_value_dollars: Dollars.optional(),
  settlement_ts: z.string().nullable().optional(),
  rules_primary: z.string(),
  rules_secondary: z.string(),
  price_level_structure: z.string(),
  price_ranges: z.array(PriceRangeSchema),
  fractional_trading_enabled: z.boolean().optional(),
});
export const MarketsResponseSchema = z.object({ markets: z.array(MarketSchema), cursor: Cursor });
export const MarketResponseSchema = z.object({ market: MarketSchema });

export const EventSchema = z.object({
  event_ticker: z.string(),
  series_ticker: z.string(),
  sub_title: z.string(),
  title: z.string(),
  collateral_return_type: z.string(),
  mutually_exclusive: z.boolean(),
  strike_date: z.string().nullable().optional(),
  markets: z.array(MarketSchema).optional(),
});
export const EventsResponseSchema = z.object({ events: z.array(EventSchema), cursor: Cursor });
export const EventResponseSchema = z.object({ event: EventSchema, markets: z.array(MarketSchema).optional() });

/** `orderbook_fp`: YES bids and NO bids, ascending by price (best bid last). */
export const OrderbookFpSchema = z.object({ yes_dollars: z.array(Level), no_dollars: z.array(Level) });
export const OrderbookResponseSchema = z.object({ orderbook_fp: OrderbookFpSchema });
export const OrderbooksResponseSchema = z.object({
  orderbooks: z.array(z.object({ ticker: z.string(), orderbook_fp: OrderbookFpSchema })),
});

export const TradeSchema = z.object({
  trade_id: z.string(),
  ticker: z.string(),
  count_fp: CountFp,
  yes_price_dollars: Dollars,
  no_price_dollars: Dollars,
  taker_outcome_side: OutcomeSide,
  taker_book_side: BookSide,
  created_time: Time,
  is_block_trade: z.boolean().optional(),
});
export const TradesResponseSchema = z.object({ trades: z.array(TradeSchema), cursor: Cursor });

const Ohlc = z.object({ open_dollars: Dollars, low_dollars: Dollars, high_dollars: Dollars, close_dollars: Dollars });
export const CandlestickSchema = z.object({
  end_period_ts: z.number().int(),
  yes_bid: Ohlc,
  yes_ask: Ohlc,
  price: z.object({
    open_dollars: Dollars.optional(),
    low_dollars: Dollars.optional(),
    high_dollars: Dollars.optional(),
    close_dollars: Dollars.optional(),
    mean_dollars: Dollars.optional(),
    previous_dollars: Dollars.optional(),
  }),
  volume_fp: CountFp,
  open_interest_fp: CountFp,
});
export const CandlesticksResponseSchema = z.object({ ticker: z.string(), candlesticks: z.array(CandlestickSchema) });

export type MarketWire = z.infer<typeof MarketSchema>;
export type EventWire = z.infer<typeof EventSchema>;
export type SeriesWire = z.infer<typeof SeriesSchema>;
export type TradeWire = z.infer<typeof TradeSchema>;
export type CandlestickWire = z.infer<typeof CandlestickSchema>;
export type OrderbookFpWire = z.infer<typeof OrderbookFpSchema>;

import { z } from 'zod';
import { BookSide, CountFp, Cursor, Dollars, OrderStatus, OutcomeSide, SelfTradePrevention, Time } from './common.js';

/** GET /portfolio/balance: `balance` and `portfolio_value` are still integer cents (KALSHI_API.md §0). */
export const BalanceResponseSchema = z.object({
  balance: z.number().int(),
  balance_dollars: Dollars.optional(),
  portfolio_value: z.number().int(),
  updated_ts: z.number().int(),
});

export const MarketPositionSchema = z.object({
  ticker: z.string(),
  exchange_index: z.number().int(),
  total_traded_dollars: Dollars,
  position_fp: CountFp,
  market_exposure_dollars: Dollars,
  realized_pnl_dollars: Dollars,
  fees_paid_dollars: Dollars,
  last_updated_ts: z.string(),
});
export const EventPositionSchema = z.object({
  event_ticker: z.string(),
  total_cost_dollars: Dollars,
  event_exposure_dollars: Dollars,
  realized_pnl_dollars: Dollars,
  fees_paid_dollars: Dollars,
});
export const PositionsResponseSchema = z.object({
  market_positions: z.array(MarketPositionSchema),
  event_positions: z.array(EventPositionSchema),
  cursor: Cursor,
});

export const OrderSchema = z.object({
  order_id: z.string(),
  user_id: z.string(),
  client_order_id: z.string(),
  ticker: z.string(),
  outcome_side: OutcomeSide,
  book_side: BookSide,
  type: z.enum(['limit', 'market']),
  status: OrderStatus,
  yes_price_dollars: Dollars,
  no_price_dollars: Dollars,
  fill_count_fp: CountFp,
  remaining_count_fp: CountFp,
  initial_count_fp: CountFp,
  taker_fill_cost_dollars: Dollars,
  maker_fill_cost_dollars: Dollars,
  taker_fees_dollars: Dollars,
  maker_fees_dollars: Dollars,
  expiration_time: z.string().nullable().optional(),
  created_time: z.string().nullable().optional(),
  last_update_time: z.string().nullable().optional(),
  self_trade_prevention_type: SelfTradePrevention.optional(),
});
export const OrdersResponseSchema = z.object({ orders: z.array(OrderSchema), cursor: Cursor });
export const OrderResponseSchema = z.object({ order: OrderSchema });

/** Fill (3.30): `exchange_index` required; key by `fill_id` / `trade_id` (no `client_order_id` since March 2026). */
export const FillSchema = z.object({
  fill_id: z.string(),
  exchange_index: z.number().int(),
  trade_id: z.string(),
  order_id: z.string(),
  ticker: z.string(),
  market_ticker: z.string(),
  outcome_side: OutcomeSide,
  book_side: BookSide,
  count_fp: CountFp,
  yes_price_dollars: Dollars,
  no_price_dollars: Dollars,
  is_taker: z.boolean(),
  created_time: Time.optional(),
  fee_cost: Dollars,
  ts: z.number().int().optional(),
});
export const FillsResponseSchema = z.object({ fills: z.array(FillSchema), cursor: Cursor });

export const SettlementSchema = z.object({
  ticker: z.string(),
  exchange_index: z.number().int(),
  event_ticker: z.string(),
  market_result: z.enum(['yes', 'no', 'scalar']),
  yes_count_fp: CountFp,
  yes_total_cost_dollars: Dollars,
  no_count_fp: CountFp,
  no_total_cost_dollars: Dollars,
  revenue: z.number().int(),
  settled_time: Time,
  fee_cost: Dollars,
  value: z.number().int().nullable().optional(),
});
export const SettlementsResponseSchema = z.object({ settlements: z.array(SettlementSchema), cursor: Cursor });

const BucketLimit = z.object({ refill_rate: z.number(), bucket_capacity: z.number() });
export const AccountLimitsResponseSchema = z.object({
  usage_tier: z.string(),
  read: BucketLimit,
  write: BucketLimit,
  grants: z.array(z.unknown()).optional(),
});

export type OrderWire = z.infer<typeof OrderSchema>;
export type FillWire = z.infer<typeof FillSchema>;
export type SettlementWire = z.infer<typeof SettlementSchema>;
export type MarketPositionWire = z.infer<typeof MarketPositionSchema>;

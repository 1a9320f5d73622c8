import { z } from 'zod';
import { BookSide, CountFp, Dollars, Level, LooseCountFp, OutcomeSide } from './common.js';

/** Kalshi market-data WebSocket frames (asyncapi 2.0.0; KALSHI_API.md §6). */
export const WsSubscribedSchema = z.object({
  id: z.number().int().optional(),
  type: z.literal('subscribed'),
  msg: z.object({ channel: z.string(), sid: z.number().int() }),
});
export const WsErrorSchema = z.object({
  id: z.number().int().optional(),
  type: z.literal('error'),
  msg: z.object({ code: z.number().int(), msg: z.string() }),
});
export const WsOkSchema = z.object({
  id: z.number().int().optional(),
  type: z.literal('ok'),
  sid: z.number().int().optional(),
  seq: z.number().int().optional(),
  msg: z.unknown().optional(),
});
export const WsUnsubscribedSchema = z.object({ id: z.number().int().optional(), type: z.literal('unsubscribed'), sid: z.number().int() });

export const WsSnapshotSchema = z.object({
  type: z.literal('orderbook_snapshot'),
  sid: z.number().int(),
  seq: z.number().int(),
  msg: z.object({
    market_ticker: z.string(),
    market_id: z.string().optional(),
    yes_dollars_fp: z.array(Level).optional(),
    no_dollars_fp: z.array(Level).optional(),
  }),
});
export const WsDeltaSchema = z.object({
  type: z.literal('orderbook_delta'),
  sid: z.number().int(),
  seq: z.number().int(),
  msg: z.object({
    market_ticker: z.string(),
    market_id: z.string().optional(),
    price_dollars: Dollars,
    delta_fp: LooseCountFp,
    side: OutcomeSide,
    ts_ms: z.number().int().optional(),
    client_order_id: z.string().optional(),
  }),
});
export const WsTickerSchema = z.object({
  type: z.literal('ticker'),
  sid: z.number().int(),
  msg: z.object({
    market_ticker: z.string(),
    price_dollars: Dollars,
    yes_bid_dollars: Dollars,
    yes_ask_dollars: Dollars,
    yes_bid_size_fp: CountFp.optional(),
    yes_ask_size_fp: CountFp.optional(),
    volume_fp: CountFp,
    open_interest_fp: CountFp,
    ts_ms: z.number().int().optional(),
  }),
});
export const WsTradeSchema = z.object({
  type: z.literal('trade'),
  sid: z.number().int(),
  seq: z.number().int().optional(),
  msg: z.object({
    trade_id: z.string(),
    market_ticker: z.string(),
    yes_price_dollars: Dollars,
    no_price_dollars: Dollars,
    count_fp: CountFp,
    taker_outcome_side: OutcomeSide,
    taker_book_side: BookSide,
    ts_ms: z.number().int().optional(),
  }),
});
export const WsFillSchema = z.object({
  type: z.literal('fill'),
  sid: z.number().int(),
  msg: z.object({
    trade_id: z.string(),
    order_id: z.string(),
    client_order_id: z.string().optional(),
    market_ticker: z.string(),
    is_taker: z.boolean(),
    outcome_side: OutcomeSide,
    book_side: BookSide,
    yes_price_dollars: Dollars,
    count_fp: CountFp,
    fee_cost: Dollars,
    post_position_fp: CountFp.optional(),
    ts_ms: z.number().int().optional(),
  }),
});

export type WsSnapshot = z.infer<typeof WsSnapshotSchema>;
export type WsDelta = z.infer<typeof WsDeltaSchema>;
export type WsTicker = z.infer<typeof WsTickerSchema>;
export type WsTrade = z.infer<typeof WsTradeSchema>;
export type WsFill = z.infer<typeof WsFillSchema>;

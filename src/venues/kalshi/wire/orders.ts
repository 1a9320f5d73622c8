import { z } from 'zod';
import { BookSide, CountFp, Dollars, SelfTradePrevention, TimeInForce } from './common.js';
import { ErrorBodySchema } from './errors.js';

/** POST /portfolio/events/orders (V2). `price` is always the YES price; `side` bid = buy YES, ask = sell YES. */
export const CreateOrderV2RequestSchema = z.object({
  ticker: z.string().min(1, { error: 'is required (the market ticker)' }),
  client_order_id: z.string().min(1).max(200).optional(),
  side: BookSide,
  count: CountFp,
  price: Dollars,
  time_in_force: TimeInForce,
  self_trade_prevention_type: SelfTradePrevention,
  expiration_time: z.number().int().optional(),
  post_only: z.boolean().optional(),
  reduce_only: z.boolean().optional(),
  cancel_order_on_pause: z.boolean().optional(),
  subaccount: z.number().int().optional(),
  order_group_id: z.string().optional(),
  exchange_index: z.number().int().optional(),
});
export const CreateOrderV2ResponseSchema = z.object({
  order_id: z.string(),
  client_order_id: z.string().optional(),
  fill_count: CountFp,
  remaining_count: CountFp,
  average_fill_price: Dollars.optional(),
  average_fee_paid: Dollars.optional(),
  ts_ms: z.number().int(),
});

export const CancelOrderV2ResponseSchema = z.object({
  order_id: z.string(),
  client_order_id: z.string().optional(),
  reduced_by: CountFp,
  ts_ms: z.number().int(),
});

/** Amend: `count` = filled so far + the desired resting remainder (KALSHI_API.md §0a). */
export const AmendOrderV2RequestSchema = z.object({
  ticker: z.string().min(1),
  side: BookSide,
  price: Dollars,
  count: CountFp,
  client_order_id: z.string().optional(),
  updated_client_order_id: z.string().optional(),
  exchange_index: z.number().int().optional(),
});
export const AmendOrderV2ResponseSchema = z.object({
  order_id: z.string(),
  client_order_id: z.string().optional(),
  remaining_count: CountFp.optional(),
  fill_count: CountFp.optional(),
  average_fill_price: Dollars.optional(),
  average_fee_paid: Dollars.optional(),
  ts_ms: z.number().int(),
});

export const DecreaseOrderV2RequestSchema = z
  .object({
    reduce_by: CountFp.optional(),
    reduce_to: CountFp.optional(),
    exchange_index: z.number().int().optional(),
    market_ticker: z.string().optional(),
  })
  .refine((b) => (b.reduce_by === undefined) !== (b.reduce_to === undefined), {
    error: 'exactly one of reduce_by and reduce_to is required',
    path: ['reduce_by'],
  });
export const DecreaseOrderV2ResponseSchema = z.object({
  order_id: z.string(),
  client_order_id: z.string().optional(),
  remaining_count: CountFp,
  ts_ms: z.number().int(),
});

export const BatchCreateOrdersV2RequestSchema = z.object({ orders: z.array(z.unknown()).min(1, { error: 'needs at least one order' }) });
export const BatchCreateOrdersV2ResponseSchema = z.object({
  orders: z.array(
    z.object({
      order_id: z.string().optional(),
      client_order_id: z.string().nullable().optional(),
      fill_count: CountFp.optional(),
      remaining_count: CountFp.optional(),
      average_fill_price: Dollars.optional(),
      average_fee_paid: Dollars.optional(),
      ts_ms: z.number().int().nullable().optional(),
      error: ErrorBodySchema.nullable().optional(),
    }),
  ),
});
export const BatchCancelOrdersV2RequestSchema = z.object({
  orders: z
    .array(
      z.object({
        order_id: z.string().min(1),
        subaccount: z.number().int().optional(),
        exchange_index: z.number().int().optional(),
        market_ticker: z.string().optional(),
      }),
    )
    .min(1, { error: 'needs at least one order' }),
});
export const BatchCancelOrdersV2ResponseSchema = z.object({
  orders: z.array(
    z.object({
      order_id: z.string(),
      client_order_id: z.string().nullable().optional(),
      reduced_by: CountFp,
      ts_ms: z.number().int().nullable().optional(),
      error: ErrorBodySchema.nullable().optional(),
    }),
  ),
});

export type CreateOrderV2Request = z.infer<typeof CreateOrderV2RequestSchema>;
export type CreateOrderV2Response = z.infer<typeof CreateOrderV2ResponseSchema>;
export type AmendOrderV2Request = z.infer<typeof AmendOrderV2RequestSchema>;
export type DecreaseOrderV2Request = z.infer<typeof DecreaseOrderV2RequestSchema>;

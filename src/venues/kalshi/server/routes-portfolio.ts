import { z } from 'zod';
import { describeIssue } from '../../../core/validation.js';
import { countToFp, ticksToDollars, microsToDollars } from '../domain/decimal.js';
import { TIER_LIMITS } from '../rate-limit.js';
import {
  AmendOrderV2RequestSchema,
  BatchCancelOrdersV2RequestSchema,
  BatchCreateOrdersV2RequestSchema,
  CreateOrderV2RequestSchema,
  DecreaseOrderV2RequestSchema,
} from '../wire/orders.js';
import { ok, paginate, secondsParam, type RequestContext, type Route } from './context.js';
import { VenueError, badRequest, notFound } from './errors.js';
import type { OrderRecord } from './records.js';
import type { CreateResult } from './venue.js';
import { fillJson, orderJson, positionsJson, settlementJson } from './views.js';

/** Parse a request body; the first problem becomes a 400 naming the field. */
function body<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data ?? {});
  if (r.success) return r.data;
  const issue = describeIssue(r.error.issues[0]!);
  throw badRequest(`invalid request: ${issue.message}`, issue.path);
}

const deprecated = (): never => {
  throw new VenueError(
    410,
    'deprecated_v1_order_endpoint',
    'Please switch to the V2 endpoints',
    'POST/DELETE /portfolio/orders… was retired; use /portfolio/events/orders',
  );
};

function createAck(r: CreateResult) {
  const o = r.order;
  return {
    order_id: o.orderId,
    ...(o.clientOrderId ? { client_order_id: o.clientOrderId } : {}),
    fill_count: countToFp(o.filled),
    remaining_count: countToFp(o.remaining),
    ...(r.avgPriceCents !== undefined
      ? {
          average_fill_price: microsToDollars(Math.round(r.avgPriceCents * 10_000), 4),
          average_fee_paid: microsToDollars(Math.round(r.feesMicros / Math.max(1, o.filled)), 4),
        }
      : {}),
    ts_ms: o.updatedMs,
  };
}

async function createOne(ctx: RequestContext, raw: unknown) {
  const order = body(CreateOrderV2RequestSchema, raw);
  const r = (await ctx.exec({ op: 'create', ts: ctx.now(), keyId: ctx.keyId!, order })) as CreateResult;
  return createAck(r);
}

const orderOf = (ctx: RequestContext): OrderRecord => {
  const o = ctx.venue.orders.get(ctx.params.order_id!);
  if (!o || o.keyId !== ctx.keyId) throw notFound(`order ${ctx.params.order_id}`);
  return o;
};

export const portfolioRoutes: Route[] = [
  {
    method: 'GET',
    path: '/portfolio/balance',
    auth: true,
    handler: ({ venue, keyId, now }) => {
      const b = venue.balance(keyId!);
      return ok({
        balance: b.cash,
        balance_dollars: ticksToDollars(b.cash, 100),
        portfolio_value: b.portfolioValue,
        updated_ts: Math.floor(now() / 1000),
      });
    },
  },
  {
    method: 'GET',
    path: '/portfolio/positions',
    auth: true,
    handler: ({ venue, keyId, query }) => {
      const all = positionsJson(venue, keyId!);
      let list = all.market_positions;
      const ticker = query.get('ticker');
      if (ticker) list = list.filter((p) => p.ticker === ticker);
      if (query.get('count_filter')?.includes('position')) list = list.filter((p) => p.position_fp !== '0.00');
      const { page, cursor } = paginate(list, query, 100, 1000);
      return ok({ market_positions: page, event_positions: all.event_positions, cursor });
    },
  },
  {
    method: 'GET',
    path: '/portfolio/fills',
    auth: true,
    handler: ({ venue, keyId, query }) => {
      let fills = venue.userFills.get(keyId!) ?? [];
      const ticker = query.get('ticker');
      const orderId = query.get('order_id');
      const min = secondsParam(query, 'min_ts');
      const max = secondsParam(query, 'max_ts');
      fills = fills.filter(
        (f) =>
          (!ticker || f.ticker === ticker) &&
          (!orderId || f.orderId === orderId) &&
          (min === undefined || f.tsMs >= min) &&
          (max === undefined || f.tsMs <= max),
      );
      const { page, cursor } = paginate([...fills].reverse(), query, 100, 1000);
      return ok({ fills: page.map(fillJson), cursor });
    },
  },
  {
    method: 'GET',
    path: '/portfolio/settlements',
    auth: true,
    handler: ({ venue, keyId, query }) => {
      const ticker = query.get('ticker');
      const list = (venue.userSettlements.get(keyId!) ?? []).filter((s) => !ticker || s.ticker === ticker);
      const { page, cursor } = paginate([...list].reverse(), query, 100, 1000);
      return ok({ settlements: page.map(settlementJson), cursor });
    },
  },
  {
    method: 'GET',
    path: '/portfolio/orders',
    auth: true,
    handler: ({ venue, keyId, query }) => {
      const ticker = query.get('ticker');
      const status = query.get('status');
      if (status && !['resting', 'canceled', 'executed'].includes(status))
        throw badRequest(`status must be resting, canceled or executed, got ${status}`);
      const list = (venue.userOrders.get(keyId!) ?? []).filter((o) => (!ticker || o.ticker === ticker) && (!status || o.status === status));
      const { page, cursor } = paginate([...list].reverse(), query, 100, 1000);
      return ok({ orders: page.map((o) => orderJson(venue, o)), cursor });
    },
  },
  { method: 'GET', path: '/portfolio/orders/:order_id', auth: true, handler: (ctx) => ok({ order: orderJson(ctx.venue, orderOf(ctx)) }) },
  {
    method: 'GET',
    path: '/account/limits',
    auth: true,
    handler: ({ venue, keyId }) => {
      const u = venue.user(keyId!);
      const l = TIER_LIMITS[u.tier];
      return ok({
        usage_tier: u.tier,
        read: { refill_rate: l.read.refillRate, bucket_capacity: l.read.capacity },
        write: { refill_rate: l.write.refillRate, bucket_capacity: l.write.capacity },
        grants: [],
      });
    },
  },
  // ---- V2 order entry
  { method: 'POST', path: '/portfolio/events/orders', auth: true, handler: async (ctx) => ok(await createOne(ctx, ctx.body), 201) },
  {
    method: 'DELETE',
    path: '/portfolio/events/orders/:order_id',
    auth: true,
    handler: async (ctx) => {
      const o = orderOf(ctx);
      const r = (await ctx.exec({ op: 'cancel', ts: ctx.now(), keyId: ctx.keyId!, orderId: o.orderId })) as { reducedBy: number };
      return ok({
        order_id: o.orderId,
        ...(o.clientOrderId ? { client_order_id: o.clientOrderId } : {}),
        reduced_by: countToFp(r.reducedBy),
        ts_ms: ctx.now(),
      });
    },
  },
  {
    method: 'POST',
    path: '/portfolio/events/orders/:order_id/amend',
    auth: true,
    handler: async (ctx) => {
      const o = orderOf(ctx);
      const b = body(AmendOrderV2RequestSchema, ctx.body);
      await ctx.exec({ op: 'amend', ts: ctx.now(), keyId: ctx.keyId!, orderId: o.orderId, body: b });
      return ok({
        order_id: o.orderId,
        ...(o.clientOrderId ? { client_order_id: o.clientOrderId } : {}),
        remaining_count: countToFp(o.remaining),
        fill_count: countToFp(o.filled),
        ts_ms: ctx.now(),
      });
    },
  },
  {
    method: 'POST',
    path: '/portfolio/events/orders/:order_id/decrease',
    auth: true,
    handler: async (ctx) => {
      const o = orderOf(ctx);
      const b = body(DecreaseOrderV2RequestSchema, ctx.body);
      await ctx.exec({ op: 'decrease', ts: ctx.now(), keyId: ctx.keyId!, orderId: o.orderId, body: b });
      return ok({
        order_id: o.orderId,
        ...(o.clientOrderId ? { client_order_id: o.clientOrderId } : {}),
        remaining_count: countToFp(o.remaining),
        ts_ms: ctx.now(),
      });
    },
  },
  {
    method: 'POST',
    path: '/portfolio/events/orders/batched',
    auth: true,
    handler: async (ctx) => {
      const b = body(BatchCreateOrdersV2RequestSchema, ctx.body);
      const out = [];
      for (const raw of b.orders) {
        try {
          out.push(await createOne(ctx, raw));
        } catch (e) {
          if (!(e instanceof VenueError)) throw e;
          out.push({ client_order_id: (raw as { client_order_id?: string } | null)?.client_order_id ?? null, error: e.body().error });
        }
      }
      return ok({ orders: out }, 201);
    },
  },
  {
    method: 'DELETE',
    path: '/portfolio/events/orders/batched',
    auth: true,
    handler: async (ctx) => {
      const b = body(BatchCancelOrdersV2RequestSchema, ctx.body);
      const out = [];
      for (const item of b.orders) {
        const o = ctx.venue.orders.get(item.order_id);
        if (!o || o.keyId !== ctx.keyId) {
          out.push({ order_id: item.order_id, reduced_by: '0.00', error: notFound(`order ${item.order_id}`).body().error });
          continue;
        }
        const r = (await ctx.exec({ op: 'cancel', ts: ctx.now(), keyId: ctx.keyId!, orderId: o.orderId })) as { reducedBy: number };
        out.push({ order_id: o.orderId, client_order_id: o.clientOrderId || null, reduced_by: countToFp(r.reducedBy), ts_ms: ctx.now() });
      }
      return ok({ orders: out });
    },
  },
  {
    method: 'DELETE',
    path: '/portfolio/events/orders',
    auth: true,
    handler: async (ctx) => {
      await ctx.exec({ op: 'cancel_all', ts: ctx.now(), keyId: ctx.keyId! });
      return { status: 204 };
    },
  },
  // ---- legacy order writes: retired by Kalshi (KALSHI_API.md §0a)
  { method: 'POST', path: '/portfolio/orders', auth: true, handler: deprecated },
  { method: 'POST', path: '/portfolio/orders/batched', auth: true, handler: deprecated },
  { method: 'DELETE', path: '/portfolio/orders/batched', auth: true, handler: deprecated },
  { method: 'DELETE', path: '/portfolio/orders/:order_id', auth: true, handler: deprecated },
  { method: 'POST', path: '/portfolio/orders/:order_id/amend', auth: true, handler: deprecated },
  { method: 'POST', path: '/portfolio/orders/:order_id/decrease', auth: true, handler: deprecated },
];

import { z } from 'zod';

/**
 * Building blocks of Kalshi's wire format (Trade API v2, fixed-point era; see KALSHI_API.md §0, §3).
 * Objects accept unknown extra fields (Kalshi adds fields often) and strip them; a missing required
 * field fails with its path.
 */

/** A fixed-point dollar string: "0.56", "0.5600", "1.000000". Prices and money amounts. */
export const Dollars = z.string().regex(/^-?\d+(\.\d{1,6})?$/, { error: 'must be a dollar string like "0.5600"' });

/** A fixed-point count string: "10.00" (fractional only where the market allows it). */
export const CountFp = z.string().regex(/^-?\d+(\.\d{1,2})?$/, { error: 'must be a count string like "10.00"' });

/**
 * A count that Kalshi sometimes sends as a JSON number instead of a string (WS deltas, per third-party
 * reports): accepted either way and normalized to the string form.
 */
export const LooseCountFp = z.union([
  CountFp,
  z
    .number()
    .finite()
    .transform((n) => n.toFixed(2)),
]);

/** RFC3339 time string. */
export const Time = z.string().min(1, { error: 'must be an RFC3339 time' });

/** Cursor: "" (or absent) on the last page. */
export const Cursor = z.string().optional().default('');

/** `[price_dollars, count_fp]` orderbook level. */
export const Level = z.tuple([Dollars, LooseCountFp]);

export const OutcomeSide = z.enum(['yes', 'no']);
export const BookSide = z.enum(['bid', 'ask']);
export const TimeInForce = z.enum(['fill_or_kill', 'good_till_canceled', 'immediate_or_cancel']);
export const SelfTradePrevention = z.enum(['taker_at_cross', 'maker']);
export const OrderStatus = z.enum(['resting', 'canceled', 'executed']);

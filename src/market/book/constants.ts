/**
 * Numeric codes used on the book's hot path. The book works in YES-price space: a buy is a YES bid,
 * a sell is a YES ask. `market/orders.ts` maps Kalshi's V2 vocabulary (bid/ask, time in force names) onto these.
 */
export const BUY = 0;
export const SELL = 1;
export type BookSideCode = typeof BUY | typeof SELL;

/** Time in force. */
export const GTC = 0;
export const IOC = 1;
export const FOK = 2;
export type TimeInForceCode = typeof GTC | typeof IOC | typeof FOK;

/** Self-trade prevention: what happens when a taker would match a resting order of the same owner. */
export const STP_NONE = 0;
/** Kalshi `taker_at_cross`: the taker's remaining quantity is canceled at the first own order it meets. */
export const STP_CANCEL_TAKER = 1;
/** Kalshi `maker`: the resting own order is canceled and the taker keeps matching. */
export const STP_CANCEL_MAKER = 2;
export type StpCode = typeof STP_NONE | typeof STP_CANCEL_TAKER | typeof STP_CANCEL_MAKER;

/** Event kinds in the book's event buffer. */
export const EV_FILL = 1;
export const EV_CANCEL = 2;

/** Why an order left the book without trading. */
export const CANCEL_USER = 0;
export const CANCEL_STP_MAKER = 1;
export const CANCEL_STP_TAKER = 2;
export const CANCEL_IOC_REMAINDER = 3;
export const CANCEL_FOK_UNFILLED = 4;
export const CANCEL_DECREASE_TO_ZERO = 5;
export const CANCEL_MARKET_CLOSED = 6;
/** A resting order's count was reduced and the rest still rests (a decrease or a smaller amend). */
export const CANCEL_DECREASED = 7;

export const CANCEL_REASONS = [
  'user',
  'self_trade_maker',
  'self_trade_taker',
  'ioc_remainder',
  'fok_unfilled',
  'decreased_to_zero',
  'market_closed',
  'decreased',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Low bits of an order id hold its slot in the pool, so lookups need no hash map. */
export const SLOT_BITS = 22;
export const SLOT_SPACE = 2 ** SLOT_BITS;
export const MAX_RESTING_ORDERS = SLOT_SPACE - 1;

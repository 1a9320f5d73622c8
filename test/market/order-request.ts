import type { OrderRequest } from '../../src/market/index.js';

/** A good-till-canceled V2 order on market M (override any term with `extra`). */
export const order = (side: 'bid' | 'ask', price: number, count: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({
  ticker: 'M',
  side,
  price,
  count,
  timeInForce: 'gtc',
  ...extra,
});

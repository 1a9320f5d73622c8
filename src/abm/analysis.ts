import type { TradeForSpread } from '../models/microstructure.js';
import type { Model } from './model.js';

/**
 * Every trade of a market with its direction and the mid before it and `tau` steps after it, for the
 * spread decomposition of src/models/microstructure.ts. Trades of step t use the mid recorded at the end of
 * step t − 1 as "before" (agents act in between).
 */
export function tradesForSpread(model: Model, tau = 5, market = 0): TradeForSpread[] {
  const s = model.markets[market];
  if (!s) throw new RangeError(`no market ${market}`);
  const tape = model.exchange.tape;
  const out: TradeForSpread[] = [];
  for (let i = 0; i < tape.length; i++) {
    if (tape.marketAt(i) !== market) continue;
    const t = tape.timeAt(i);
    if (t + tau >= s.length) continue;
    out.push({ price: tape.priceAt(i), direction: tape.takerSideAt(i) === 0 ? 1 : -1, midBefore: s.midAt(t - 1), midAfter: s.midAt(t + tau) });
  }
  return out;
}

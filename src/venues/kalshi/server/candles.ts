import { countToFp, ticksToDollars } from '../domain/decimal.js';
import { badRequest } from './errors.js';
import { secondsParam } from './context.js';
import type { LocalVenue } from './venue.js';

const PERIODS = new Set([1, 60, 1440]);

interface Ohlc {
  open: number;
  high: number;
  low: number;
  close: number;
}

const bump = (o: Ohlc | undefined, p: number): Ohlc =>
  o ? { open: o.open, high: Math.max(o.high, p), low: Math.min(o.low, p), close: p } : { open: p, high: p, low: p, close: p };
const ohlcJson = (o: Ohlc | undefined) => {
  const d = (x: number) => ticksToDollars(x, 100);
  return o
    ? { open_dollars: d(o.open), low_dollars: d(o.low), high_dollars: d(o.high), close_dollars: d(o.close) }
    : { open_dollars: '0.0000', low_dollars: '0.0000', high_dollars: '0.0000', close_dollars: '0.0000' };
};

/**
 * Candlesticks from the market's trade prints: price OHLC and mean per period; the YES ask from prints
 * where the taker bought (they lift the ask) and the YES bid from prints where the taker sold. Periods
 * with no trade are left out, as Kalshi does for inactive periods.
 */
export function candlesticks(venue: LocalVenue, ticker: string, q: URLSearchParams) {
  venue.market(ticker);
  const period = Number(q.get('period_interval') ?? '1');
  if (!PERIODS.has(period)) throw badRequest(`period_interval must be 1, 60 or 1440 (minutes), got ${q.get('period_interval')}`);
  const start = secondsParam(q, 'start_ts') ?? 0;
  const end = secondsParam(q, 'end_ts') ?? Number.MAX_SAFE_INTEGER;
  const ms = period * 60_000;
  const bars = new Map<number, { price?: Ohlc; bid?: Ohlc; ask?: Ohlc; sum: number; volume: number }>();
  let previous: number | undefined;
  for (const t of venue.tradesByTicker.get(ticker) ?? []) {
    if (t.tsMs < start) {
      previous = t.yesPrice;
      continue;
    }
    if (t.tsMs > end) break;
    const endTs = Math.ceil((t.tsMs + 1) / ms) * ms;
    const b = bars.get(endTs) ?? { sum: 0, volume: 0 };
    b.price = bump(b.price, t.yesPrice);
    if (t.takerSide === 'bid') b.ask = bump(b.ask, t.yesPrice);
    else b.bid = bump(b.bid, t.yesPrice);
    b.sum += t.yesPrice * t.count;
    b.volume += t.count;
    bars.set(endTs, b);
  }
  return [...bars.entries()].map(([endTs, b]) => {
    const price = ohlcJson(b.price);
    const out = {
      end_period_ts: endTs / 1000,
      yes_bid: ohlcJson(b.bid ?? b.price),
      yes_ask: ohlcJson(b.ask ?? b.price),
      price: {
        ...price,
        mean_dollars: ticksToDollars(Math.round(b.sum / b.volume), 100),
        ...(previous !== undefined ? { previous_dollars: ticksToDollars(previous, 100) } : {}),
      },
      volume_fp: countToFp(b.volume),
      open_interest_fp: '0.00',
    };
    previous = b.price!.close;
    return out;
  });
}

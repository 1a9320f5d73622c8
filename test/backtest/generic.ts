import { CENT_GRID, type FeeSchedule, KALSHI_FEES } from '../../src/market/index.js';
import { type BookUpdate, type Instrument, type MarketResolution, type TradePrint } from '../../src/trading/index.js';
import { type Quote } from '../../src/backtest/index.js';

/** Instruments for generic (non-NFL) test markets: cent grid, the given fees, event = the ticker's prefix. */
export function instruments(fees: FeeSchedule = KALSHI_FEES): (ticker: string) => Instrument {
  const cache = new Map<string, Instrument>();
  return (ticker) => {
    let i = cache.get(ticker);
    if (!i)
      cache.set(
        ticker,
        (i = { ticker, title: ticker, grid: CENT_GRID, fees, eventTicker: ticker.split('-')[0], details: { period: 'p' } }),
      );
    return i;
  };
}

export const quote = (time: number, ticker: string, bid: number, ask: number): Quote => ({ kind: 'quote', time, ticker, bid, ask });
export const book = (time: number, ticker: string, bids: Array<[number, number]>, asks: Array<[number, number]>): BookUpdate => ({
  kind: 'book',
  time,
  ticker,
  bids: bids.map(([price, size]) => ({ price, size })),
  asks: asks.map(([price, size]) => ({ price, size })),
});
export const trade = (time: number, ticker: string, price: number, count: number, takerSide: 'bid' | 'ask'): TradePrint => ({
  kind: 'trade',
  time,
  ticker,
  price,
  count,
  takerSide,
});
export const resolve = (time: number, ticker: string, settlementValue: number): MarketResolution => ({
  kind: 'resolution',
  time,
  ticker,
  settlementValue,
});

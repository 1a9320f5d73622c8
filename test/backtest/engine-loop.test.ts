import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/engine.js';
import { NO_FEES } from '../../src/market/index.js';
import type { Strategy } from '../../src/trading/index.js';
import { instruments, quote, resolve, trade } from './generic.js';

// The event loop's contract (engine.ts): requests arrive latencyMs after they are sent, before a data event
// at the same time, and still after the last data event; the clock starts at the first event.
const buyOnFirstQuote = (price: number, timeInForce: 'ioc' | 'gtc' = 'ioc'): Strategy => {
  let sent = false;
  return {
    name: 'buy-once',
    onMarketData(d, ctx) {
      if (sent || d.kind !== 'book') return;
      sent = true;
      ctx.submitOrder({ ticker: d.ticker, side: 'bid', price, count: 2, timeInForce });
    },
  };
};

describe('runBacktest: the event loop', () => {
  it('an order sent on the last data event still arrives and fills', () => {
    const run = runBacktest({
      instruments: instruments(NO_FEES),
      events: [quote(0, 'M-1', 40, 44)],
      strategy: buyOnFirstQuote(44),
      latencyMs: 100,
    });
    expect(run.fills.map((f) => [f.price, f.count, f.time])).toEqual([[44, 2, 100]]);
    expect(run.orders[0]!.state).toBe('filled');
  });

  it('a request due at the same time as a data event arrives first', () => {
    // the order (sent at 0) arrives at 100, before the quote at 100 that moves the ask away from 44
    const events = [quote(0, 'M-1', 40, 44), quote(100, 'M-1', 45, 50)];
    const run = runBacktest({ instruments: instruments(NO_FEES), events, strategy: buyOnFirstQuote(44), latencyMs: 100 });
    expect(run.fills.map((f) => [f.price, f.time])).toEqual([[44, 100]]);
    // arriving 1 ms later, it meets the new ask of 50 and its IOC remainder is canceled
    const late = runBacktest({ instruments: instruments(NO_FEES), events, strategy: buyOnFirstQuote(44), latencyMs: 101 });
    expect(late.fills).toEqual([]);
    expect(late.orders[0]).toMatchObject({ state: 'canceled', reason: 'ioc_remainder' });
  });

  it('the clock starts at the first event; an empty feed runs at time 0 and changes nothing', () => {
    const starts: number[] = [];
    const watch: Strategy = { name: 'watch', onStart: (ctx) => void starts.push(ctx.clock.now()) };
    runBacktest({ instruments: instruments(NO_FEES), events: [quote(5_000, 'M-1', 40, 44)], strategy: watch });
    const empty = runBacktest({ instruments: instruments(NO_FEES), events: [], strategy: watch, startingCash: 5_000 });
    expect(starts).toEqual([5_000, 0]);
    expect(empty).toMatchObject({
      strategy: 'watch',
      execution: 'quote',
      startingCash: 5_000,
      finalEquity: 5_000,
      events: 0,
      halted: false,
      bets: [],
      equity: [],
      fills: [],
      orders: [],
    });
    expect(runBacktest({ instruments: instruments(NO_FEES), events: [], strategy: watch }).startingCash).toBe(100_000);
  });

  it('refuses a negative or non-finite latency and events out of time order, naming the event', () => {
    const s: Strategy = { name: 's' };
    for (const latencyMs of [-1, Number.NaN, Infinity])
      expect(() => runBacktest({ instruments: instruments(NO_FEES), events: [], strategy: s, latencyMs })).toThrow(
        new RegExp(`latencyMs must be a finite number ≥ 0, got ${latencyMs}`),
      );
    expect(() =>
      runBacktest({ instruments: instruments(NO_FEES), events: [quote(10, 'M-1', 40, 44), quote(5, 'M-1', 40, 44)], strategy: s }),
    ).toThrow('events must be in time order: event 1 (quote M-1) at 5 comes after 10');
  });

  it('only the strategy’s own fills are logged; a resolution of a market never seen is an equity point and nothing else', () => {
    const events = [quote(0, 'M-1', 40, 44), trade(1, 'M-1', 44, 3, 'bid'), resolve(2, 'M-2', 100), resolve(3, 'M-1', 100)];
    const run = runBacktest({ instruments: instruments(NO_FEES), events, strategy: buyOnFirstQuote(44) });
    // the data trade (tape buys from the liquidity) is not the strategy's
    expect(run.fills).toHaveLength(1);
    expect(run.equity.map((e) => [e.ticker, e.equity])).toEqual([
      ['M-2', 100_000 - 88 + 2 * 42],
      ['M-1', 100_000 - 88 + 200],
    ]);
    expect(run.bets.map((b) => [b.ticker, b.contracts, b.payout])).toEqual([['M-1', 2, 200]]);
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { type BookUpdate, type Fill, type MarketResolution, midPrice, type Strategy, StrategyRunner } from '../../src/trading/index.js';
import { BookFills, type FeedEvent, QuoteFills, runBacktest } from '../../src/backtest/index.js';
import { instruments } from '../backtest/generic.js';
import { FakeVenue } from './fake-venue.js';

const TICKERS = ['A-1', 'B-1', 'C-1'];

/** Seeded market data: each market's mid walks, quoted 2¢ wide, 15 books each, then a resolution. */
function marketData(seed: number): FeedEvent[] {
  const rng = Rng.derive(seed, 'equivalence');
  const events: FeedEvent[] = [];
  for (const [m, ticker] of TICKERS.entries()) {
    let mid = 30 + Math.floor(rng.float() * 40);
    for (let k = 0; k < 15; k++) {
      mid = Math.max(5, Math.min(95, mid + Math.round((rng.float() - 0.5) * 8)));
      events.push({
        kind: 'book',
        time: 1_000 * k + m,
        ticker,
        bids: [{ price: mid - 1, size: 1_000_000 }],
        asks: [{ price: mid + 1, size: 1_000_000 }],
      });
    }
    events.push({ kind: 'resolution', time: 100_000 + m, ticker, settlementValue: rng.float() < 0.5 ? 0 : 100 });
  }
  return events.sort((a, b) => a.time - b.time);
}

/**
 * A strategy written for venues that acknowledge first and fill later: it wants +5 YES when the mid is
 * below 50 and −5 (NO) above, counts its open orders toward the target so a slow fill is never doubled,
 * rests a bid 3¢ under the touch that it re-prices (amend) on every book and cancels above 70¢.
 */
function targetStrategy(): Strategy {
  const rester = new Map<string, string>();
  return {
    name: 'target',
    onMarketData(d, ctx) {
      if (d.kind !== 'book') return;
      const mid = midPrice(d)!;
      const target = mid < 50 ? 5 : -5;
      let pending = 0;
      for (const o of ctx.openOrders(d.ticker)) if (o.timeInForce !== 'gtc') pending += o.side === 'bid' ? o.remaining : -o.remaining;
      const need = target - ctx.position(d.ticker).qty - pending;
      if (need > 0) ctx.submitOrder({ ticker: d.ticker, side: 'bid', price: d.asks[0]!.price, count: need, timeInForce: 'ioc' });
      if (need < 0)
        ctx.submitOrder({
          ticker: d.ticker,
          outcome: 'no',
          action: 'buy',
          price: 100 - d.bids[0]!.price,
          count: -need,
          timeInForce: 'fok',
        });
      const id = rester.get(d.ticker);
      const open = id === undefined ? undefined : ctx.order(id);
      if (mid > 70) {
        if (open && open.remaining > 0) ctx.cancelOrder(open.clientOrderId);
      } else if (open && (open.state === 'resting' || open.state === 'partially_filled')) {
        ctx.amendOrder(open.clientOrderId, { price: d.bids[0]!.price - 2, count: open.filled + 2 });
      } else if (!open || open.state !== 'pending') {
        rester.set(
          d.ticker,
          ctx.submitOrder({ ticker: d.ticker, side: 'bid', price: d.bids[0]!.price - 2, count: 2, timeInForce: 'gtc', postOnly: true }),
        );
      }
    },
  };
}

/** Run a strategy against the fake venue: each event is shown, then the venue fills what it acknowledged. */
function runOnFakeVenue(events: FeedEvent[], strategy: Strategy, cash: number) {
  const venue = new FakeVenue(instruments(), cash);
  const runner = new StrategyRunner(venue, strategy);
  const fills: Fill[] = [];
  const original = strategy.onFill;
  strategy.onFill = (f, ctx) => {
    fills.push(f);
    original?.call(strategy, f, ctx);
  };
  runner.start();
  for (const ev of events) {
    venue.clock.set(ev.time);
    if (ev.kind === 'book') venue.showBook(ev as BookUpdate);
    else venue.resolve(ev.ticker, (ev as MarketResolution).settlementValue);
    venue.flush();
  }
  runner.end();
  return { venue, runner, fills };
}

describe('one strategy, three venues: the same final positions', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: backtest with quote fills, with book fills, and a venue that fills later agree', (seed) => {
    const events = marketData(seed);
    const quote = runBacktest({
      instruments: instruments(),
      events,
      strategy: targetStrategy(),
      fills: new QuoteFills(),
      startingCash: 1_000_000,
    });
    const book = runBacktest({
      instruments: instruments(),
      events,
      strategy: targetStrategy(),
      fills: new BookFills({ levels: 1, depthPerLevel: 1_000_000 }),
      startingCash: 1_000_000,
    });
    // positions just before each resolution, and what each market realized (before fees)
    const atEnd = (bets: typeof quote.bets) => Object.fromEntries(bets.map((b) => [b.ticker, b.pnl + b.fees]));
    const fake = runOnFakeVenue(events, targetStrategy(), 1_000_000);
    const fakeRealized = Object.fromEntries(TICKERS.map((t) => [t, fake.venue.position(t).realizedPnl]).filter(([, v]) => v !== 0));
    // the fills themselves: same orders, prices, counts and maker/taker, venue by venue
    const key = (f: Fill) => `${f.time} ${f.ticker} ${f.side} ${f.count}@${f.price} ${f.isTaker ? 'taker' : 'maker'}`;
    expect(book.fills.map(key)).toEqual(quote.fills.map(key));
    expect(fake.fills.map(key)).toEqual(quote.fills.map(key));
    expect(atEnd(book.bets)).toEqual(atEnd(quote.bets));
    expect(fakeRealized).toEqual(Object.fromEntries(Object.entries(atEnd(quote.bets)).filter(([, v]) => v !== 0)));
    expect(quote.fills.length).toBeGreaterThanOrEqual(5);
    expect(quote.fills.some((f) => !f.isTaker)).toBe(true); // resting orders were filled by later books too
    // cash: the market core's ledger and the fake venue's arithmetic end at the same money
    expect(fake.venue.cash).toBe(quote.finalEquity);
  });

  it('the fake venue does answer later: nothing fills inside the callback that sent the order', () => {
    const events = marketData(9);
    const seen: string[] = [];
    const s = targetStrategy();
    const inner = s.onMarketData!;
    s.onMarketData = (d, ctx) => {
      seen.push('data');
      inner.call(s, d, ctx);
      seen.push('sent');
    };
    s.onFill = () => void seen.push('fill');
    runOnFakeVenue(events.slice(0, 4), s, 1_000_000);
    // the first order is acknowledged inside submitOrder and filled at the venue's next flush: after 'sent'
    expect(seen.slice(0, 3)).toEqual(['data', 'sent', 'fill']);
    // and never inside a callback: every fill follows a callback that has returned
    seen.forEach((x, i) => {
      if (x === 'fill')
        expect(
          seen
            .slice(0, i)
            .filter((y) => y !== 'fill')
            .at(-1),
        ).toBe('sent');
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { KALSHI_FEES, KALSHI_FEES_WITH_MAKER, NO_FEES } from '../../src/market/index.js';
import { type Fill, isTerminal, type Strategy } from '../../src/trading/index.js';
import { BookFills, type FeedEvent, QuoteFills, runBacktest, type SimulatedVenue } from '../../src/backtest/index.js';
import { instruments } from './generic.js';

/** A strategy that does random things each book: buys, sells (naked or not), rests, amends and cancels. */
function randomStrategy(seed: number): Strategy & { fills: Fill[]; problems: string[]; repriced: number } {
  const rng = Rng.derive(seed, 'random-strategy');
  const fills: Fill[] = [];
  const problems: string[] = [];
  const tif = () => (['gtc', 'gtc', 'ioc', 'fok'] as const)[Math.floor(rng.float() * 4)]!;
  const prices = new Map<string, number>();
  return {
    name: 'random',
    fills,
    problems,
    repriced: 0,
    onOrderUpdate(u) {
      const before = prices.get(u.order.clientOrderId);
      if (before !== undefined && before !== u.order.price) this.repriced++;
      prices.set(u.order.clientOrderId, u.order.price);
    },
    onMarketData(d, ctx) {
      if (d.kind !== 'book') return;
      if (ctx.portfolio.cash < 0 || ctx.portfolio.reserved < 0) problems.push(`negative money at ${ctx.clock.now()}`);
      const bid = d.bids[0]?.price ?? 50;
      const ask = d.asks[0]?.price ?? 50;
      for (let k = Math.floor(rng.float() * 3); k > 0; k--) {
        const u = rng.float();
        const count = 1 + Math.floor(rng.float() * 60);
        const p = Math.max(1, Math.min(99, (rng.float() < 0.5 ? bid : ask) + Math.floor(rng.float() * 7) - 3));
        if (u < 0.35)
          ctx.submitOrder({
            ticker: d.ticker,
            side: rng.float() < 0.5 ? 'bid' : 'ask',
            price: p,
            count,
            timeInForce: tif(),
            postOnly: rng.float() < 0.2,
          });
        else if (u < 0.55)
          ctx.submitOrder({
            ticker: d.ticker,
            outcome: rng.float() < 0.5 ? 'yes' : 'no',
            action: rng.float() < 0.5 ? 'buy' : 'sell',
            price: p,
            count,
            timeInForce: tif(),
          });
        else {
          const open = ctx.openOrders();
          if (open.length === 0) continue;
          const o = open[Math.floor(rng.float() * open.length)]!;
          if (u < 0.8)
            ctx.amendOrder(o.clientOrderId, {
              price: Math.max(1, Math.min(99, o.price + Math.floor(rng.float() * 5) - 2)),
              count: o.filled + 1 + Math.floor(rng.float() * 40),
            });
          else ctx.cancelOrder(o.clientOrderId);
        }
      }
    },
    onFill: (f) => void fills.push(f),
  };
}

/** Random quotes on a few markets, then each resolves (ties included). */
function randomData(seed: number, markets: number, books: number): FeedEvent[] {
  const rng = Rng.derive(seed, 'random-data');
  const out: FeedEvent[] = [];
  for (let m = 0; m < markets; m++) {
    const ticker = `R${m}-1`;
    let mid = 10 + Math.floor(rng.float() * 80);
    for (let k = 0; k < books; k++) {
      mid = Math.max(3, Math.min(97, mid + Math.round((rng.float() - 0.5) * 10)));
      const half = 1 + Math.floor(rng.float() * 2);
      out.push({ kind: 'quote', time: 10_000 * k + m, ticker, bid: mid - half, ask: mid + half });
    }
    const r = rng.float();
    out.push({ kind: 'resolution', time: 10_000 * books + 1_000 + m, ticker, settlementValue: r < 0.45 ? 0 : r < 0.9 ? 100 : 50 });
  }
  return out.sort((a, b) => a.time - b.time);
}

function checkExchange(venue: SimulatedVenue): void {
  const a = venue.exchange.audit();
  // money is conserved: free + reserved + value of outstanding YES/NO pairs + fees = deposits
  expect(a.cash + a.reserved + a.openPairValue + a.fees).toBe(a.deposited);
  a.yesHeld.forEach((y, i) => expect(y).toBe(a.noHeld[i]));
  const s = venue.exchange.account(venue.strategyAccount);
  expect(s.cash).toBeGreaterThanOrEqual(0);
  expect(s.reserved).toBeGreaterThanOrEqual(0);
}

describe('one money model under random strategies (fast-check)', () => {
  it('conserves money and contracts after every event, never lets free cash go negative, and every cent is accounted for', () => {
    const seen = { fills: 0, makerFills: 0, nakedSales: 0, canceledByUser: 0, closedOut: 0, amended: 0, insufficient: 0, postOnly: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('quote', 'book'),
        fc.constantFrom(0, 0, 250),
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom(NO_FEES, KALSHI_FEES, KALSHI_FEES_WITH_MAKER),
        (seed, model, latencyMs, cash, fees) => {
          const strategy = randomStrategy(seed);
          const run = runBacktest({
            instruments: instruments(fees),
            events: randomData(seed, 3, 12),
            strategy,
            fills: model === 'quote' ? new QuoteFills({ depth: 40 }) : new BookFills({ levels: 3, depthPerLevel: 15 }),
            latencyMs,
            startingCash: cash,
            observe: checkExchange,
          });
          expect(strategy.problems).toEqual([]);
          const acct = run.venue.exchange.account(run.venue.strategyAccount);
          // everything resolved: nothing reserved, no contracts, equity is cash
          expect(acct.reserved).toBe(0);
          expect(acct.positions.every((p) => p.qty === 0)).toBe(true);
          expect(run.finalEquity).toBe(acct.cash);
          // the bets add up to the change in money; fees add up to the fills' fees
          expect(run.bets.reduce((s, b) => s + b.pnl, 0)).toBeCloseTo(run.finalEquity - cash, 6);
          expect(run.fills.reduce((s, f) => s + f.fee, 0)).toBe(acct.feesPaid);
          // each order's filled count is the sum of its fills, and every order has finished
          const filled = new Map<string, number>();
          for (const f of run.fills) filled.set(f.clientOrderId, (filled.get(f.clientOrderId) ?? 0) + f.count);
          for (const o of run.orders) {
            expect(o.filled).toBe(filled.get(o.clientOrderId) ?? 0);
            expect(isTerminal(o.state)).toBe(true);
          }
          expect(strategy.fills).toEqual(run.fills);
          seen.fills += run.fills.length;
          seen.makerFills += run.fills.filter((f) => !f.isTaker).length;
          seen.nakedSales += run.bets.filter((b) => b.side === 'no').length;
          seen.canceledByUser += run.orders.filter((o) => o.reason === 'user').length;
          seen.amended += strategy.repriced;
          seen.closedOut += run.orders.filter((o) => o.reason === 'market_closed').length;
          seen.insufficient += run.rejections.insufficient_funds ?? 0;
          seen.postOnly += run.rejections.post_only_would_cross ?? 0;
        },
      ),
      { numRuns: 60, seed: 42 },
    );
    // the random strategies really did all of it: taker and maker fills, naked sales, cancels, resting orders at the close, refusals
    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
  });

  it('the invariant check fails on money that appears from nowhere', () => {
    const run = runBacktest({ instruments: instruments(), events: randomData(1, 1, 2), strategy: randomStrategy(1), startingCash: 1_000 });
    expect(() => checkExchange(run.venue)).not.toThrow();
    run.venue.exchange.accountRef(run.venue.strategyAccount).cash += 1;
    expect(() => checkExchange(run.venue)).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { KALSHI_FEES_WITH_MAKER, makerFee, takerFee } from '../../src/market/index.js';
import { bestAsk, bestBid, type Fill, type OrderUpdate, type Strategy, type StrategyContext } from '../../src/trading/index.js';
import { BookFills, type NflContext, nflFeed, QuoteFills, runBacktest, runNfl } from '../../src/backtest/index.js';
import { game } from './fixtures.js';
import { book, instruments, quote, resolve, trade } from './generic.js';

/** Buys `count` YES on the home team at the first pregame book of each game, with a limit of `limit` (default: the ask). */
function buyHome(count: number, limit?: number): Strategy<NflContext> {
  return {
    name: 'buy-home',
    onMarketData(d, ctx) {
      if (d.kind !== 'book') return;
      const c = ctx.contract(d.ticker);
      if (!c.home || ctx.clock.now() >= c.kickoff) return;
      if (ctx.position(d.ticker).qty !== 0 || ctx.openOrders(d.ticker).length > 0) return;
      ctx.submitOrder({ ticker: d.ticker, side: 'bid', price: limit ?? bestAsk(d)!, count, timeInForce: 'ioc' });
    },
  };
}

const nfl = (games: ReturnType<typeof game>[], strategy: Strategy<NflContext>, extra: Partial<Parameters<typeof runNfl>[0]> = {}) =>
  runNfl({ games, feed: nflFeed(games), strategy, startingCash: 10_000, ...extra });

describe('backtest accounting through the market core', () => {
  // −150/+130: q = 0.6, 0.4348 → proportional p_home = 0.6/1.0348 = 0.57983 → quote 57/59 (half-spread 0.5)
  it('charges the ask plus Kalshi’s taker fee and settles a win at 100¢', () => {
    const g = game({ home: 'HOM', away: 'AWY', day: 1, result: 7 });
    const r = nfl([g], buyHome(10));
    expect(r.bets).toHaveLength(1);
    const b = r.bets[0]!;
    expect(b).toMatchObject({
      side: 'yes',
      contracts: 10,
      avgPrice: 59,
      cost: 590,
      fees: takerFee(10, 59),
      payout: 1000,
      won: true,
      entryPhase: 'pregame',
    });
    expect(takerFee(10, 59)).toBe(17); // 0.07 × 10 × 0.59 × 0.41 = 0.16933 → 17¢
    expect(b.pnl).toBe(1000 - 590 - 17);
    expect(r.finalEquity).toBe(10_000 + 1000 - 590 - 17);
    expect(r.fills).toEqual([expect.objectContaining({ side: 'bid', price: 59, count: 10, fee: 17, isTaker: true })]);
    expect(r.orders).toEqual([expect.objectContaining({ state: 'filled', filled: 10, remaining: 0, averageFillPrice: 59, fees: 17 })]);
  });

  it('settles a loss at 0¢ and a tie at 50¢ per contract', () => {
    const loss = game({ home: 'HOM', away: 'AWY', day: 1, result: -3 });
    const tie = game({ home: 'HOM', away: 'AWY', day: 2, result: 0 });
    const r = nfl([loss, tie], buyHome(10));
    expect(r.bets.map((b) => [b.payout, b.pnl])).toEqual([
      [0, -590 - 17],
      [500, 500 - 590 - 17],
    ]);
    expect(r.finalEquity).toBe(10_000 - 607 - 107);
  });

  it('walks the synthetic book with book fills; quote fills add slippage to the quote', () => {
    const g = game({ home: 'HOM', away: 'AWY', day: 1, result: 7 });
    const walked = runNfl({ games: [g], feed: nflFeed([g]), strategy: buyHome(80, 61), execution: 'book', startingCash: 100_000 });
    // levels of 50 from the ask up: 50 at 59¢ and 30 at 60¢
    expect(walked.bets[0]!.avgPrice).toBeCloseTo((50 * 59 + 30 * 60) / 80, 10);
    expect(walked.fills.map((f) => [f.price, f.count])).toEqual([
      [59, 50],
      [60, 30],
    ]);
    // the whole order pays one fee: 0.07 × (50·0.59·0.41 + 30·0.60·0.40) = 1.35065 → $1.36
    expect(walked.bets[0]!.fees).toBe(136);
    const slipped = runNfl({ games: [g], feed: nflFeed([g]), strategy: buyHome(80), slippageTicks: 2, startingCash: 100_000 });
    expect(slipped.bets[0]!.avgPrice).toBe(61);
  });

  it('refuses orders beyond the risk limits before they reach the exchange, and halts after a drawdown', () => {
    const games = Array.from({ length: 6 }, (_, i) => game({ home: 'HOM', away: 'AWY', day: 1 + i, result: -3, week: 1 + i }));
    const small = nfl(games, buyHome(15), { risk: { maxStakePerGame: 1_000 }, startingCash: 100_000 });
    expect(small.bets).toHaveLength(6);
    for (const b of small.bets) expect(b.cost).toBeLessThanOrEqual(1_000);
    const big = nfl(games, buyHome(100), { risk: { maxStakePerGame: 1_000 }, startingCash: 100_000 });
    expect(big.bets).toHaveLength(0);
    expect(big.rejections).toEqual({ risk_limit: 6 });
    expect(big.orders.every((o) => o.state === 'rejected' && o.reason === 'risk_limit')).toBe(true);
    const halted = nfl(games, buyHome(100), { risk: { drawdownHalt: 0.1 }, startingCash: 100_000 });
    expect(halted.halted).toBe(true);
    expect(halted.bets.length).toBeLessThan(6);
    expect(halted.rejections.trading_halted).toBeGreaterThan(0);
  });
});

describe('the naked sale from the issue: selling YES you do not hold is collateralized like buying NO', () => {
  // −320/+270: q = 0.7619, 0.2703 → p_home = 0.73815 → quote 73/75. Sell 100 YES at the 73¢ bid.
  const g = game({ home: 'HOM', away: 'AWY', day: 1, result: 7, homeMoneyline: -320, awayMoneyline: 270 });
  const seller = (): Strategy<NflContext> & { seen: { cash: number; reserved: number; qty: number }[] } => {
    const seen: { cash: number; reserved: number; qty: number }[] = [];
    return {
      name: 'naked-seller',
      seen,
      onMarketData(d, ctx) {
        if (d.kind !== 'book' || !ctx.contract(d.ticker).home) return;
        expect(bestBid(d)).toBe(73);
        ctx.submitOrder({ ticker: d.ticker, side: 'ask', price: 73, count: 100, timeInForce: 'ioc' });
      },
      onFill(f, ctx) {
        seen.push({ cash: ctx.portfolio.cash, reserved: ctx.portfolio.reserved, qty: ctx.position(f.ticker).qty });
      },
    };
  };

  it('with $10 the order is rejected for want of $27 of collateral, and nothing changes', () => {
    const r = nfl([g], seller(), { startingCash: 1_000 });
    expect(r.orders).toEqual([expect.objectContaining({ state: 'rejected', reason: 'insufficient_funds', filled: 0 })]);
    expect(r.finalEquity).toBe(1_000);
    expect(r.bets).toHaveLength(0);
  });

  it('with $100 it locks $27 (100 × 27¢) like a NO purchase, and loses it when the home team wins', () => {
    const s = seller();
    const r = nfl([g], s, { startingCash: 10_000 });
    const fee = takerFee(100, 73); // 0.07 × 100 × 0.73 × 0.27 = 1.3797 → $1.38
    expect(fee).toBe(138);
    // after the sale: cash fell by the NO cost and the fee, never rose by the "proceeds"
    expect(s.seen).toEqual([{ cash: 10_000 - 2_700 - fee, reserved: 0, qty: -100 }]);
    expect(r.bets).toEqual([
      expect.objectContaining({ side: 'no', contracts: 100, avgPrice: 27, cost: 2_700, payout: 0, pnl: -2_700 - fee, won: false }),
    ]);
    expect(r.finalEquity).toBe(10_000 - 2_700 - fee);
  });
});

describe('the order lifecycle in the backtest', () => {
  it('acknowledges nothing inside submitOrder: updates and fills arrive after it returns, latency later', () => {
    const g = game({ home: 'HOM', away: 'AWY', day: 1, result: 7 });
    const log: string[] = [];
    let inside = false;
    let sentAt = 0;
    const s: Strategy<NflContext> = {
      name: 'watcher',
      onMarketData(d, ctx) {
        if (d.kind !== 'book' || !ctx.contract(d.ticker).home) return;
        inside = true;
        const id = ctx.submitOrder({
          ticker: d.ticker,
          side: 'bid',
          price: bestAsk(d)!,
          count: 3,
          timeInForce: 'gtc',
          clientOrderId: 'mine-1',
        });
        expect(id).toBe('mine-1');
        expect(ctx.order(id)).toMatchObject({ state: 'pending', remaining: 3, filled: 0 });
        expect(ctx.openOrders(d.ticker)).toHaveLength(1);
        sentAt = ctx.clock.now();
        inside = false;
      },
      onFill(f: Fill, ctx) {
        expect(inside).toBe(false);
        log.push(`fill ${f.count}@${f.price} +${ctx.clock.now() - sentAt}ms`);
      },
      onOrderUpdate(u: OrderUpdate) {
        expect(inside).toBe(false);
        log.push(`${u.previousState}→${u.order.state}`);
      },
    };
    nfl([g], s, { latencyMs: 250 });
    expect(log).toEqual(['fill 3@59 +250ms', 'pending→filled']);
    expect(() =>
      nfl([g], {
        ...s,
        onMarketData: (d, ctx) =>
          d.kind === 'book'
            ? void ctx.submitOrder({ ticker: d.ticker, side: 'bid', price: 50, count: 1, timeInForce: 'gtc', clientOrderId: 'dup' })
            : undefined,
      }),
    ).toThrow(/already used/);
  });

  it('a resting bid is filled as maker when a later quote crosses it, paying the maker fee', () => {
    const fills: Fill[] = [];
    const s: Strategy = {
      name: 'rester',
      onMarketData(d, ctx) {
        if (d.kind === 'book' && d.time === 0)
          ctx.submitOrder({ ticker: 'M', side: 'bid', price: 41, count: 10, timeInForce: 'gtc', postOnly: true });
      },
      onFill: (f) => void fills.push(f),
    };
    const r = runBacktest({
      instruments: instruments(KALSHI_FEES_WITH_MAKER),
      events: [quote(0, 'M', 40, 42), quote(1_000, 'M', 38, 41), resolve(2_000, 'M', 100)],
      strategy: s,
      startingCash: 10_000,
    });
    // 0.0175 × 10 × 0.41 × 0.59 = 0.0423 → 5¢ (KALSHI_API.md §7 maker formula)
    expect(makerFee(10, 41)).toBe(5);
    expect(fills).toEqual([expect.objectContaining({ price: 41, count: 10, isTaker: false, fee: 5, time: 1_000 })]);
    expect(r.finalEquity).toBe(10_000 + 1_000 - 410 - 5);
  });

  it('queue position: behind the displayed size (back) or ahead of it (front) when trades print at the bid', () => {
    const events = [
      book(0, 'M', [[40, 50]], [[42, 50]]),
      trade(1_000, 'M', 40, 30, 'ask'),
      trade(2_000, 'M', 40, 30, 'ask'),
      resolve(3_000, 'M', 0),
    ];
    const rest: Strategy = {
      name: 'rest-at-bid',
      onMarketData: (d, ctx) =>
        void (d.kind === 'book' && d.time === 0 && ctx.submitOrder({ ticker: 'M', side: 'bid', price: 40, count: 10, timeInForce: 'gtc' })),
    };
    const back = runBacktest({
      instruments: instruments(),
      events,
      strategy: rest,
      fills: new BookFills({ queue: 'back' }),
      startingCash: 10_000,
    });
    // 50 shown ahead: the first print (30) fills only them, the second fills the last 20 and then 10 of ours
    expect(back.fills.map((f) => [f.time, f.count, f.isTaker])).toEqual([[2_000, 10, false]]);
    const front = runBacktest({
      instruments: instruments(),
      events,
      strategy: rest,
      fills: new BookFills({ queue: 'front' }),
      startingCash: 10_000,
    });
    expect(front.fills.map((f) => [f.time, f.count, f.isTaker])).toEqual([[1_000, 10, false]]);
  });

  it('rejects a post-only order that would cross; amends with Kalshi’s count; cancels; refuses a second cancel', () => {
    const updates: string[] = [];
    let id = '';
    const s: Strategy = {
      name: 'manager',
      onMarketData(d, ctx) {
        if (d.kind !== 'book') return;
        if (d.time === 0) {
          ctx.submitOrder({ ticker: 'M', side: 'bid', price: 42, count: 5, timeInForce: 'gtc', postOnly: true, clientOrderId: 'cross' });
          id = ctx.submitOrder({ ticker: 'M', side: 'bid', price: 38, count: 5, timeInForce: 'gtc', postOnly: true });
        } else if (d.time === 1_000) ctx.amendOrder(id, { price: 39, count: 7 });
        else if (d.time === 2_000) {
          ctx.cancelOrder(id);
          ctx.cancelOrder(id);
        }
      },
      onOrderUpdate: (u) =>
        void updates.push(
          `${u.order.clientOrderId} ${u.previousState}→${u.order.state}${u.order.reason ? ` (${u.order.reason})` : ''}${u.refused ? ` refused ${u.refused.request}: ${u.refused.reason}` : ''} @${u.order.price}×${u.order.remaining}`,
        ),
    };
    runBacktest({
      instruments: instruments(),
      events: [quote(0, 'M', 40, 42), quote(1_000, 'M', 40, 42), quote(2_000, 'M', 40, 42), quote(3_000, 'M', 40, 42)],
      strategy: s,
      startingCash: 10_000,
    });
    expect(updates).toEqual([
      'cross pending→rejected (post_only_would_cross) @42×0',
      'bt-1 pending→resting @38×5',
      'bt-1 resting→resting @39×7',
      'bt-1 resting→canceled (user) @39×0',
      'bt-1 canceled→canceled (user) refused cancel: unknown_order @39×0',
    ]);
  });

  it('refuses an order for a market the data do not list, with a reason code, not an exception', () => {
    const g = game({ home: 'HOM', away: 'AWY', day: 1, result: 7 });
    const s: Strategy<NflContext> = {
      name: 'typo',
      onStart: (ctx) => void ctx.submitOrder({ ticker: 'NFL-nope-XXX', side: 'bid', price: 50, count: 1, timeInForce: 'gtc' }),
    };
    const r = nfl([g], s);
    expect(r.orders).toEqual([expect.objectContaining({ state: 'rejected', reason: 'unknown_market' })]);
    expect(r.rejections).toEqual({ unknown_market: 1 });
  });

  it('refuses events out of time order', () => {
    const s: Strategy<StrategyContext> = { name: 'idle' };
    expect(() =>
      runBacktest({ instruments: instruments(), events: [quote(1_000, 'M', 40, 42), quote(0, 'M', 40, 42)], strategy: s }),
    ).toThrow(/time order/);
  });
});

describe('fill models', () => {
  it('check their parameters', () => {
    expect(() => new QuoteFills({ slippageTicks: -1 })).toThrow(/slippageTicks/);
    expect(() => new BookFills({ levels: 0 })).toThrow(/levels/);
    expect(() => new BookFills({ queue: 'middle' as never })).toThrow(/queue/);
  });
});

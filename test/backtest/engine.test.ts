import { describe, expect, it } from 'vitest';
import { LookAheadError } from '../../src/core/errors.js';
import { takerFee } from '../../src/market/index.js';
import { BookExecution, nflEvents, QuoteExecution, runBacktest, type MarketData, type Strategy, type StrategyContext } from '../../src/backtest/index.js';
import { game } from './fixtures.js';

/** Buys `count` YES on the home team at the first pregame quote of each game. */
function buyHome(count: number): Strategy {
  return {
    name: 'buy-home',
    onMarketData(q: MarketData, ctx: StrategyContext) {
      if (q.phase === 'pregame' && q.isHome && ctx.portfolio.position(q.market) === 0) ctx.placeOrder({ market: q.market, side: 'yes', action: 'buy', count });
    },
  };
}

describe('backtest accounting', () => {
  // −150/+130: q = 0.6, 0.4348 → proportional p_home = 0.6/1.0348 = 0.57983 → quote 57/59 (half-spread 0.5)
  it('charges the ask plus Kalshi’s taker fee and settles a win at 100¢', () => {
    const g = game({ home: 'HOM', away: 'AWY', day: 1, result: 7 });
    const r = runBacktest({ games: [g], events: nflEvents([g]), strategy: buyHome(10), startingCash: 10_000 });
    expect(r.bets).toHaveLength(1);
    const b = r.bets[0]!;
    expect(b).toMatchObject({ side: 'yes', contracts: 10, avgPrice: 59, cost: 590, fees: takerFee(10, 59), payout: 1000, won: true });
    expect(takerFee(10, 59)).toBe(17); // 0.07 × 10 × 0.59 × 0.41 = 0.16933 → 17¢
    expect(b.pnl).toBe(1000 - 590 - 17);
    expect(r.finalEquity).toBe(10_000 + 1000 - 590 - 17);
  });

  it('settles a loss at 0¢ and a tie at 50¢ per contract', () => {
    const loss = game({ home: 'HOM', away: 'AWY', day: 1, result: -3 });
    const tie = game({ home: 'HOM', away: 'AWY', day: 2, result: 0 });
    const r = runBacktest({ games: [loss, tie], events: nflEvents([loss, tie]), strategy: buyHome(10), startingCash: 10_000 });
    expect(r.bets.map((b) => [b.payout, b.pnl])).toEqual([
      [0, -590 - 17],
      [500, 500 - 590 - 17],
    ]);
    expect(r.finalEquity).toBe(10_000 - 607 - 107);
  });

  it('walks the synthetic book with the book execution model', () => {
    const g = game({ home: 'HOM', away: 'AWY', day: 1, result: 7 });
    const r = runBacktest({ games: [g], events: nflEvents([g]), strategy: buyHome(80), execution: new BookExecution({ depthPerLevel: 50, levels: 3 }), startingCash: 100_000 });
    // 50 at 59¢ and 30 at 60¢
    expect(r.bets[0]!.avgPrice).toBeCloseTo((50 * 59 + 30 * 60) / 80, 10);
    const q = runBacktest({ games: [g], events: nflEvents([g]), strategy: buyHome(80), execution: new QuoteExecution({ slippageTicks: 2 }), startingCash: 100_000 });
    expect(q.bets[0]!.avgPrice).toBe(61);
  });

  it('enforces risk limits: stake per game and a drawdown halt', () => {
    const games = Array.from({ length: 6 }, (_, i) => game({ home: 'HOM', away: 'AWY', day: 1 + i, result: -3, week: 1 + i }));
    const capped = runBacktest({ games, events: nflEvents(games), strategy: buyHome(100), risk: { maxStakePerGame: 1_000 }, startingCash: 100_000 });
    for (const b of capped.bets) expect(b.cost).toBeLessThanOrEqual(1_000);
    const halted = runBacktest({ games, events: nflEvents(games), strategy: buyHome(100), risk: { drawdownHalt: 0.1 }, startingCash: 100_000 });
    expect(halted.halted).toBe(true);
    expect(halted.bets.length).toBeLessThan(6);
    expect(halted.rejections['trading halted: drawdown limit reached']).toBeGreaterThan(0);
  });
});

describe('no look-ahead', () => {
  it('refuses a strategy that reads a future game’s lines, and history holds only resolved games', () => {
    const g1 = game({ home: 'AAA', away: 'BBB', day: 1, result: 3 });
    const g2 = game({ home: 'CCC', away: 'DDD', day: 8, result: -3 });
    const seen: string[] = [];
    const peeker: Strategy = {
      name: 'peeker',
      onMarketData(q, ctx) {
        for (const r of ctx.history()) expect(r.kickoff + 3.5 * 3_600_000).toBeLessThanOrEqual(ctx.clock.now());
        if (q.gameId === g1.gameId) {
          try {
            ctx.lines(g2.gameId);
            seen.push('read the future');
          } catch (e) {
            expect(e).toBeInstanceOf(LookAheadError);
            seen.push('refused');
          }
          expect(ctx.history().map((h) => h.gameId)).not.toContain(g1.gameId);
        } else {
          expect(ctx.history().map((h) => h.gameId)).toEqual([g1.gameId]);
          expect(ctx.lines(g2.gameId).spreadLine).toBe(3);
        }
      },
    };
    runBacktest({ games: [g1, g2], events: nflEvents([g1, g2]), strategy: peeker });
    expect(seen).toEqual(['refused', 'refused']);
  });

  it('orders events in time: quotes at kickoff, the resolution 3.5 h later', () => {
    const g = game({ home: 'AAA', away: 'BBB', day: 1, result: 3 });
    const ev = nflEvents([g]);
    expect(ev.map((e) => e.kind)).toEqual(['quote', 'quote', 'resolution']);
    expect(ev[2]!.time - ev[0]!.time).toBe(3.5 * 3_600_000 + 5 * 60_000);
  });
});

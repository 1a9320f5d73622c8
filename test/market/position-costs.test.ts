import { describe, expect, it } from 'vitest';
import { Position } from '../../src/market/position.js';

// Kalshi's money model (KALSHI_API.md §0a, §7): YES at p costs p, NO at p costs 100 − p; a YES–NO pair redeems at
// 100; realized P&L = proceeds − the average cost released. Every number is worked by hand in the comments.
describe('Position: cost basis', () => {
  it('buying more of what is held adds to its cost: 10 YES at 40 + 5 at 46 = 630, average 42', () => {
    const p = new Position(100);
    p.applyTrade(0, 40, 10);
    expect(p.applyTrade(0, 46, 5)).toBe(-230);
    expect([p.qty, p.costBasis, p.realizedPnl, p.averageCost()]).toEqual([15, 630, 0, 42]);
  });

  it('selling more YES while holding NO adds NO at 100 − p: 4 at 30 + 2 at 40 = 200', () => {
    const p = new Position(100);
    p.applyTrade(1, 70, 4);
    expect(p.applyTrade(1, 60, 2)).toBe(-80);
    expect([p.qty, p.costBasis, p.realizedPnl]).toEqual([-6, 200, 0]);
  });

  it('closing the whole holding releases exactly its cost, with no rounding left over (29 over 7 contracts)', () => {
    const yes = new Position(100);
    yes.applyTrade(0, 4, 6);
    yes.applyTrade(0, 5, 1); // 7 YES for 29
    expect(yes.applyTrade(1, 10, 7)).toBe(70);
    expect([yes.qty, yes.costBasis, yes.realizedPnl]).toEqual([0, 0, 41]);
    const no = new Position(100);
    no.applyTrade(1, 96, 6);
    no.applyTrade(1, 95, 1); // 7 NO for 6 × 4 + 5 = 29
    expect(no.applyTrade(0, 90, 7)).toBe(70); // each pair redeems at 100: 7 × (100 − 90)
    expect([no.qty, no.costBasis, no.realizedPnl]).toEqual([0, 0, 41]);
  });

  it('a flat position settles for nothing', () => {
    const p = new Position(100);
    p.applyTrade(0, 30, 2);
    p.applyTrade(1, 35, 2);
    expect(p.settle(100)).toBe(0);
    expect([p.qty, p.realizedPnl]).toEqual([0, 10]);
  });
});

describe('Position: collateral of resting orders', () => {
  it('bids at three prices, all opening: 5 × 40 + 2 × 35 + 5 × 30 = 420; with 3 NO held the 9 opening ones cost 330', () => {
    const p = new Position(100);
    p.addResting(0, 40, 5);
    p.addResting(0, 30, 5);
    p.addResting(0, 35, 2);
    expect(p.requiredCollateral()).toBe(420);
    p.applyTrade(1, 50, 3); // 3 NO held: the 3 cheapest bids close them
    expect(p.requiredCollateral()).toBe(5 * 40 + 2 * 35 + 2 * 30);
  });

  it('asks at two prices, all opening NO: 2 × (100 − 60) + 3 × (100 − 70) = 170; with 1 YES held, 140', () => {
    const p = new Position(100);
    p.addResting(1, 70, 3);
    p.addResting(1, 60, 2);
    expect(p.requiredCollateral()).toBe(170);
    p.applyTrade(0, 50, 1); // 1 YES held: the dearest ask (70) closes it
    expect(p.requiredCollateral()).toBe(2 * 40 + 2 * 30);
  });

  it('on the 0.1¢ grid: a bid at 45.5¢ and an ask at 90.1¢ lock 455 and 1000 − 901 per contract', () => {
    const p = new Position(1000);
    p.addResting(0, 455, 2);
    p.addResting(1, 901, 3);
    expect(p.requiredCollateral()).toBe(2 * 455 + 3 * 99);
  });

  it('after a side empties, new orders at other prices are still counted', () => {
    const p = new Position(100);
    p.addResting(0, 80, 1);
    p.addResting(0, 80, -1);
    p.addResting(1, 20, 1);
    p.addResting(1, 20, -1);
    p.addResting(0, 10, 1);
    p.addResting(1, 95, 1);
    expect(p.requiredCollateral()).toBe(10 + 5);
  });
});

describe('Position: ladders after settlement', () => {
  // units of 300 are used by no other test in this file, so the pool of spare ladders starts empty here
  it('released positions share one zero ladder and hand their own to the next position of the same payout', () => {
    const a = new Position(300);
    const b = new Position(300);
    const ladders = new Set([a.buyAt, a.sellAt]);
    a.release();
    b.release();
    expect(a.buyAt).toBe(b.buyAt);
    expect(a.sellAt).toBe(a.buyAt);
    expect(ladders.has(a.buyAt)).toBe(false);
    const c = new Position(300);
    const d = new Position(300);
    const e = new Position(300);
    // b released last, so c takes b's pair and d takes a's; e gets fresh ones
    expect(ladders.has(d.buyAt) && ladders.has(d.sellAt)).toBe(true);
    expect(d.buyAt).not.toBe(d.sellAt);
    expect(ladders.has(c.buyAt) || ladders.has(e.buyAt) || ladders.has(e.sellAt)).toBe(false);
  });
});

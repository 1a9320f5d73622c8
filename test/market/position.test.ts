import { describe, expect, it } from 'vitest';
import { Position } from '../../src/market/position.js';

// Worked by hand from Kalshi's money model (KALSHI_API.md §0a): YES at p costs p, NO at p costs 100 − p; buying
// YES against NO held closes it and returns 100 − p per contract; realized P&L = proceeds − average cost released.
describe('Position: one account in one market', () => {
  it('opens, closes in part, flips to NO, closes some NO and settles', () => {
    const p = new Position(100);
    expect(p.averageCost()).toBe(0);
    expect(p.applyTrade(0, 40, 10)).toBe(-400); // buy 10 YES at 40
    expect([p.qty, p.costBasis, p.averageCost()]).toEqual([10, 400, 40]);
    expect(p.applyTrade(1, 55, 4)).toBe(220); // sell 4 of them at 55: +4 × 15
    expect([p.qty, p.costBasis, p.realizedPnl]).toEqual([6, 240, 60]);
    // sell 10 at 70: close the 6 held (+6 × 30), open 4 NO at 30 each
    expect(p.applyTrade(1, 70, 10)).toBe(420 - 120);
    expect([p.qty, p.costBasis, p.realizedPnl, p.averageCost()]).toEqual([-4, 120, 240, 30]);
    // buy 1 YES at 80: closes one NO bought at 30, returns 100 − 80 = 20, realizes −10
    expect(p.applyTrade(0, 80, 1)).toBe(20);
    expect([p.qty, p.costBasis, p.realizedPnl, p.volume]).toEqual([-3, 90, 230, 25]);
    // marked at 60¢ YES, 3 NO are worth 3 × 40
    expect(p.markValue(60)).toBe(120);
    // NO wins (YES settles at 0): 3 × 100 paid, P&L += 300 − 90
    expect(p.settle(0)).toBe(300);
    expect([p.qty, p.costBasis, p.realizedPnl, p.markValue(60)]).toEqual([0, 0, 440, 0]);
  });

  it('YES held settles at the settlement value; a tie pays 50 to each side', () => {
    const yes = new Position(100);
    yes.applyTrade(0, 30, 5);
    expect(yes.markValue(50)).toBe(250);
    expect(yes.settle(100)).toBe(500);
    expect(yes.realizedPnl).toBe(350);
    const no = new Position(100);
    no.applyTrade(1, 60, 5); // 5 NO at 40
    expect(no.settle(50)).toBe(250);
    expect(no.realizedPnl).toBe(50);
  });

  it('resting orders lock the worst case: opening buys beyond the NO held, most expensive first; sells mirror it', () => {
    const p = new Position(100);
    p.applyTrade(1, 50, 5); // 5 NO held
    p.addResting(0, 40, 3);
    p.addResting(0, 30, 4);
    // 7 bids, 5 of them close NO: the 2 opening ones could be the 40¢ ones → 80
    expect(p.requiredCollateral()).toBe(80);
    p.addResting(1, 60, 2);
    p.addResting(1, 70, 3);
    // 5 asks, no YES held: all open NO, 2 × 40 + 3 × 30 = 170
    expect(p.requiredCollateral()).toBe(250);
    expect([p.buyQty, p.sellQty, p.buyAt[40], p.sellAt[70]]).toEqual([7, 5, 3, 3]);
    // a cancel removes contracts: only 4 bids left, fewer than the NO held → no bid collateral
    p.addResting(0, 40, -3);
    expect(p.requiredCollateral()).toBe(170);
    p.addResting(0, 30, -4);
    p.addResting(1, 60, -2);
    // 3 asks at 70 remain: 90; a new bid at a lower price after the book emptied is still seen
    expect(p.requiredCollateral()).toBe(90);
    p.addResting(0, 20, 8);
    // 8 bids, 5 close: 3 × 20 = 60
    expect(p.requiredCollateral()).toBe(150);
    p.addResting(1, 70, -3);
    p.addResting(1, 90, 1);
    expect(p.requiredCollateral()).toBe(60 + 10);
  });

  it('YES held lets asks close it first; release needs every order gone and hands back zeroed ladders', () => {
    const p = new Position(100);
    p.applyTrade(0, 50, 4); // 4 YES held
    p.addResting(1, 80, 6); // 4 close, 2 open NO at 20
    expect(p.requiredCollateral()).toBe(40);
    expect(() => p.release()).toThrow(/orders still rest/);
    p.addResting(1, 80, -6);
    p.settle(100);
    p.release();
    p.release(); // twice is harmless
    expect(p.buyAt.every((v) => v === 0) && p.sellAt.every((v) => v === 0)).toBe(true);
    // a later position may reuse ladders: they are clean
    const q = new Position(100);
    expect(q.buyAt.every((v) => v === 0) && q.sellAt.every((v) => v === 0)).toBe(true);
    expect(q.buyAt).not.toBe(q.sellAt);
    q.addResting(0, 10, 1);
    expect(q.requiredCollateral()).toBe(10);
  });
});

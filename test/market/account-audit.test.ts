import { describe, expect, it } from 'vitest';
import { Exchange, KALSHI_FEES } from '../../src/market/index.js';

// By hand: Kalshi's taker fee roundUp(0.07 × C × P × (1 − P)) (KALSHI_API.md §7), no maker fee on plain
// `quadratic` series; selling YES you do not hold buys NO at 100 − p; a YES/NO pair is worth 100¢.
describe('account snapshots and the conservation audit', () => {
  it('positions, fees, resting contracts and deposits in the snapshot; money and open pairs add up to deposits', () => {
    const ex = new Exchange();
    ex.listMarket({ ticker: 'A', fees: KALSHI_FEES });
    ex.listMarket({ ticker: 'B', fees: KALSHI_FEES });
    const alice = ex.openAccount('alice', 10_000);
    const bob = ex.openAccount('bob', 10_000);
    ex.submitOrder(bob, { ticker: 'A', side: 'ask', price: 40, count: 10, timeInForce: 'gtc' }); // bob offers 10 YES = buys NO at 60
    ex.submitOrder(alice, { ticker: 'A', side: 'bid', price: 40, count: 10, timeInForce: 'ioc' }); // alice takes them: 400 + fee 17
    // a resting bid of 3 at 30 locks its 90 collateral and no fee headroom: resting, it can only fill as maker,
    // and this series charges makers nothing
    ex.submitOrder(alice, { ticker: 'B', side: 'bid', price: 30, count: 3, timeInForce: 'gtc' });
    ex.deposit(alice, 500);
    expect(ex.account(alice)).toEqual({
      id: alice,
      name: 'alice',
      cash: 10_000 - 400 - 17 - 90 + 500,
      reserved: 90,
      feesPaid: 17,
      deposited: 10_500,
      positions: [
        { ticker: 'A', qty: 10, costBasis: 400, realizedPnl: 0, feesPaid: 17, volume: 10, restingBuy: 0, restingSell: 0 },
        { ticker: 'B', qty: 0, costBasis: 0, realizedPnl: 0, feesPaid: 0, volume: 0, restingBuy: 3, restingSell: 0 },
      ],
    });
    expect(ex.account(bob).positions).toEqual([
      { ticker: 'A', qty: -10, costBasis: 600, realizedPnl: 0, feesPaid: 0, volume: 10, restingBuy: 0, restingSell: 0 },
    ]);
    // 9,993 + 90 + 9,400 + 10 pairs × 100 + 17 fees = 20,500 deposited
    expect(ex.audit()).toEqual({
      deposited: 20_500,
      cash: 9_993 + 9_400,
      reserved: 90,
      openPairValue: 1_000,
      fees: 17,
      yesHeld: [10, 0],
      noHeld: [10, 0],
    });
  });
});

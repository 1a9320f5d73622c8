import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exchange, KALSHI_FEES, KALSHI_FEES_WITH_MAKER, NO_FEES, OrderRejectedError, type OrderRequest } from '../../src/index.js';

type Op =
  | { kind: 'order'; who: number; req: Omit<OrderRequest, 'ticker'> }
  | { kind: 'cancel' | 'decrease' | 'amend'; pick: number; n: number; price: number };

const orderReq = fc.record({
  side: fc.constantFrom('yes' as const, 'no' as const),
  action: fc.constantFrom('buy' as const, 'sell' as const),
  price: fc.integer({ min: 1, max: 99 }),
  count: fc.integer({ min: 1, max: 40 }),
  type: fc.constantFrom('limit' as const, 'limit' as const, 'limit' as const, 'market' as const),
  timeInForce: fc.constantFrom('gtc' as const, 'gtc' as const, 'ioc' as const, 'fok' as const),
  postOnly: fc.boolean(),
  selfTradePrevention: fc.constantFrom('taker_at_cross' as const, 'maker' as const),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('order' as const), who: fc.integer({ min: 0, max: 3 }), req: orderReq }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'decrease' as const, 'amend' as const), pick: fc.nat(), n: fc.integer({ min: 1, max: 40 }), price: fc.integer({ min: 1, max: 99 }) }) },
);

function state(ex: Exchange) {
  return JSON.stringify({ audit: ex.audit(), accounts: [0, 1, 2, 3].map((a) => ex.account(a)), depth: ex.depth('M') });
}

function checkInvariants(ex: Exchange): void {
  const a = ex.audit();
  // money is conserved: free + reserved + value of outstanding YES/NO pairs + fees = deposits
  expect(a.cash + a.reserved + a.openPairValue + a.fees).toBe(a.deposited);
  // every YES contract has a NO counterpart
  expect(a.yesHeld[0]).toBe(a.noHeld[0]);
  for (let i = 0; i < 4; i++) {
    const acct = ex.account(i);
    expect(acct.cash).toBeGreaterThanOrEqual(0);
    expect(acct.reserved).toBeGreaterThanOrEqual(0);
  }
}

describe('Exchange invariants under random order flow (fast-check)', () => {
  it.each([
    ['no fees', NO_FEES],
    ['taker fees', KALSHI_FEES],
    ['taker and maker fees', KALSHI_FEES_WITH_MAKER],
  ])('conserves cash and contracts, never goes negative, and rejections change nothing (%s)', (_n, fees) => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 4, maxLength: 4 }), fc.array(op, { maxLength: 150 }), fc.constantFrom('yes' as const, 'no' as const), (cash, ops, outcome) => {
        const ex = new Exchange();
        ex.listMarket({ ticker: 'M', fees });
        cash.forEach((c, i) => ex.openAccount(`a${i}`, c));
        const live: number[] = [];
        for (const o of ops) {
          const before = state(ex);
          try {
            if (o.kind === 'order') {
              const r = ex.placeOrder(o.who, { ticker: 'M', ...o.req });
              if (r.resting > 0) live.push(r.orderId);
            } else {
              const open = live.filter((id) => ex.isOpen(id));
              if (open.length === 0) continue;
              const id = open[o.pick % open.length]!;
              if (o.kind === 'cancel') ex.cancelOrder(id);
              else if (o.kind === 'decrease') ex.decreaseOrder(id, o.n);
              else ex.amendOrder(id, { yesPrice: o.price, count: o.n });
            }
          } catch (e) {
            if (!(e instanceof OrderRejectedError)) throw e;
            expect(state(ex)).toBe(before);
          }
          checkInvariants(ex);
        }
        ex.settle('M', outcome);
        checkInvariants(ex);
        const a = ex.audit();
        expect(a.reserved).toBe(0);
        expect(a.openPairValue).toBe(0);
        expect(a.cash + a.fees).toBe(a.deposited);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

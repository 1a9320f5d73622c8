import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderRejectedError } from '../../src/core/errors.js';
import {
  Exchange,
  KALSHI_FEES,
  KALSHI_FEES_WITH_MAKER,
  NO_FEES,
  TAPERED_DECI_CENT_GRID,
  roundPrice,
  type OrderRequest,
  type OutcomeOrderRequest,
  type TickGrid,
} from '../../src/market/index.js';

type Req = Omit<OrderRequest, 'ticker'> | Omit<OutcomeOrderRequest, 'ticker'>;
type Op = { kind: 'order'; who: number; req: Req } | { kind: 'cancel' | 'decrease' | 'amend'; pick: number; n: number; price: number };

const terms = {
  count: fc.integer({ min: 1, max: 40 }),
  timeInForce: fc.constantFrom('gtc' as const, 'gtc' as const, 'ioc' as const, 'fok' as const),
  postOnly: fc.boolean(),
  selfTradePrevention: fc.constantFrom('taker_at_cross' as const, 'maker' as const),
};
const ops = (maxPrice: number): fc.Arbitrary<Op> => {
  const bookReq = fc.record({
    side: fc.constantFrom('bid' as const, 'ask' as const),
    price: fc.integer({ min: 1, max: maxPrice }),
    ...terms,
  });
  const outcomeReq = fc.record({
    outcome: fc.constantFrom('yes' as const, 'no' as const),
    action: fc.constantFrom('buy' as const, 'sell' as const),
    price: fc.integer({ min: 1, max: maxPrice }),
    ...terms,
  });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('order' as const), who: fc.integer({ min: 0, max: 3 }), req: bookReq }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('order' as const), who: fc.integer({ min: 0, max: 3 }), req: outcomeReq }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constantFrom('cancel' as const, 'decrease' as const, 'amend' as const),
        pick: fc.nat(),
        n: fc.integer({ min: 1, max: 40 }),
        price: fc.integer({ min: 1, max: maxPrice }),
      }),
    },
  );
};

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

/** Random order flow on one market; prices are snapped to the grid (buyers down, sellers up) so most orders are valid. */
function run(grid: TickGrid | undefined, fees: typeof NO_FEES, cash: number[], flow: Op[], outcome: 'yes' | 'no'): void {
  const ex = new Exchange();
  ex.listMarket({ ticker: 'M', fees, grid });
  cash.forEach((c, i) => ex.openAccount(`a${i}`, c));
  const snap = (p: number, down: boolean) => (grid ? roundPrice(grid, p, down ? 'down' : 'up') : p);
  const live: number[] = [];
  let n = 0;
  for (const o of flow) {
    const before = state(ex);
    try {
      if (o.kind === 'order') {
        const price = snap(o.req.price, 'side' in o.req ? o.req.side === 'bid' : o.req.action === 'buy');
        const r = ex.submitOrder(o.who, { ticker: 'M', ...o.req, price, clientOrderId: `c${n++}` } as OrderRequest);
        if (r.remainingCount > 0) live.push(r.orderId);
      } else {
        const open = live.filter((id) => ex.isOpen(id));
        if (open.length === 0) continue;
        const id = open[o.pick % open.length]!;
        if (o.kind === 'cancel') ex.cancelOrder(id);
        else if (o.kind === 'decrease') ex.decreaseOrder(id, o.n);
        else ex.amendOrder(id, { price: snap(o.price, true), count: ex.filled(id) + o.n });
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
}

describe('Exchange invariants under random V2 order flow (fast-check)', () => {
  it.each([
    ['no fees', NO_FEES],
    ['taker fees', KALSHI_FEES],
    ['taker and maker fees', KALSHI_FEES_WITH_MAKER],
  ])('conserves cash and contracts, never goes negative, and rejections change nothing (%s)', (_n, fees) => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 4, maxLength: 4 }),
        fc.array(ops(99), { maxLength: 150 }),
        fc.constantFrom('yes' as const, 'no' as const),
        (cash, flow, outcome) => run(undefined, fees, cash, flow, outcome),
      ),
      { numRuns: 150, seed: 7 },
    );
  });

  it('holds on the tapered sub-penny grid too (0.1¢ ticks at the tails, 1¢ in the middle)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 4, maxLength: 4 }),
        fc.array(ops(999), { maxLength: 120 }),
        fc.constantFrom('yes' as const, 'no' as const),
        (cash, flow, outcome) => run(TAPERED_DECI_CENT_GRID, KALSHI_FEES_WITH_MAKER, cash, flow, outcome),
      ),
      { numRuns: 100, seed: 11 },
    );
  });
});

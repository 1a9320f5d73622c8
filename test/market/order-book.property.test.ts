import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUY, OrderBook, SELL, type StpCode, type TimeInForceCode } from '../../src/market/index.js';
import { ReferenceBook, type RefFill } from './reference-book.js';

type Cmd =
  | { kind: 'submit'; owner: number; side: 0 | 1; price: number; qty: number; tif: number; stp: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'decrease'; pick: number; by: number }
  | { kind: 'amend'; pick: number; price: number; qty: number };

const price = fc.integer({ min: 40, max: 60 }); // a narrow band so orders cross often
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      owner: fc.integer({ min: 0, max: 3 }),
      side: fc.constantFrom(0 as const, 1 as const),
      price,
      qty: fc.integer({ min: 1, max: 20 }),
      tif: fc.constantFrom(0, 0, 0, 1, 2),
      stp: fc.constantFrom(1, 2),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decrease' as const), pick: fc.nat(), by: fc.integer({ min: 1, max: 25 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('amend' as const), pick: fc.nat(), price, qty: fc.integer({ min: 1, max: 20 }) }) },
);

function bookFills(b: OrderBook): RefFill[] {
  return b.events
    .toArray()
    .flatMap((e) => (e.type === 'fill' ? [{ maker: e.makerOrderId, taker: e.takerOrderId, price: e.price, qty: e.qty }] : []));
}

describe('OrderBook matches a naive reference book on random command streams', () => {
  it('same fills, same resting orders in the same priority, same best prices', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 120 }), (cmds) => {
        const book = new OrderBook();
        const ref = new ReferenceBook();
        const stpOf = new Map<number, number>();
        for (const c of cmds) {
          const live = ref.orders.map((o) => o.id);
          if (c.kind === 'submit') {
            const id = book.submit(c.owner, c.side, c.price, c.qty, c.tif as TimeInForceCode, c.stp as StpCode);
            stpOf.set(id, c.stp);
            expect(bookFills(book)).toEqual(ref.submit(id, c.owner, c.side, c.price, c.qty, c.tif, c.stp));
          } else if (live.length > 0) {
            const id = live[c.pick % live.length]!;
            if (c.kind === 'cancel') {
              book.cancel(id);
              ref.cancel(id);
            } else if (c.kind === 'decrease') {
              book.decrease(id, c.by);
              ref.decrease(id, c.by);
            } else {
              book.amend(id, c.price, c.qty);
              expect(bookFills(book)).toEqual(ref.amend(id, c.price, c.qty, stpOf.get(id)!));
            }
          }
          const restingBuys = book.orders(BUY).map((o) => [o.orderId, o.price, o.qty]);
          const restingSells = book.orders(SELL).map((o) => [o.orderId, o.price, o.qty]);
          expect(restingBuys).toEqual(ref.resting(0));
          expect(restingSells).toEqual(ref.resting(1));
          expect(book.restingOrders).toBe(ref.orders.length);
          expect(book.bestBid()).toBe(ref.resting(0)[0]?.[1] ?? 0);
          expect(book.bestAsk()).toBe(ref.resting(1)[0]?.[1] ?? 100);
          expect(book.sideQty(BUY)).toBe(ref.resting(0).reduce((s, o) => s + o[2], 0));
          // never a crossed book
          if (book.hasBid() && book.hasAsk()) expect(book.bestBid()).toBeLessThan(book.bestAsk());
        }
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });
});

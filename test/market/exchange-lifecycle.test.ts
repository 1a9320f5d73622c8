import { describe, expect, it } from 'vitest';
import { InvariantError } from '../../src/core/errors.js';
import { Account, auditAccounts } from '../../src/market/account.js';
import {
  CENT_GRID,
  DECI_CENT_GRID,
  Exchange,
  KALSHI_FEES,
  NO_FEES,
  type ExchangeCancel,
  type ExchangeFill,
} from '../../src/market/index.js';
import { order } from './order-request.js';

// Order states as Kalshi's V2 responses report them (KALSHI_API.md §4: status resting | canceled | executed; amend
// takes count = filled + desired remaining), listeners, and what closing and settling a market leave behind.

function market(fees = NO_FEES, options: ConstructorParameters<typeof Exchange>[0] = {}) {
  const ex = new Exchange(options);
  ex.listMarket({ ticker: 'M', fees });
  const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((name) => ex.openAccount(name, 10_000)) as [number, number, number];
  return { ex, alice, bob, carol };
}

describe('Exchange: defaults', () => {
  it('a market defaults to the cent grid, Kalshi fees and its ticker as title; an account to the next name and no cash', () => {
    const ex = new Exchange();
    const m = ex.listMarket({ ticker: 'X' });
    expect([m.grid, m.fees, m.title, m.status, m.index]).toEqual([CENT_GRID, KALSHI_FEES, 'X', 'open', 0]);
    const t = ex.listMarket({ ticker: 'Y', title: 'Will Y win?', grid: DECI_CENT_GRID, fees: NO_FEES });
    expect([t.grid, t.fees, t.title, t.index]).toEqual([DECI_CENT_GRID, NO_FEES, 'Will Y win?', 1]);
    ex.openAccount('first', 5);
    const second = ex.openAccount();
    expect(ex.account(second)).toMatchObject({ name: 'account-1', cash: 0 });
    expect(ex.accountCount).toBe(2);
  });
});

describe('Exchange: order states in the acknowledgement', () => {
  it('resting with nothing filled: no average price, no fees, no cancel reason', () => {
    const { ex, alice } = market(KALSHI_FEES);
    expect(ex.submitOrder(alice, order('bid', 40, 3))).toEqual({
      orderId: expect.any(Number),
      clientOrderId: undefined,
      ticker: 'M',
      side: 'bid',
      price: 40,
      status: 'resting',
      count: 3,
      fillCount: 0,
      remainingCount: 3,
      canceledCount: 0,
      cancelReason: undefined,
      averageFillPrice: undefined,
      fees: 0,
    });
  });

  it('executed in full at two prices: average (2 × 40 + 1 × 41) / 3; canceled when an IOC finds nothing', () => {
    const { ex, alice, bob } = market(KALSHI_FEES);
    ex.submitOrder(alice, order('ask', 40, 2));
    ex.submitOrder(alice, order('ask', 41, 1));
    const taken = ex.submitOrder(bob, order('bid', 41, 3, { timeInForce: 'ioc' }));
    // taker fee of the whole order: 0.07 × (2 × 0.4 × 0.6 + 1 × 0.41 × 0.59) = 0.050533 → 6¢
    expect(taken).toMatchObject({ status: 'executed', fillCount: 3, remainingCount: 0, canceledCount: 0, fees: 6 });
    expect(taken.averageFillPrice).toBeCloseTo(121 / 3, 12);
    expect(taken.cancelReason).toBeUndefined();
    const missed = ex.submitOrder(bob, order('bid', 30, 4, { timeInForce: 'ioc' }));
    expect(missed).toMatchObject({ status: 'canceled', count: 0, fillCount: 0, canceledCount: 4, cancelReason: 'ioc_remainder', fees: 0 });
    expect(missed.averageFillPrice).toBeUndefined();
    expect(ex.isOpen(missed.orderId)).toBe(false);
  });

  it('the first order of an exchange is found by its id, and stays found while others fill and leave', () => {
    const { ex, alice, bob } = market();
    const first = ex.submitOrder(alice, order('bid', 30, 5)).orderId;
    expect([ex.isOpen(first), ex.restingPrice(first), ex.remaining(first), ex.filled(first)]).toEqual([true, 30, 5, 0]);
    const next = ex.submitOrder(bob, order('ask', 60, 1)).orderId;
    expect(ex.isOpen(next)).toBe(true);
    ex.submitOrder(alice, order('bid', 60, 1)); // fills and retires `next`
    expect([ex.isOpen(next), ex.restingPrice(next), ex.remaining(next), ex.filled(next)]).toEqual([false, 0, 0, 0]);
    expect(ex.isOpen(first)).toBe(true);
    ex.submitOrder(bob, order('ask', 30, 2));
    expect([ex.remaining(first), ex.filled(first)]).toEqual([3, 2]);
  });

  it('decreasing by all that remains cancels the order and frees its collateral', () => {
    const { ex, alice } = market();
    const a = ex.submitOrder(alice, order('bid', 40, 5)).orderId;
    const b = ex.submitOrder(alice, order('bid', 30, 5)).orderId;
    expect(ex.decreaseOrder(a, 2)).toBe(3);
    expect(ex.decreaseOrder(a, 3)).toBe(0);
    expect(ex.isOpen(a)).toBe(false);
    expect(ex.decreaseOrder(b, 9)).toBe(0);
    expect(ex.isOpen(b)).toBe(false);
    expect(ex.account(alice)).toMatchObject({ cash: 10_000, reserved: 0 });
  });
});

describe('Exchange: amend at the same price keeps the queue', () => {
  it('the same count is a no-op and a smaller count a decrease: both keep priority over a later bid', () => {
    const { ex, alice, bob, carol } = market(KALSHI_FEES);
    const first = ex.submitOrder(alice, order('bid', 40, 5)).orderId;
    ex.submitOrder(bob, order('bid', 40, 5));
    ex.submitOrder(carol, order('ask', 40, 1, { timeInForce: 'ioc' })); // alice fills 1 (carol pays a taker fee)
    const same = ex.amendOrder(first, { price: 40, count: 5 });
    // nothing traded in this call: no average price, no fee, nothing canceled
    expect(same).toMatchObject({ status: 'resting', count: 5, fillCount: 1, remainingCount: 4, canceledCount: 0, fees: 0 });
    expect(same.averageFillPrice).toBeUndefined();
    expect(same.cancelReason).toBeUndefined();
    expect(ex.amendOrder(first, { price: 40, count: 4 })).toMatchObject({ remainingCount: 3, fees: 0 });
    ex.submitOrder(carol, order('ask', 40, 1, { timeInForce: 'ioc' }));
    expect(ex.filled(first)).toBe(2); // still first in the queue
    expect(ex.openOrders(bob)[0]).toMatchObject({ fillCount: 0, remainingCount: 5 });
  });
});

describe('Exchange: listeners', () => {
  it('a listener may implement one callback; unsubscribing twice removes only that listener', () => {
    const { ex, alice, bob } = market();
    const fills: ExchangeFill[] = [];
    const cancels: ExchangeCancel[] = [];
    const gone: unknown[] = [];
    const stop = ex.listen({ onFill: (f) => gone.push(f), onCancel: (c) => gone.push(c) });
    ex.listen({ onFill: (f) => fills.push(f) });
    ex.listen({ onCancel: (c) => cancels.push(c) });
    stop();
    stop();
    const resting = ex.submitOrder(alice, order('bid', 50, 4, { clientOrderId: 'a' })).orderId;
    ex.submitOrder(bob, order('ask', 50, 1));
    ex.decreaseOrder(resting, 1);
    ex.amendOrder(resting, { price: 50, count: 2 }); // count = 1 filled + 1 resting: a decrease by 1
    ex.cancelOrder(resting);
    expect(gone).toEqual([]);
    expect(fills.map((f) => [f.accountId, f.count, f.isTaker])).toEqual([
      [alice, 1, false],
      [bob, 1, true],
    ]);
    expect(cancels).toEqual([
      expect.objectContaining({ orderId: resting, clientOrderId: 'a', ticker: 'M', count: 1, remaining: 2, reason: 'decreased' }),
      expect.objectContaining({ orderId: resting, count: 1, remaining: 1, reason: 'decreased' }),
      expect.objectContaining({ orderId: resting, count: 1, remaining: 0, reason: 'user' }),
    ]);
  });
});

describe('Exchange: closing, settling and the books left behind', () => {
  it('pays what each holder’s contracts are worth, losers included', () => {
    const { ex, alice, bob, carol } = market();
    ex.submitOrder(alice, order('bid', 60, 2));
    ex.submitOrder(bob, order('ask', 60, 2));
    ex.submitOrder(carol, order('bid', 20, 5)); // rests, canceled at close
    ex.submitOrder(carol, order('bid', 61, 1));
    ex.submitOrder(alice, order('ask', 61, 1, { timeInForce: 'ioc' })); // alice sells 1 of her 2
    // signed contracts held (+ YES, − NO); none in a market the account never traded
    const held = (id: number, m: number) => ex.accountRef(id).qty(m);
    expect([held(alice, 0), held(bob, 0), held(carol, 0), held(carol, 1)]).toEqual([1, -2, 1, 0]);
    const paid = ex.settle('M', 'yes');
    expect([...paid.entries()].sort()).toEqual([
      [alice, 100],
      [bob, 0],
      [carol, 100],
    ]);
  });

  it('a flat account is not paid; closing a settled market leaves it settled', () => {
    const { ex, alice, bob, carol } = market();
    ex.submitOrder(alice, order('bid', 60, 2));
    ex.submitOrder(bob, order('ask', 60, 2, { timeInForce: 'ioc' }));
    ex.submitOrder(carol, order('bid', 62, 2));
    ex.submitOrder(alice, order('ask', 62, 2, { timeInForce: 'ioc' })); // alice is flat again, +4¢
    ex.submitOrder(carol, order('bid', 10, 3)); // rests until the close
    const paid = ex.settle('M', 'no');
    expect(paid.has(alice)).toBe(false);
    expect(paid.get(bob)).toBe(200);
    expect(paid.get(carol)).toBe(0);
    expect(ex.account(alice)).toMatchObject({ cash: 10_004, reserved: 0 });
    ex.closeMarket('M');
    expect(ex.market('M').status).toBe('settled');
    expect(ex.market('M').settlementValue).toBe(0);
  });

  it('settled markets of one grid share one empty book; with recycleBooks the next market reuses the emptied one', () => {
    const plain = market();
    plain.ex.listMarket({ ticker: 'N' });
    const oldBook = plain.ex.market('M').book;
    const nBook = plain.ex.market('N').book;
    plain.ex.settle('M', 'yes');
    plain.ex.settle('N', 'no');
    expect(plain.ex.market('M').book).toBe(plain.ex.market('N').book);
    expect(plain.ex.market('M').book.restingOrders).toBe(0);
    const fresh = plain.ex.listMarket({ ticker: 'P' }).book;
    expect(fresh).not.toBe(oldBook);
    expect(fresh).not.toBe(nBook);

    const recycling = market(NO_FEES, { recycleBooks: true });
    const { ex, alice } = recycling;
    ex.submitOrder(alice, order('bid', 40, 3));
    const emptied = ex.market('M').book;
    ex.settle('M', 'yes');
    const next = ex.listMarket({ ticker: 'Q' });
    expect(next.book).toBe(emptied);
    expect(next.book.restingOrders).toBe(0);
    ex.submitOrder(alice, order('bid', 40, 3, { ticker: 'Q' }));
    expect(ex.depth('Q').yes).toEqual([{ price: 40, qty: 3, orders: 1 }]);
    // two more settle; the next two markets get both their books, and a third a new one
    ex.listMarket({ ticker: 'R' });
    const books = [ex.market('Q').book, ex.market('R').book];
    ex.settle('Q', 'no');
    ex.settle('R', 'no');
    const reused = [ex.listMarket({ ticker: 'S' }).book, ex.listMarket({ ticker: 'T' }).book];
    // the same book objects (toContain compares by identity), in either order
    expect(reused).toContain(books[0]);
    expect(reused).toContain(books[1]);
    const third = ex.listMarket({ ticker: 'U' }).book;
    expect(books).not.toContain(third);
    expect(third.restingOrders).toBe(0);
  });

  it('records trades on the tape by default, with the market ticker; recordTape: false records none', () => {
    for (const recordTape of [undefined, true, false]) {
      const { ex, alice, bob } = market(NO_FEES, recordTape === undefined ? {} : { recordTape });
      ex.submitOrder(alice, order('bid', 55, 2));
      ex.submitOrder(bob, order('ask', 55, 2));
      if (recordTape === false) expect(ex.tape.length).toBe(0);
      else
        expect(ex.tape.get(0)).toMatchObject({ market: 'M', price: 55, qty: 2, takerSide: 'ask', makerAccount: alice, takerAccount: bob });
    }
  });
});

describe('the conservation audit can fail', () => {
  // every trade creates one YES and one NO contract, so held YES equals held NO; fed accounts that break this, the
  // audit must show it rather than assume it
  it('counts YES and NO held separately, per market', () => {
    const a = new Account(0, 'a', 0);
    const b = new Account(1, 'b', 0);
    a.position(0, 100).qty = 3;
    b.position(0, 100).qty = -1;
    b.position(1, 100).qty = -2;
    const markets = [
      { index: 0, grid: { unitsPerContract: 100 } },
      { index: 1, grid: { unitsPerContract: 100 } },
    ];
    expect(auditAccounts([a, b], markets, 0)).toMatchObject({ yesHeld: [3, 0], noHeld: [1, 2], openPairValue: 300 });
  });
});

describe('Ledger: the end-of-batch check can fail', () => {
  // the live account is read-only for users; writing it here is the only way to feed the check evidence that must fail
  it('an account pushed below zero cash or reserve is reported when its next batch ends', () => {
    const { ex, alice } = market();
    const id = ex.submitOrder(alice, order('bid', 40, 10)).orderId;
    ex.accountRef(alice).cash = -1_000;
    expect(() => ex.cancelOrder(id)).toThrowError(InvariantError);
    const other = market();
    const id2 = other.ex.submitOrder(other.alice, order('bid', 40, 10)).orderId;
    other.ex.accountRef(other.alice).reserved = 100;
    expect(() => other.ex.cancelOrder(id2)).toThrowError(
      expect.objectContaining({
        message: `account ${other.alice} ended a batch with cash 10000 and reserved -300`,
        details: { accountId: other.alice },
      }),
    );
  });

  // an order put on the book behind the exchange's back has no reservation: the ledger must refuse to book it
  it('a fill or a cancel of an order the exchange does not track is an invariant error', () => {
    const { ex, alice, bob } = market();
    const hidden = ex.market('M').book.submit(alice, 1, 60, 2, 0, 1, false); // an ask of 2 at 60, good till canceled
    expect(() => ex.submitOrder(bob, order('bid', 60, 1))).toThrow(`fill for order ${hidden} that the exchange is not tracking`);
    const other = market();
    const hidden2 = other.ex.market('M').book.submit(other.alice, 0, 40, 1, 0, 1, false);
    expect(() => other.ex.closeMarket('M')).toThrow(`cancel for order ${hidden2} that the exchange is not tracking`);
  });
});

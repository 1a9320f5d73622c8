import { describe, expect, it } from 'vitest';
import { Exchange, KALSHI_FEES, KALSHI_FEES_WITH_MAKER, NO_FEES } from '../../src/market/index.js';
import { order } from './order-request.js';

// Every refusal carries a stable code, a message that names the field and the fix, and details a program can read
// (src/core/errors.ts). Funds checks follow the ledger's rule: collateral (p per YES bought, 100 − p per YES sold
// short) plus the worst-case fee of KALSHI_API.md §7, roundUp(rate × C × P × (1 − P)) at the price nearest 50¢ the
// order can reach, plus 1¢ when both taker and maker fees apply (two parts rounded up separately).

function market(fees = NO_FEES, cash = 10_000) {
  const ex = new Exchange();
  ex.listMarket({ ticker: 'M', fees });
  const alice = ex.openAccount('alice', cash);
  const bob = ex.openAccount('bob', cash);
  return { ex, alice, bob };
}

describe('Exchange: bad input is refused with its code, a message naming the field, and details', () => {
  it('markets: an empty ticker, a duplicate, an unknown ticker or index', () => {
    const { ex } = market();
    expect(() => ex.listMarket({ ticker: '' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_TICKER', message: 'listMarket: ticker must be a non-empty string' }),
    );
    expect(() => ex.listMarket({ ticker: 7 as never })).toThrowError(expect.objectContaining({ code: 'INVALID_TICKER' }));
    expect(() => ex.listMarket({ ticker: 'M' })).toThrowError(
      expect.objectContaining({
        code: 'DUPLICATE_MARKET',
        message: 'listMarket: market M is already listed; choose another ticker',
        details: { ticker: 'M' },
      }),
    );
    expect(() => ex.market('X')).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_MARKET', message: 'unknown market "X"; listed: M', details: { ticker: 'X' } }),
    );
    expect(() => ex.marketAt(1)).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_MARKET', message: 'unknown market index 1', details: { index: 1 } }),
    );
    expect(ex.findMarket('M')?.ticker).toBe('M');
    expect(ex.findMarket('X')).toBeUndefined();
  });

  it('an empty ticker is an unknown market, never a crash (it used to return undefined from a lookup cache)', () => {
    const { ex, alice } = market();
    expect(() => ex.market('')).toThrowError(expect.objectContaining({ code: 'UNKNOWN_MARKET' }));
    expect(() => ex.submitOrder(alice, order('bid', 50, 1, { ticker: '' }))).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_MARKET' }),
    );
  });

  it('the unknown-market message lists at most 20 tickers', () => {
    const ex = new Exchange();
    for (let i = 0; i < 25; i++) ex.listMarket({ ticker: `T${i}` });
    const listed = Array.from({ length: 20 }, (_, i) => `T${i}`).join(', ');
    expect(() => ex.market('X')).toThrowError(expect.objectContaining({ message: `unknown market "X"; listed: ${listed}` }));
    expect(() => new Exchange().market('X')).toThrow('unknown market "X"; listed: none');
  });

  it('accounts: negative or non-finite opening cash, a deposit that is not positive, unknown ids', () => {
    const { ex, alice } = market();
    for (const cash of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => ex.openAccount('x', cash)).toThrowError(
        expect.objectContaining({
          code: 'INVALID_AMOUNT',
          message: `openAccount: cash must be a non-negative number of money units, got ${cash}`,
          details: { cash },
        }),
      );
    expect(ex.account(ex.openAccount('empty', 0)).cash).toBe(0);
    for (const amount of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => ex.deposit(alice, amount)).toThrowError(
        expect.objectContaining({
          code: 'INVALID_AMOUNT',
          message: `deposit: amount must be a positive number of money units, got ${amount}`,
          details: { amount },
        }),
      );
    ex.deposit(alice, 1);
    expect(ex.account(alice).cash).toBe(10_001);
    expect(() => ex.deposit(7, 100)).toThrowError(
      expect.objectContaining({
        code: 'UNKNOWN_ACCOUNT',
        message: 'unknown account 7; open one with exchange.openAccount()',
        details: { accountId: 7 },
      }),
    );
    expect(() => ex.cancelOrder(99)).toThrowError(
      expect.objectContaining({
        code: 'UNKNOWN_ORDER',
        message: 'order 99 is not resting (unknown, filled or canceled)',
        details: { orderId: 99 },
      }),
    );
  });

  it('a price off the grid is INVALID_PRICE even from an account that could not pay for it', () => {
    const { ex } = market();
    const poor = ex.openAccount('poor', 0);
    expect(() => ex.submitOrder(poor, order('bid', 150, 10))).toThrowError(
      expect.objectContaining({ code: 'INVALID_PRICE', message: 'price must be an integer tick in 1..99, got 150' }),
    );
    expect(() => ex.submitOrder(poor, order('bid', 50, 0))).toThrowError(
      expect.objectContaining({ code: 'INVALID_QUANTITY', message: 'count must be a positive whole number of contracts, got 0' }),
    );
  });

  it('a NO price is named as written and as the YES price it became; a YES outcome price as written', () => {
    const { ex, alice } = market();
    const outcome = (o: 'yes' | 'no', price: number) => ({
      ticker: 'M',
      outcome: o,
      action: 'buy' as const,
      price,
      count: 1,
      timeInForce: 'gtc' as const,
    });
    expect(() => ex.submitOrder(alice, outcome('no', 0))).toThrowError(
      expect.objectContaining({ code: 'INVALID_PRICE', message: 'price (NO 0 = YES 100) must be an integer tick in 1..99, got 100' }),
    );
    expect(() => ex.submitOrder(alice, outcome('yes', 0))).toThrow('price must be an integer tick in 1..99, got 0');
    expect(() => ex.submitOrder(alice, order('ask', 100, 1))).toThrow('price must be an integer tick in 1..99, got 100');
    expect(ex.account(alice)).toMatchObject({ cash: 10_000, reserved: 0 });
  });

  it('sides, outcomes, actions, time in force, self-trade prevention and client order ids are named with what was sent', () => {
    const { ex, alice } = market();
    const outcome = { ticker: 'M', outcome: 'yes', action: 'buy', price: 50, count: 1, timeInForce: 'gtc' };
    const refuse = (req: object, code: string, message: string) =>
      expect(() => ex.submitOrder(alice, req as never)).toThrowError(expect.objectContaining({ code, message }));
    refuse({ ...outcome, outcome: 'maybe' }, 'INVALID_SIDE', 'outcome must be "yes" or "no", got "maybe"');
    refuse({ ...outcome, action: 'hold' }, 'INVALID_SIDE', 'action must be "buy" or "sell", got "hold"');
    refuse(
      { ...order('bid', 50, 1), side: 'buy' },
      'INVALID_SIDE',
      'side must be "bid" (buy YES) or "ask" (sell YES), got "buy"; for YES/NO + buy/sell use an outcome order',
    );
    refuse(
      { ...order('bid', 50, 1), timeInForce: undefined },
      'INVALID_ORDER_TYPE',
      'timeInForce is required: "gtc" (good till canceled), "ioc" (immediate or cancel) or "fok" (fill or kill), got undefined',
    );
    refuse(
      order('bid', 50, 1, { selfTradePrevention: 'none' as never }),
      'INVALID_ORDER_TYPE',
      'selfTradePrevention must be "taker_at_cross" or "maker", got "none"',
    );
    const tooLong = 'x'.repeat(129);
    for (const id of [tooLong, 5])
      refuse(
        order('bid', 50, 1, { clientOrderId: id as never }),
        'INVALID_ORDER_TYPE',
        `clientOrderId must be a non-empty string of at most 128 characters, got ${JSON.stringify(id)}`,
      );
    expect(ex.submitOrder(alice, order('bid', 50, 1, { clientOrderId: 'x'.repeat(128) })).clientOrderId).toHaveLength(128);
    expect(ex.account(alice)).toMatchObject({ cash: 10_000 - 50, reserved: 50 });
  });

  it('a duplicate client order id names the order that used it', () => {
    const { ex, alice } = market();
    const first = ex.submitOrder(alice, order('bid', 40, 1, { clientOrderId: 'c1' }));
    expect(() => ex.submitOrder(alice, order('bid', 41, 1, { clientOrderId: 'c1' }))).toThrowError(
      expect.objectContaining({
        code: 'DUPLICATE_CLIENT_ORDER_ID',
        message: `account ${alice} already used clientOrderId "c1" (order ${first.orderId}); use a new id for each order`,
        details: { clientOrderId: 'c1' },
      }),
    );
  });

  it('a closed market accepts no orders; settling twice is refused', () => {
    const { ex, alice } = market();
    ex.closeMarket('M');
    expect(() => ex.submitOrder(alice, order('bid', 50, 1))).toThrowError(
      expect.objectContaining({ code: 'MARKET_CLOSED', message: 'market M is closed; it accepts no orders', details: { ticker: 'M' } }),
    );
    ex.settle('M', 'no');
    expect(() => ex.settle('M', 'no')).toThrowError(
      expect.objectContaining({ code: 'MARKET_CLOSED', message: 'market M is already settled' }),
    );
    expect(() => ex.submitOrder(alice, order('bid', 50, 1))).toThrow('market M is settled; it accepts no orders');
  });

  it('decrease and amend name their fields', () => {
    const { ex, alice } = market();
    const { orderId } = ex.submitOrder(alice, order('bid', 40, 5));
    expect(() => ex.decreaseOrder(orderId, 0)).toThrow('reduceBy must be a positive whole number of contracts, got 0');
    expect(() => ex.amendOrder(orderId, { price: 0, count: 5 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_PRICE', message: 'price must be an integer tick in 1..99, got 0' }),
    );
    expect(() => ex.amendOrder(orderId, { price: 40, count: 1.5 })).toThrow('count must be a positive whole number of contracts, got 1.5');
  });

  it('an amend whose count does not exceed what already filled is refused with both numbers', () => {
    const { ex, alice, bob } = market();
    const { orderId } = ex.submitOrder(alice, order('bid', 40, 5));
    ex.submitOrder(bob, order('ask', 40, 2));
    expect(() => ex.amendOrder(orderId, { price: 40, count: 2 })).toThrowError(
      expect.objectContaining({
        code: 'INVALID_QUANTITY',
        message: `count 2 must exceed the 2 contracts order ${orderId} has already filled (count = filled + desired remaining); cancel the order to stop it`,
        details: { count: 2, filled: 2 },
      }),
    );
  });
});

describe('Exchange: an order is accepted exactly when free cash covers collateral and worst-case fees', () => {
  // 10 contracts bid at 50¢: collateral 500¢. Taker fee 0.07 × 10 × 0.25 = 0.175 → 18¢; maker 0.0175 × 10 × 0.25 =
  // 0.04375 → 5¢ (KALSHI_API.md §7 example a).
  it('no fees: 500¢ buys 10 at 50¢, 499¢ does not', () => {
    const { ex } = market(NO_FEES, 0);
    const exact = ex.openAccount('exact', 500);
    expect(ex.submitOrder(exact, order('bid', 50, 10)).status).toBe('resting');
    const short = ex.openAccount('short', 499);
    expect(() => ex.submitOrder(short, order('bid', 50, 10))).toThrowError(
      expect.objectContaining({
        code: 'INSUFFICIENT_FUNDS',
        message: `account ${short} (short) needs 500 money units for this order (collateral and worst-case fees) but has 499 free`,
        details: { need: 500, available: 499, accountId: short },
      }),
    );
  });

  it('taker fees only: 500 + 18 = 518¢', () => {
    const { ex } = market(KALSHI_FEES, 0);
    expect(ex.submitOrder(ex.openAccount('a', 518), order('bid', 50, 10)).status).toBe('resting');
    expect(() => ex.submitOrder(ex.openAccount('b', 517), order('bid', 50, 10))).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ need: 518 }) }),
    );
  });

  it('maker fees only: 500 + 5 = 505¢', () => {
    const { ex } = market({ takerRate: 0, makerRate: 0.0175 }, 0);
    expect(ex.submitOrder(ex.openAccount('a', 505), order('bid', 50, 10)).status).toBe('resting');
    expect(() => ex.submitOrder(ex.openAccount('b', 504), order('bid', 50, 10))).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ need: 505 }) }),
    );
  });

  it('taker and maker fees: the larger (18¢) plus 1¢ for two roundings = 519¢', () => {
    const { ex } = market(KALSHI_FEES_WITH_MAKER, 0);
    expect(ex.submitOrder(ex.openAccount('a', 519), order('bid', 50, 10)).status).toBe('resting');
    expect(() => ex.submitOrder(ex.openAccount('b', 518), order('bid', 50, 10))).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ need: 519 }) }),
    );
  });

  it('a buy limited at 20¢ can only trade at 20¢ or less: 200 + roundUp(0.07 × 10 × 0.2 × 0.8 = 0.112) = 212¢', () => {
    const { ex } = market(KALSHI_FEES, 0);
    expect(ex.submitOrder(ex.openAccount('a', 212), order('bid', 20, 10)).status).toBe('resting');
    expect(() => ex.submitOrder(ex.openAccount('b', 211), order('bid', 20, 10))).toThrowError(
      expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }),
    );
  });

  it('an amend that may trade reserves the taker and the maker fee of its new remainder, each rounded up', () => {
    // a bid of 10 at 40¢ rests: 400¢ collateral + its maker headroom roundUp(0.0175 × 10 × 0.4 × 0.6 = 0.042) = 5¢.
    // Amended to 45¢ it may take or make: collateral +50¢, taker roundUp(0.07 × 10 × 0.45 × 0.55 = 0.17325) = 18¢,
    // maker roundUp(0.0175 × 10 × 0.2475 = 0.0433125) = 5¢, less the 5¢ already held: 50 + 18 + 5 − 5 = 68¢ more
    const { ex } = market(KALSHI_FEES_WITH_MAKER, 0);
    const a = ex.openAccount('a', 405 + 67);
    const { orderId } = ex.submitOrder(a, order('bid', 40, 10));
    expect(ex.account(a)).toMatchObject({ cash: 67, reserved: 405 });
    expect(() => ex.amendOrder(orderId, { price: 45, count: 10 })).toThrowError(
      expect.objectContaining({ code: 'INSUFFICIENT_FUNDS', details: { need: 68, available: 67 } }),
    );
    ex.deposit(a, 1);
    expect(ex.amendOrder(orderId, { price: 45, count: 10 })).toMatchObject({ status: 'resting', price: 45, fees: 0 });
    // resting again, it keeps only the maker headroom: 450 + 5
    expect(ex.account(a)).toMatchObject({ cash: 473 - 455, reserved: 455 });
  });

  it('an amend that needs more than the free cash is refused and changes nothing; exactly enough is accepted', () => {
    // no fees: a bid of 10 at 40¢ locks 400¢; amending it to 10 at 45¢ needs 50¢ more
    const { ex } = market(NO_FEES, 0);
    const a = ex.openAccount('a', 449);
    const { orderId } = ex.submitOrder(a, order('bid', 40, 10));
    expect(() => ex.amendOrder(orderId, { price: 45, count: 10 })).toThrowError(
      expect.objectContaining({
        code: 'INSUFFICIENT_FUNDS',
        message: `amending order ${orderId} needs 50 more money units, account ${a} has 49 free`,
        details: { need: 50, available: 49 },
      }),
    );
    expect(ex.openOrder(orderId)).toMatchObject({ price: 40, remainingCount: 10 });
    expect(ex.account(a)).toMatchObject({ cash: 49, reserved: 400 });
    ex.deposit(a, 1);
    expect(ex.amendOrder(orderId, { price: 45, count: 10 })).toMatchObject({ status: 'resting', price: 45 });
    expect(ex.account(a)).toMatchObject({ cash: 0, reserved: 450 });
  });
});

import { ManualClock, type Clock } from '../core/clock.js';
import { OrderRejectedError } from '../core/errors.js';
import { accountSnapshot, auditAccounts, type Account, type AccountSnapshot, type LedgerAudit } from './account.js';
import { BUY, CANCEL_MARKET_CLOSED, CANCEL_REASONS, SELL } from './book/constants.js';
import { BookEventBuffer } from './book/events.js';
import { OrderBook } from './book/order-book.js';
import { KALSHI_FEES } from './fees.js';
import { assertPrice, assertQuantity, CENT_GRID, isValidPrice, type TickGrid } from './grid.js';
import { Ledger, type OpenOrder } from './ledger.js';
import type { ExchangeListener } from './reports.js';
import { resolutionValue, type Market, type MarketSpec, type Resolution } from './market.js';
import { feeRates } from './order-fees.js';
import {
  bookOrder,
  bookSideCode,
  clientOrderIdOf,
  isOutcomeOrder,
  stpCode,
  timeInForceCode,
  type AmendRequest,
  type OrderAck,
  type OrderRequest,
  type OutcomeOrderRequest,
} from './orders.js';
import { TradeTape } from './trade-tape.js';

export interface ExchangeOptions {
  readonly clock?: Clock;
  /** Record every trade on `exchange.tape` (default true). */
  readonly recordTape?: boolean;
  /**
   * Give the emptied book of a settled market to the next market listed (default false). For long
   * backtests that list thousands of markets; a reference kept to a settled market's old book would then
   * see the new market's orders.
   */
  readonly recycleBooks?: boolean;
}

/** A resting order as plain data. */
export interface RestingOrderView {
  readonly orderId: number;
  readonly clientOrderId: string | undefined;
  readonly accountId: number;
  readonly ticker: string;
  readonly side: 'bid' | 'ask';
  /** YES limit price in ticks. */
  readonly price: number;
  /** Kalshi's count: filled + remaining. */
  readonly count: number;
  readonly fillCount: number;
  readonly remainingCount: number;
}

/**
 * Books, accounts, fees and settlement for any number of binary markets, spoken in Kalshi's V2 order
 * vocabulary: bids and asks on the YES book with a required time in force (see `orders.ts`).
 *
 * A thin front: it validates requests, keeps client order ids unique per account, and drives each
 * market's {@link OrderBook}; every movement of money happens in the {@link Ledger} (reservations,
 * rollbacks, fills, fees, releases, settlement). Cash + reserved + contract value + fees collected is
 * conserved, YES held always equals NO held, and no account's free cash goes below zero.
 */
export class Exchange {
  readonly clock: Clock;
  readonly tape: TradeTape;
  private readonly marketList: Market[] = [];
  private readonly byTicker = new Map<string, number>();
  private readonly ledger: Ledger;
  private readonly accountList: Account[];
  private readonly open: Map<number, OpenOrder>;
  private readonly clientIds = new Map<number, Map<string, number>>();
  /** One id sequence for every book: order ids are unique across the exchange's markets. */
  private readonly orderIds = { last: 0 };
  /** One event buffer for every book: each call's events are applied before the next call. */
  private readonly bookEvents = new BookEventBuffer();
  private readonly settledBooks = new Map<TickGrid, OrderBook>();
  private readonly spareBooks = new Map<TickGrid, OrderBook[]>();
  private readonly recycleBooks: boolean;

  constructor(options: ExchangeOptions = {}) {
    this.clock = options.clock ?? new ManualClock(0);
    this.tape = new TradeTape((i) => this.marketList[i]!.ticker);
    this.ledger = new Ledger(this.marketList, this.clock, (options.recordTape ?? true) ? this.tape : undefined);
    this.accountList = this.ledger.accounts;
    this.open = this.ledger.open;
    this.recycleBooks = options.recycleBooks ?? false;
  }

  /** Fees collected by the exchange, in money units. */
  get feesCollected(): number {
    return this.ledger.feesCollected;
  }

  /** Be told of every fill and cancel (both sides of each trade). Returns a function that stops it. */
  listen(listener: ExchangeListener): () => void {
    return this.ledger.listen(listener);
  }

  // ---------------------------------------------------------------- setup

  listMarket(spec: MarketSpec): Market {
    if (typeof spec.ticker !== 'string' || spec.ticker.length === 0)
      throw new OrderRejectedError('INVALID_TICKER', 'listMarket: ticker must be a non-empty string');
    if (this.byTicker.has(spec.ticker))
      throw new OrderRejectedError('DUPLICATE_MARKET', `listMarket: market ${spec.ticker} is already listed; choose another ticker`, {
        ticker: spec.ticker,
      });
    const grid = spec.grid ?? CENT_GRID;
    const fees = spec.fees ?? KALSHI_FEES;
    const market: Market = {
      index: this.marketList.length,
      ticker: spec.ticker,
      title: spec.title ?? spec.ticker,
      grid,
      fees,
      book: this.spareBooks.get(grid)?.pop() ?? new OrderBook(grid, spec.bookCapacity, this.orderIds, this.bookEvents),
      status: 'open',
      settlementValue: undefined,
    };
    this.ledger.rates.push(feeRates(fees));
    this.marketList.push(market);
    this.byTicker.set(spec.ticker, market.index);
    return market;
  }

  /** Open an account with `cash` money units (cents on the cent grid). Returns its id. */
  openAccount(name = `account-${this.accountList.length}`, cash = 0): number {
    return this.ledger.openAccount(name, cash).id;
  }

  deposit(accountId: number, amount: number): void {
    this.ledger.deposit(this.requireAccount(accountId), amount);
  }

  market(ticker: string): Market {
    const i = this.byTicker.get(ticker);
    if (i === undefined)
      throw new OrderRejectedError(
        'UNKNOWN_MARKET',
        `unknown market ${JSON.stringify(ticker)}; listed: ${[...this.byTicker.keys()].slice(0, 20).join(', ') || 'none'}`,
        { ticker },
      );
    return this.marketList[i]!;
  }

  /** The market listed under `ticker`, or undefined. */
  findMarket(ticker: string): Market | undefined {
    return this.marketList[this.byTicker.get(ticker) ?? -1];
  }

  marketAt(index: number): Market {
    const m = this.marketList[index];
    if (m === undefined) throw new OrderRejectedError('UNKNOWN_MARKET', `unknown market index ${index}`, { index });
    return m;
  }

  get markets(): readonly Market[] {
    return this.marketList;
  }

  get accountCount(): number {
    return this.accountList.length;
  }

  /** The live account object (mutated by the ledger; read it, do not write it). */
  accountRef(accountId: number): Account {
    return this.requireAccount(accountId);
  }

  // ---------------------------------------------------------------- orders

  /**
   * Place a V2 order (a YES-book bid or ask), or an outcome-side order that is translated into one
   * (buy NO at q = ask YES at units − q). Throws {@link OrderRejectedError}; nothing changes on a rejection.
   */
  submitOrder(accountId: number, request: OrderRequest | OutcomeOrderRequest): OrderAck {
    const acct = this.requireAccount(accountId);
    const market = this.market(request.ticker);
    const order = isOutcomeOrder(request) ? bookOrder(request, market.grid) : request;
    const side = bookSideCode(order.side);
    const tif = timeInForceCode(order.timeInForce);
    const stp = stpCode(order.selfTradePrevention);
    const clientOrderId = clientOrderIdOf(order.clientOrderId);
    if (market.status !== 'open')
      throw new OrderRejectedError('MARKET_CLOSED', `market ${market.ticker} is ${market.status}; it accepts no orders`, {
        ticker: market.ticker,
      });
    // checked before anything is reserved, so a bad price is INVALID_PRICE rather than INSUFFICIENT_FUNDS (the `if` is
    // a fast path: assertPrice repeats the check)
    if (!isValidPrice(market.grid, order.price)) {
      // a NO price is named as written and as the YES price it became
      const no = isOutcomeOrder(request) && request.outcome === 'no';
      assertPrice(market.grid, order.price, no ? `price (NO ${request.price} = YES ${order.price})` : 'price');
    }
    assertQuantity(order.count, 'count');
    let ids: Map<string, number> | undefined;
    if (clientOrderId !== undefined) {
      ids = this.clientIds.get(accountId);
      if (ids === undefined) this.clientIds.set(accountId, (ids = new Map<string, number>()));
      if (ids.has(clientOrderId))
        throw new OrderRejectedError(
          'DUPLICATE_CLIENT_ORDER_ID',
          `account ${accountId} already used clientOrderId ${JSON.stringify(clientOrderId)} (order ${ids.get(clientOrderId)}); use a new id for each order`,
          { clientOrderId },
        );
    }
    const tracked = this.ledger.reserveNew(acct, market, side, order.price, order.count, clientOrderId);
    try {
      tracked.id = market.book.submit(accountId, side, order.price, order.count, tif, stp, order.postOnly === true);
    } catch (e) {
      this.ledger.rollbackNew(tracked);
      throw e;
    }
    if (ids !== undefined) ids.set(clientOrderId!, tracked.id);
    const rests = this.ledger.settleOrderCall(market, tracked);
    return this.ack(market, tracked, rests, market.book.last.canceled, market.book.last.cancelReason);
  }

  /** Cancel a resting order. Returns the contracts removed (Kalshi's `reduced_by`). */
  cancelOrder(orderId: number): number {
    const order = this.requireOrder(orderId);
    const market = this.marketList[order.market]!;
    const removed = market.book.cancel(orderId);
    this.ledger.applyBookEvents(market);
    return removed;
  }

  /** Reduce a resting order by `reduceBy` contracts, keeping its queue position. Returns what remains resting. */
  decreaseOrder(orderId: number, reduceBy: number): number {
    const order = this.requireOrder(orderId);
    assertQuantity(reduceBy, 'reduceBy');
    const market = this.marketList[order.market]!;
    if (reduceBy >= order.remaining) {
      market.book.decrease(orderId, reduceBy);
      this.ledger.applyBookEvents(market);
      return 0;
    }
    market.book.decrease(orderId, reduceBy);
    this.ledger.decrease(order, reduceBy);
    return order.remaining;
  }

  /**
   * Change a resting order's YES price and count, Kalshi's way: `count` is the new total, the contracts
   * already filled plus the desired resting remainder. The same price with a smaller remainder keeps
   * queue priority; anything else goes to the back of the queue and may trade at once.
   */
  amendOrder(orderId: number, change: AmendRequest): OrderAck {
    const order = this.requireOrder(orderId);
    const market = this.marketList[order.market]!;
    const price = change.price;
    assertPrice(market.grid, price, 'price');
    assertQuantity(change.count, 'count');
    const remaining = change.count - order.filled;
    if (remaining <= 0) {
      throw new OrderRejectedError(
        'INVALID_QUANTITY',
        `count ${change.count} must exceed the ${order.filled} contracts order ${orderId} has already filled (count = filled + desired remaining); cancel the order to stop it`,
        { count: change.count, filled: order.filled },
      );
    }
    if (price === order.limit && remaining <= order.remaining) {
      this.ledger.lastFees = 0;
      this.ledger.lastFilled = 0;
      this.ledger.lastNotional = 0;
      if (remaining < order.remaining) this.decreaseOrder(orderId, order.remaining - remaining);
      return this.ack(market, order, true, 0, -1);
    }
    const undo = this.ledger.reserveAmend(order, price, remaining);
    try {
      market.book.amend(orderId, price, remaining);
    } catch (e) {
      this.ledger.rollbackAmend(order, undo);
      throw e;
    }
    const rests = this.ledger.settleOrderCall(market, order);
    return this.ack(market, order, rests, market.book.last.canceled, market.book.last.cancelReason);
  }

  /** True while the order rests on its book. */
  isOpen(orderId: number): boolean {
    return this.ledger.find(orderId) !== undefined;
  }

  /** YES limit price of a resting order (0 if it is not resting). */
  restingPrice(orderId: number): number {
    return this.ledger.find(orderId)?.limit ?? 0;
  }

  /** Remaining contracts of a resting order (0 if it is not resting). */
  remaining(orderId: number): number {
    return this.ledger.find(orderId)?.remaining ?? 0;
  }

  /** Contracts a resting order has filled so far (0 if it is not resting). */
  filled(orderId: number): number {
    return this.ledger.find(orderId)?.filled ?? 0;
  }

  /** A resting order, or undefined when it is not resting. */
  openOrder(orderId: number): RestingOrderView | undefined {
    const o = this.open.get(orderId);
    if (o === undefined) return undefined;
    return {
      orderId: o.id,
      clientOrderId: o.clientOrderId,
      accountId: o.account,
      ticker: this.marketList[o.market]!.ticker,
      side: o.side === BUY ? 'bid' : 'ask',
      price: o.limit,
      count: o.filled + o.remaining,
      fillCount: o.filled,
      remainingCount: o.remaining,
    };
  }

  /** Every resting order of an account, oldest first. */
  openOrders(accountId: number): RestingOrderView[] {
    const out: RestingOrderView[] = [];
    for (const o of this.open.values()) if (o.account === accountId) out.push(this.openOrder(o.id)!);
    return out;
  }

  /** The exchange's order id for an account's client order id, if it was ever used. */
  orderIdForClientId(accountId: number, clientOrderId: string): number | undefined {
    return this.clientIds.get(accountId)?.get(clientOrderId);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Stop trading: cancel every resting order (their collateral is released). */
  closeMarket(ticker: string): void {
    const market = this.market(ticker);
    if (market.status !== 'open') return;
    market.book.cancelAll(CANCEL_MARKET_CLOSED);
    this.ledger.applyBookEvents(market);
    market.status = 'closed';
  }

  /**
   * Resolve and settle a market: close it, then pay `yesValue` per YES contract and `units − yesValue`
   * per NO contract (100/0 on the cent grid for a YES/NO result). Positions are closed.
   * Returns the payout per account id.
   */
  settle(ticker: string, resolution: Resolution): Map<number, number> {
    const market = this.market(ticker);
    if (market.status === 'settled') throw new OrderRejectedError('MARKET_CLOSED', `market ${ticker} is already settled`);
    const value = resolutionValue(market.grid, resolution);
    this.closeMarket(ticker);
    const payouts = this.ledger.settleMarket(market, value);
    market.status = 'settled';
    market.settlementValue = value;
    // a settled market takes no orders: swap its emptied book for a shared one so a long backtest that
    // lists thousands of markets holds memory for the open ones only
    const emptied = market.book;
    market.book = this.settledBook(market);
    // closing canceled every resting order, so the emptied book is ready for the next market
    if (this.recycleBooks) {
      let spare = this.spareBooks.get(market.grid);
      if (spare === undefined) this.spareBooks.set(market.grid, (spare = []));
      spare.push(emptied);
    }
    return payouts;
  }

  private settledBook(market: Market): OrderBook {
    let book = this.settledBooks.get(market.grid);
    if (book === undefined) this.settledBooks.set(market.grid, (book = new OrderBook(market.grid, 16, this.orderIds, this.bookEvents)));
    return book;
  }

  // ---------------------------------------------------------------- views

  /**
   * Depth as Kalshi shows it: YES bids and NO bids, best first. A resting YES ask at p appears as a
   * NO bid at units − p.
   */
  depth(
    ticker: string,
    maxLevels = Infinity,
  ): { yes: Array<{ price: number; qty: number; orders: number }>; no: Array<{ price: number; qty: number; orders: number }> } {
    const market = this.market(ticker);
    const units = market.grid.unitsPerContract;
    return {
      yes: market.book.levels(BUY, maxLevels).map(([price, qty, orders]) => ({ price, qty, orders })),
      no: market.book.levels(SELL, maxLevels).map(([price, qty, orders]) => ({ price: units - price, qty, orders })),
    };
  }

  account(accountId: number): AccountSnapshot {
    return accountSnapshot(this.requireAccount(accountId), (m) => this.marketList[m]!.ticker);
  }

  /**
   * Conservation check: money in accounts (free + reserved) + contract value (units per YES–NO pair
   * outstanding) + fees collected must equal everything deposited. Returns the totals.
   */
  audit(): LedgerAudit {
    return auditAccounts(this.accountList, this.marketList, this.feesCollected);
  }

  // ---------------------------------------------------------------- internals

  /** The answer to a create or amend; `canceled` and `reason` describe what the call itself canceled. */
  private ack(market: Market, order: OpenOrder, rests: boolean, canceled: number, reason: number): OrderAck {
    const ledger = this.ledger;
    const resting = rests ? order.remaining : 0;
    return {
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      ticker: market.ticker,
      side: order.side === BUY ? 'bid' : 'ask',
      price: order.limit,
      // an order that does not rest was either filled in full or had its rest canceled by this call
      status: resting > 0 ? 'resting' : canceled > 0 ? 'canceled' : 'executed',
      count: order.filled + resting,
      fillCount: order.filled,
      remainingCount: resting,
      canceledCount: canceled,
      // −1: nothing canceled (tested before indexing: a negative index is a slow property lookup)
      cancelReason: reason >= 0 ? CANCEL_REASONS[reason] : undefined,
      averageFillPrice: ledger.lastFilled > 0 ? ledger.lastNotional / ledger.lastFilled : undefined,
      fees: ledger.lastFees,
    };
  }

  private requireAccount(accountId: number): Account {
    const a = this.accountList[accountId];
    if (a === undefined)
      throw new OrderRejectedError('UNKNOWN_ACCOUNT', `unknown account ${String(accountId)}; open one with exchange.openAccount()`, {
        accountId,
      });
    return a;
  }

  private requireOrder(orderId: number): OpenOrder {
    const o = this.ledger.find(orderId);
    if (o === undefined)
      throw new OrderRejectedError('UNKNOWN_ORDER', `order ${String(orderId)} is not resting (unknown, filled or canceled)`, { orderId });
    return o;
  }
}

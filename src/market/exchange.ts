import { ManualClock, type Clock } from '../core/clock.js';
import { OrderRejectedError } from '../core/errors.js';
import { Account, type AccountSnapshot } from './account.js';
import { BUY, CANCEL_MARKET_CLOSED, EV_FILL, FOK, GTC, IOC, SELL, STP_CANCEL_MAKER, STP_CANCEL_TAKER, STP_NONE, type BookSide, type StpCode, type TimeInForceCode } from './book/constants.js';
import { OrderBook } from './book/order-book.js';
import { KALSHI_FEES, type FeeSchedule } from './fees.js';
import { assertPrice, assertQuantity, CENT_GRID, type TickGrid } from './grid.js';
import { feeHeadroom, feeRates, worstPriceTerm, type FeeRates } from './order-fees.js';
import { Ledger, type OpenOrder } from './ledger.js';
import { TradeTape } from './trade-tape.js';

export type OutcomeSide = 'yes' | 'no';
export type Action = 'buy' | 'sell';
export type TimeInForce = 'gtc' | 'ioc' | 'fok';
/** Kalshi's names: `taker_at_cross` cancels the incoming order, `maker` cancels the resting one. */
export type SelfTradePrevention = 'taker_at_cross' | 'maker' | 'none';
export type MarketStatus = 'open' | 'closed' | 'settled';
/** Resolution: YES, NO, or a value paid per YES contract in ticks (e.g. 50 for a tie that refunds half). */
export type Resolution = 'yes' | 'no' | { readonly yesValue: number };

export interface MarketSpec {
  readonly ticker: string;
  readonly title?: string;
  readonly grid?: TickGrid;
  readonly fees?: FeeSchedule;
}

export interface Market {
  readonly index: number;
  readonly ticker: string;
  readonly title: string;
  readonly grid: TickGrid;
  readonly fees: FeeSchedule;
  readonly book: OrderBook;
  status: MarketStatus;
  /** Value paid per YES contract at settlement, once settled. */
  settlementValue: number | undefined;
}

/** An order as Kalshi's legacy API describes it: side yes|no, action buy|sell, priced in the chosen side's ticks. */
export interface OrderRequest {
  readonly ticker: string;
  readonly side: OutcomeSide;
  readonly action: Action;
  readonly count: number;
  /** Price of the chosen side in ticks (a NO order is priced in NO ticks). Not used by market orders. */
  readonly price?: number;
  /** `market` = immediate-or-cancel at the worst price on the grid. Default `limit`. */
  readonly type?: 'limit' | 'market';
  readonly timeInForce?: TimeInForce;
  readonly postOnly?: boolean;
  readonly selfTradePrevention?: SelfTradePrevention;
}

export interface ExecutedFill {
  /** YES price of the trade in ticks. */
  readonly yesPrice: number;
  /** Price in the order's own side (NO ticks for a NO order). */
  readonly price: number;
  readonly qty: number;
}

export interface OrderReport {
  readonly orderId: number;
  readonly ticker: string;
  readonly side: OutcomeSide;
  readonly action: Action;
  /** `resting` (some quantity rests), `executed` (fully filled) or `canceled` (the remainder was cancelled). */
  readonly status: 'resting' | 'executed' | 'canceled';
  readonly yesPrice: number;
  readonly count: number;
  readonly filled: number;
  readonly resting: number;
  readonly canceled: number;
  /** Fees this order was charged on this call (its taker fills), in money units. */
  readonly fees: number;
  readonly fills: readonly ExecutedFill[];
}

export interface ExchangeOptions {
  readonly clock?: Clock;
  /** Record every trade on `exchange.tape` (default true). */
  readonly recordTape?: boolean;
}

const TIF: Record<TimeInForce, TimeInForceCode> = { gtc: GTC, ioc: IOC, fok: FOK };
const STP: Record<SelfTradePrevention, StpCode> = { taker_at_cross: STP_CANCEL_TAKER, maker: STP_CANCEL_MAKER, none: STP_NONE };

/**
 * Books, accounts, fees and settlement for any number of binary markets.
 *
 * The exchange is where money lives: before an order reaches a book the exchange locks the worst-case
 * collateral and fees it can cost (buying YES at p costs p, buying NO at p costs units − p, selling what
 * you hold needs nothing), applies every fill the book reports to both accounts, charges Kalshi fees,
 * and pays out at settlement. Cash + reserved + contract value + fees collected is conserved, YES held
 * always equals NO held, and no account's free cash goes below zero.
 */
export class Exchange {
  readonly clock: Clock;
  readonly tape: TradeTape;
  private readonly marketList: Market[] = [];
  private readonly byTicker = new Map<string, number>();
  private readonly ledger: Ledger;
  private readonly accountList: Account[];
  private readonly open: Map<number, OpenOrder>;
  private readonly rates: FeeRates[];

  constructor(options: ExchangeOptions = {}) {
    this.clock = options.clock ?? new ManualClock(0);
    this.tape = new TradeTape((i) => this.marketList[i]?.ticker ?? `#${i}`);
    this.ledger = new Ledger(this.marketList, this.clock, (options.recordTape ?? true) ? this.tape : undefined);
    this.accountList = this.ledger.accounts;
    this.open = this.ledger.open;
    this.rates = this.ledger.rates;
  }

  /** Fees collected by the exchange, in money units. */
  get feesCollected(): number {
    return this.ledger.feesCollected;
  }

  // ---------------------------------------------------------------- setup

  listMarket(spec: MarketSpec): Market {
    if (typeof spec.ticker !== 'string' || spec.ticker.length === 0) throw new OrderRejectedError('UNKNOWN_MARKET', 'listMarket: ticker must be a non-empty string');
    if (this.byTicker.has(spec.ticker)) throw new OrderRejectedError('UNKNOWN_MARKET', `listMarket: market ${spec.ticker} is already listed`);
    const grid = spec.grid ?? CENT_GRID;
    const fees = spec.fees ?? KALSHI_FEES;
    const market: Market = { index: this.marketList.length, ticker: spec.ticker, title: spec.title ?? spec.ticker, grid, fees, book: new OrderBook(grid), status: 'open', settlementValue: undefined };
    this.rates.push(feeRates(fees));
    this.marketList.push(market);
    this.byTicker.set(spec.ticker, market.index);
    return market;
  }

  /** Open an account with `cash` money units (cents on the cent grid). Returns its id. */
  openAccount(name = `account-${this.accountList.length}`, cash = 0): number {
    if (!Number.isFinite(cash) || cash < 0) throw new OrderRejectedError('INSUFFICIENT_FUNDS', `openAccount: cash must be a non-negative number of money units, got ${cash}`);
    const acct = new Account(this.accountList.length, name, cash);
    this.accountList.push(acct);
    return acct.id;
  }

  deposit(accountId: number, amount: number): void {
    if (!Number.isFinite(amount) || amount <= 0) throw new OrderRejectedError('INSUFFICIENT_FUNDS', `deposit: amount must be positive, got ${amount}`);
    const acct = this.requireAccount(accountId);
    acct.cash += amount;
    acct.deposited += amount;
  }

  market(ticker: string): Market {
    const i = this.byTicker.get(ticker);
    if (i === undefined) throw new OrderRejectedError('UNKNOWN_MARKET', `unknown market ${JSON.stringify(ticker)}; listed: ${[...this.byTicker.keys()].join(', ') || 'none'}`, { ticker });
    return this.marketList[i]!;
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

  /** The live account object (mutated by the exchange; read it, do not write it). */
  accountRef(accountId: number): Account {
    return this.requireAccount(accountId);
  }

  // ---------------------------------------------------------------- orders (friendly API)

  /** Place an order described the Kalshi way. Throws {@link OrderRejectedError}; nothing changes on a rejection. */
  placeOrder(accountId: number, request: OrderRequest): OrderReport {
    const market = this.market(request.ticker);
    const units = market.grid.unitsPerContract;
    if (request.side !== 'yes' && request.side !== 'no') throw new OrderRejectedError('INVALID_SIDE', `side must be "yes" or "no", got ${JSON.stringify(request.side)}`);
    if (request.action !== 'buy' && request.action !== 'sell') throw new OrderRejectedError('INVALID_SIDE', `action must be "buy" or "sell", got ${JSON.stringify(request.action)}`);
    const type = request.type ?? 'limit';
    if (type !== 'limit' && type !== 'market') throw new OrderRejectedError('INVALID_ORDER_TYPE', `type must be "limit" or "market", got ${JSON.stringify(type)}`);
    const tifName = type === 'market' ? 'ioc' : (request.timeInForce ?? 'gtc');
    const tif = TIF[tifName];
    if (tif === undefined) throw new OrderRejectedError('INVALID_ORDER_TYPE', `timeInForce must be gtc, ioc or fok, got ${JSON.stringify(request.timeInForce)}`);
    const stp = STP[request.selfTradePrevention ?? 'taker_at_cross'];
    if (stp === undefined) throw new OrderRejectedError('INVALID_ORDER_TYPE', `selfTradePrevention must be taker_at_cross, maker or none, got ${JSON.stringify(request.selfTradePrevention)}`);
    // buying YES or selling NO is a YES bid; buying NO or selling YES is a YES ask
    const bookSide: BookSide = (request.side === 'yes') === (request.action === 'buy') ? BUY : SELL;
    let sidePrice: number;
    if (type === 'market') {
      sidePrice = request.action === 'buy' ? market.grid.maxPrice : market.grid.minPrice;
    } else {
      if (request.price === undefined) throw new OrderRejectedError('INVALID_PRICE', `price is required for a limit order (in ${request.side.toUpperCase()} ticks ${market.grid.minPrice}..${market.grid.maxPrice})`);
      assertPrice(market.grid, request.price, 'price');
      sidePrice = request.price;
    }
    const yesPrice = request.side === 'yes' ? sidePrice : units - sidePrice;
    const id = this.submit(accountId, market.index, bookSide, yesPrice, request.count, tif, stp, request.postOnly ?? false);
    const fills: ExecutedFill[] = [];
    const ev = market.book.events;
    for (let i = 0; i < ev.length; i++) {
      if (ev.kind[i] !== EV_FILL || ev.takerOrderId[i] !== id) continue;
      const p = ev.price[i]!;
      fills.push({ yesPrice: p, price: request.side === 'yes' ? p : units - p, qty: ev.qty[i]! });
    }
    const last = market.book.last;
    return {
      orderId: id,
      ticker: market.ticker,
      side: request.side,
      action: request.action,
      status: last.resting > 0 ? 'resting' : last.cancelled > 0 ? 'canceled' : 'executed',
      yesPrice,
      count: request.count,
      filled: last.filled,
      resting: last.resting,
      canceled: last.cancelled,
      fees: this.ledger.lastFees,
      fills,
    };
  }

  /** Cancel a resting order. Returns the contracts removed. */
  cancelOrder(orderId: number): number {
    const order = this.requireOrder(orderId);
    const market = this.marketList[order.market]!;
    const removed = market.book.cancel(orderId);
    this.ledger.beginBatch();
    this.ledger.applyEvents(market, undefined);
    this.ledger.endBatch();
    return removed;
  }

  /** Reduce a resting order by `by` contracts, keeping its queue position. Returns what remains. */
  decreaseOrder(orderId: number, by: number): number {
    const order = this.requireOrder(orderId);
    assertQuantity(by, 'reduce_by');
    const market = this.marketList[order.market]!;
    if (by >= order.remaining) {
      market.book.decrease(orderId, by);
      this.ledger.beginBatch();
      this.ledger.applyEvents(market, undefined);
      this.ledger.endBatch();
      return 0;
    }
    const remaining = market.book.decrease(orderId, by);
    const acct = this.accountList[order.account]!;
    const pos = acct.position(order.market, market.grid.unitsPerContract);
    pos.addResting(order.side, order.limit, -by);
    order.remaining = remaining;
    this.ledger.beginBatch();
    this.ledger.touch(acct, pos);
    this.ledger.refitFeeReserve(acct, order);
    this.ledger.endBatch();
    return remaining;
  }

  /**
   * Change a resting order's YES price and remaining count (same id). A smaller count at the same
   * price keeps queue priority; anything else goes to the back of the queue and may trade.
   */
  amendOrder(orderId: number, change: { readonly yesPrice: number; readonly count: number }): OrderReport {
    const order = this.requireOrder(orderId);
    const market = this.marketList[order.market]!;
    const keepsPriority = change.yesPrice === order.limit && change.count <= order.remaining;
    this.amend(orderId, change.yesPrice, change.count);
    if (keepsPriority) return this.reportFor(market, order, change.count, 0, change.count, 0, []);
    const last = market.book.last;
    return this.reportFor(market, order, change.count, last.filled, last.resting, last.cancelled, this.takerFills(market, order));
  }

  /** {@link amendOrder} without the report: returns the contracts left resting (the simulation's path). */
  amend(orderId: number, yesPrice: number, count: number): number {
    const order = this.requireOrder(orderId);
    const market = this.marketList[order.market]!;
    assertPrice(market.grid, yesPrice, 'yesPrice');
    assertQuantity(count, 'count');
    if (yesPrice === order.limit && count <= order.remaining) {
      this.ledger.lastFees = 0;
      return count < order.remaining ? this.decreaseOrder(orderId, order.remaining - count) : count;
    }
    const acct = this.accountList[order.account]!;
    const pos = acct.position(order.market, market.grid.unitsPerContract);
    const rates = this.rates[order.market]!;
    const oldLimit = order.limit;
    const oldRemaining = order.remaining;
    const oldFeeReserve = order.feeReserve;
    const oldCollateral = pos.collateral;
    pos.addResting(order.side, oldLimit, -oldRemaining);
    pos.addResting(order.side, yesPrice, count);
    const term = worstPriceTerm(order.side, yesPrice, market.grid);
    const feeBound = feeHeadroom(order.takerNum, rates.takerBp, count, term, market.grid) + feeHeadroom(order.makerNum, rates.makerBp, count, term, market.grid);
    const collateral = pos.requiredCollateral();
    const need = collateral - oldCollateral + feeBound - oldFeeReserve;
    if (need > acct.cash) {
      pos.addResting(order.side, yesPrice, -count);
      pos.addResting(order.side, oldLimit, oldRemaining);
      throw new OrderRejectedError('INSUFFICIENT_FUNDS', `amending order ${orderId} needs ${need} more money units, account ${acct.id} has ${acct.cash} free`, { need, available: acct.cash });
    }
    acct.cash -= need;
    acct.reserved += need;
    pos.collateral = collateral;
    order.limit = yesPrice;
    order.remaining = count;
    order.feeReserve = feeBound;
    try {
      market.book.amend(orderId, yesPrice, count);
    } catch (e) {
      // the book refused (e.g. post-only would cross): put everything back as it was
      pos.addResting(order.side, yesPrice, -count);
      pos.addResting(order.side, oldLimit, oldRemaining);
      order.limit = oldLimit;
      order.remaining = oldRemaining;
      order.feeReserve = oldFeeReserve;
      pos.collateral = oldCollateral;
      acct.cash += need;
      acct.reserved -= need;
      throw e;
    }
    this.ledger.beginBatch();
    this.ledger.touch(acct, pos);
    this.ledger.applyEvents(market, order);
    this.ledger.finishTaker(market, order);
    this.ledger.endBatch();
    return market.book.last.resting;
  }

  // ---------------------------------------------------------------- orders (fast path)

  /**
   * Submit an order in YES-price space (side 0 = YES bid, 1 = YES ask) and return its id.
   * The fast path the simulation uses; {@link placeOrder} is the same thing with Kalshi's vocabulary.
   */
  submit(accountId: number, marketIndex: number, side: BookSide, yesPrice: number, count: number, tif: TimeInForceCode = GTC, stp: StpCode = STP_CANCEL_TAKER, postOnly = false): number {
    const acct = this.requireAccount(accountId);
    const market = this.marketList[marketIndex];
    if (market === undefined) throw new OrderRejectedError('UNKNOWN_MARKET', `unknown market index ${marketIndex}`);
    if (market.status !== 'open') throw new OrderRejectedError('MARKET_CLOSED', `market ${market.ticker} is ${market.status}; it accepts no orders`, { ticker: market.ticker });
    const grid = market.grid;
    if (side !== BUY && side !== SELL) throw new OrderRejectedError('INVALID_SIDE', `side must be 0 (buy YES) or 1 (sell YES), got ${String(side)}`);
    assertPrice(grid, yesPrice, 'price');
    assertQuantity(count, 'count');
    const rates = this.rates[marketIndex]!;
    const isNewPosition = !acct.positions.has(marketIndex);
    const pos = acct.position(marketIndex, grid.unitsPerContract);
    pos.addResting(side, yesPrice, count);
    const collateral = pos.requiredCollateral();
    const term = worstPriceTerm(side, yesPrice, grid);
    const bp = rates.takerBp > rates.makerBp ? rates.takerBp : rates.makerBp;
    // a taker part and a maker part are rounded up separately: at most one cent more than the whole
    const feeBound = feeHeadroom(0, bp, count, term, grid) + (rates.takerBp > 0 && rates.makerBp > 0 ? grid.unitsPerCent : 0);
    const need = collateral - pos.collateral + feeBound;
    if (need > acct.cash) {
      pos.addResting(side, yesPrice, -count);
      if (isNewPosition) acct.positions.delete(marketIndex);
      throw new OrderRejectedError('INSUFFICIENT_FUNDS', `account ${acct.id} (${acct.name}) needs ${need} money units for this order (collateral and worst-case fees) but has ${acct.cash} free`, { need, available: acct.cash, accountId });
    }
    const previousCollateral = pos.collateral;
    acct.cash -= need;
    acct.reserved += need;
    pos.collateral = collateral;
    const order: OpenOrder = { id: 0, account: accountId, market: marketIndex, side, limit: yesPrice, remaining: count, takerNum: 0, makerNum: 0, feeReserve: feeBound };
    let id: number;
    try {
      id = market.book.submit(accountId, side, yesPrice, count, tif, stp, postOnly);
    } catch (e) {
      pos.addResting(side, yesPrice, -count);
      pos.collateral = previousCollateral;
      acct.cash += need;
      acct.reserved -= need;
      if (isNewPosition) acct.positions.delete(marketIndex);
      throw e;
    }
    order.id = id;
    if (market.book.last.resting > 0) this.open.set(id, order);
    this.ledger.beginBatch();
    this.ledger.touch(acct, pos);
    this.ledger.applyEvents(market, order);
    this.ledger.finishTaker(market, order);
    this.ledger.endBatch();
    return id;
  }

  /** True while the order rests on its book. */
  isOpen(orderId: number): boolean {
    return this.open.has(orderId);
  }

  /** YES limit price of a resting order (0 if it is not resting). */
  restingPrice(orderId: number): number {
    return this.open.get(orderId)?.limit ?? 0;
  }

  /** Remaining contracts of a resting order (0 if it is not resting). */
  remaining(orderId: number): number {
    return this.open.get(orderId)?.remaining ?? 0;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Stop trading: cancel every resting order (their collateral is released). */
  closeMarket(ticker: string): void {
    const market = this.market(ticker);
    if (market.status !== 'open') return;
    market.book.cancelAll(CANCEL_MARKET_CLOSED);
    this.ledger.beginBatch();
    this.ledger.applyEvents(market, undefined);
    this.ledger.endBatch();
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
    const units = market.grid.unitsPerContract;
    const value = resolution === 'yes' ? units : resolution === 'no' ? 0 : resolution.yesValue;
    if (!Number.isInteger(value) || value < 0 || value > units) {
      throw new OrderRejectedError('INVALID_PRICE', `settlement yesValue must be an integer in 0..${units}, got ${String(value)}`);
    }
    this.closeMarket(ticker);
    const payouts = new Map<number, number>();
    for (const acct of this.accountList) {
      const pos = acct.positions.get(market.index);
      if (pos === undefined || pos.qty === 0) continue;
      const paid = pos.settle(value);
      acct.cash += paid;
      payouts.set(acct.id, paid);
    }
    market.status = 'settled';
    market.settlementValue = value;
    return payouts;
  }

  // ---------------------------------------------------------------- views

  /**
   * Depth as Kalshi shows it: YES bids and NO bids, best first. A resting YES ask at p appears as a
   * NO bid at units − p.
   */
  depth(ticker: string, maxLevels = Infinity): { yes: Array<{ price: number; qty: number; orders: number }>; no: Array<{ price: number; qty: number; orders: number }> } {
    const market = this.market(ticker);
    const units = market.grid.unitsPerContract;
    return {
      yes: market.book.levels(BUY, maxLevels).map(([price, qty, orders]) => ({ price, qty, orders })),
      no: market.book.levels(SELL, maxLevels).map(([price, qty, orders]) => ({ price: units - price, qty, orders })),
    };
  }

  account(accountId: number): AccountSnapshot {
    const a = this.requireAccount(accountId);
    return {
      id: a.id,
      name: a.name,
      cash: a.cash,
      reserved: a.reserved,
      feesPaid: a.feesPaid,
      deposited: a.deposited,
      positions: [...a.positions.entries()].map(([m, p]) => ({
        ticker: this.marketList[m]!.ticker,
        qty: p.qty,
        costBasis: p.costBasis,
        realizedPnl: p.realizedPnl,
        feesPaid: p.feesPaid,
        volume: p.volume,
        restingBuy: p.buyQty,
        restingSell: p.sellQty,
      })),
    };
  }

  /**
   * Conservation check: money in accounts (free + reserved) + contract value (units per YES–NO pair
   * outstanding) + fees collected must equal everything deposited. Returns the totals.
   */
  audit(): { deposited: number; cash: number; reserved: number; openPairValue: number; fees: number; yesHeld: number[]; noHeld: number[] } {
    let deposited = 0;
    let cash = 0;
    let reserved = 0;
    const yesHeld = this.marketList.map(() => 0);
    const noHeld = this.marketList.map(() => 0);
    for (const a of this.accountList) {
      deposited += a.deposited;
      cash += a.cash;
      reserved += a.reserved;
      for (const [m, p] of a.positions) {
        if (p.qty > 0) yesHeld[m]! += p.qty;
        else noHeld[m]! -= p.qty;
      }
    }
    let openPairValue = 0;
    for (const m of this.marketList) openPairValue += yesHeld[m.index]! * m.grid.unitsPerContract;
    return { deposited, cash, reserved, openPairValue, fees: this.feesCollected, yesHeld, noHeld };
  }

  // ---------------------------------------------------------------- internals

  /** The fills of an order in the book's last call, priced in the order's own side. */
  private takerFills(market: Market, order: OpenOrder): ExecutedFill[] {
    const ev = market.book.events;
    const units = market.grid.unitsPerContract;
    const fills: ExecutedFill[] = [];
    for (let i = 0; i < ev.length; i++) {
      if (ev.kind[i] !== EV_FILL || ev.takerOrderId[i] !== order.id) continue;
      const p = ev.price[i]!;
      fills.push({ yesPrice: p, price: order.side === BUY ? p : units - p, qty: ev.qty[i]! });
    }
    return fills;
  }

  private reportFor(market: Market, order: OpenOrder, count: number, filled: number, resting: number, canceled: number, fills: ExecutedFill[]): OrderReport {
    const isBid = order.side === BUY;
    return {
      orderId: order.id,
      ticker: market.ticker,
      side: 'yes',
      action: isBid ? 'buy' : 'sell',
      status: resting > 0 ? 'resting' : canceled > 0 ? 'canceled' : 'executed',
      yesPrice: order.limit,
      count,
      filled,
      resting,
      canceled,
      fees: this.ledger.lastFees,
      fills,
    };
  }

  private requireAccount(accountId: number): Account {
    const a = this.accountList[accountId];
    if (a === undefined) throw new OrderRejectedError('UNKNOWN_ACCOUNT', `unknown account ${String(accountId)}; open one with exchange.openAccount()`, { accountId });
    return a;
  }

  private requireOrder(orderId: number): OpenOrder {
    const o = this.open.get(orderId);
    if (o === undefined) throw new OrderRejectedError('UNKNOWN_ORDER', `order ${String(orderId)} is not resting (unknown, filled or cancelled)`, { orderId });
    return o;
  }
}

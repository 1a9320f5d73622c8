import type { Clock } from '../core/clock.js';
import { InvariantError, OrderRejectedError } from '../core/errors.js';
import { Account } from './account.js';
import { BUY, CANCEL_REASONS, EV_FILL, type BookSideCode, type CancelReason } from './book/constants.js';
import type { Market } from './market.js';
import { chargeFill, feeHeadroom, worstPriceTerm, type FeeRates } from './order-fees.js';
import type { Position } from './position.js';
import type { ExchangeCancel, ExchangeFill, ExchangeListener } from './reports.js';
import type { TradeTape } from './trade-tape.js';

/** An order the ledger is tracking while it rests (and while it is being placed or amended). */
export interface OpenOrder {
  id: number;
  readonly account: number;
  readonly market: number;
  readonly side: BookSideCode;
  readonly clientOrderId: string | undefined;
  limit: number;
  remaining: number;
  /** Contracts filled over the order's life. */
  filled: number;
  takerNum: number;
  makerNum: number;
  feeReserve: number;
}

/**
 * Where money moves, and the only place it does: accounts, the orders being tracked, and every
 * movement of cash — deposits, the collateral and fee headroom an order reserves, its rollback when the
 * book refuses it, fills (cash, positions, fees), releases on cancel, amend re-reservations, and
 * settlement. Book events are applied in batches (one per exchange call): positions touched in a batch
 * have their collateral refitted at the end, and no account may end a batch with negative cash.
 *
 * Invariant (tested): free cash + reserved + units × outstanding YES/NO pairs + fees collected = deposits.
 */
export class Ledger {
  readonly accounts: Account[] = [];
  readonly open = new Map<number, OpenOrder>();
  /** Fee rates per market index. */
  readonly rates: FeeRates[] = [];
  feesCollected = 0;
  /** Totals of the taker order of the current batch: fees, contracts filled, Σ price × qty. */
  lastFees = 0;
  lastFilled = 0;
  lastNotional = 0;
  private tradeSeq = 0;
  private readonly listeners: ExchangeListener[] = [];
  // positions the current batch changed, with their accounts (parallel arrays: cheaper than a Map on the hot path)
  private readonly touchedAccounts: Account[] = [];
  private readonly touchedPositions: Position[] = [];
  // what reserveNew changed, for rollbackNew (one order is placed at a time)
  private pendingAccount: Account | undefined;
  private pendingPosition: Position | undefined;
  private pendingNeed = 0;
  private pendingCollateral = 0;
  private pendingIsNewPosition = false;

  constructor(
    private readonly markets: readonly Market[],
    private readonly clock: Clock,
    /** Where trades are recorded (undefined: not recorded). */
    private readonly tape: TradeTape | undefined,
  ) {}

  listen(listener: ExchangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** A resting order by id, or undefined. */
  find(orderId: number): OpenOrder | undefined {
    return this.open.get(orderId);
  }

  // ---------------------------------------------------------------- deposits

  openAccount(name: string, cash: number): Account {
    if (!Number.isFinite(cash) || cash < 0)
      throw new OrderRejectedError('INVALID_AMOUNT', `openAccount: cash must be a non-negative number of money units, got ${cash}`, {
        cash,
      });
    const acct = new Account(this.accounts.length, name, cash);
    this.accounts.push(acct);
    return acct;
  }

  deposit(acct: Account, amount: number): void {
    if (!Number.isFinite(amount) || amount <= 0)
      throw new OrderRejectedError('INVALID_AMOUNT', `deposit: amount must be a positive number of money units, got ${amount}`, { amount });
    acct.cash += amount;
    acct.deposited += amount;
  }

  // ---------------------------------------------------------------- placing an order

  /**
   * Lock what a new order can cost in the worst case — collateral for the contracts it may open
   * (buying YES at p costs p, opening NO by selling YES at p costs units − p, closing what is held
   * costs nothing) plus the fees it may owe — and start tracking it. Throws INSUFFICIENT_FUNDS with
   * nothing changed. Until {@link settleOrderCall} or {@link rollbackNew}, this is the pending order.
   */
  reserveNew(
    acct: Account,
    market: Market,
    side: BookSideCode,
    price: number,
    count: number,
    clientOrderId: string | undefined,
  ): OpenOrder {
    const grid = market.grid;
    const rates = this.rates[market.index]!;
    const isNewPosition = acct.positionIn(market.index) === undefined;
    const pos = acct.position(market.index, grid.unitsPerContract);
    pos.addResting(side, price, count);
    const collateral = pos.requiredCollateral();
    const term = worstPriceTerm(side, price, grid);
    const bp = Math.max(rates.takerBp, rates.makerBp);
    // a taker part and a maker part are rounded up separately: at most one cent more than the whole
    const feeBound = feeHeadroom(0, bp, count, term, grid) + (rates.takerBp > 0 && rates.makerBp > 0 ? grid.unitsPerCent : 0);
    const need = collateral - pos.collateral + feeBound;
    if (need > acct.cash) {
      pos.addResting(side, price, -count);
      if (isNewPosition) acct.removePosition(market.index);
      throw new OrderRejectedError(
        'INSUFFICIENT_FUNDS',
        `account ${acct.id} (${acct.name}) needs ${need} money units for this order (collateral and worst-case fees) but has ${acct.cash} free`,
        { need, available: acct.cash, accountId: acct.id },
      );
    }
    this.pendingAccount = acct;
    this.pendingPosition = pos;
    this.pendingNeed = need;
    this.pendingCollateral = pos.collateral;
    this.pendingIsNewPosition = isNewPosition;
    acct.cash -= need;
    acct.reserved += need;
    pos.collateral = collateral;
    return {
      id: 0,
      account: acct.id,
      market: market.index,
      side,
      clientOrderId,
      limit: price,
      remaining: count,
      filled: 0,
      takerNum: 0,
      makerNum: 0,
      feeReserve: feeBound,
    };
  }

  /** The book refused the pending order (e.g. post-only would cross): give everything back. */
  rollbackNew(order: OpenOrder): void {
    const acct = this.pendingAccount!;
    const pos = this.pendingPosition!;
    pos.addResting(order.side, order.limit, -order.remaining);
    pos.collateral = this.pendingCollateral;
    acct.cash += this.pendingNeed;
    acct.reserved -= this.pendingNeed;
    if (this.pendingIsNewPosition) acct.removePosition(order.market);
    this.pendingAccount = undefined;
    this.pendingPosition = undefined;
  }

  /**
   * The book matched a new or amended order: book its fills and cancels, keep only the fee headroom
   * a resting maker still needs, and track it while it rests. Returns true when it rests.
   */
  settleOrderCall(market: Market, order: OpenOrder): boolean {
    this.pendingAccount = undefined;
    this.pendingPosition = undefined;
    this.beginBatch();
    const acct = this.accounts[order.account]!;
    this.touch(acct, acct.position(order.market, market.grid.unitsPerContract));
    this.applyEvents(market, order);
    const rests = market.book.has(order.id);
    if (rests) {
      this.open.set(order.id, order);
      this.refitFeeReserve(acct, order);
    } else {
      this.retire(order);
    }
    this.endBatch();
    return rests;
  }

  // ---------------------------------------------------------------- changing an order

  /** Apply the cancels of the book's last call (cancel, decrease to zero, market close). */
  applyBookEvents(market: Market): void {
    this.beginBatch();
    this.applyEvents(market, undefined);
    this.endBatch();
  }

  /** A resting order was reduced by `by` and still rests: free the collateral and fees it no longer needs. */
  decrease(order: OpenOrder, by: number): void {
    const market = this.markets[order.market]!;
    const acct = this.accounts[order.account]!;
    const pos = acct.position(order.market, market.grid.unitsPerContract);
    pos.addResting(order.side, order.limit, -by);
    order.remaining -= by;
    this.beginBatch();
    this.touch(acct, pos);
    this.refitFeeReserve(acct, order);
    this.endBatch();
    this.emitCancel(market, order, by, 'decreased');
  }

  /**
   * Re-reserve for an amend to (`price`, `remaining`) before the book moves the order. Throws
   * INSUFFICIENT_FUNDS with nothing changed. Returns what {@link rollbackAmend} needs.
   */
  reserveAmend(order: OpenOrder, price: number, remaining: number): AmendReservation {
    const market = this.markets[order.market]!;
    const acct = this.accounts[order.account]!;
    const pos = acct.position(order.market, market.grid.unitsPerContract);
    const rates = this.rates[order.market]!;
    const undo: AmendReservation = {
      limit: order.limit,
      remaining: order.remaining,
      feeReserve: order.feeReserve,
      collateral: pos.collateral,
      need: 0,
    };
    pos.addResting(order.side, undo.limit, -undo.remaining);
    pos.addResting(order.side, price, remaining);
    const term = worstPriceTerm(order.side, price, market.grid);
    const feeBound =
      feeHeadroom(order.takerNum, rates.takerBp, remaining, term, market.grid) +
      feeHeadroom(order.makerNum, rates.makerBp, remaining, term, market.grid);
    const collateral = pos.requiredCollateral();
    const need = collateral - undo.collateral + feeBound - undo.feeReserve;
    if (need > acct.cash) {
      pos.addResting(order.side, price, -remaining);
      pos.addResting(order.side, undo.limit, undo.remaining);
      throw new OrderRejectedError(
        'INSUFFICIENT_FUNDS',
        `amending order ${order.id} needs ${need} more money units, account ${acct.id} has ${acct.cash} free`,
        { need, available: acct.cash },
      );
    }
    acct.cash -= need;
    acct.reserved += need;
    pos.collateral = collateral;
    order.limit = price;
    order.remaining = remaining;
    order.feeReserve = feeBound;
    undo.need = need;
    return undo;
  }

  /** The book refused the amend (e.g. post-only would cross): put everything back as it was. */
  rollbackAmend(order: OpenOrder, undo: AmendReservation): void {
    const market = this.markets[order.market]!;
    const acct = this.accounts[order.account]!;
    const pos = acct.position(order.market, market.grid.unitsPerContract);
    pos.addResting(order.side, order.limit, -order.remaining);
    pos.addResting(order.side, undo.limit, undo.remaining);
    order.limit = undo.limit;
    order.remaining = undo.remaining;
    order.feeReserve = undo.feeReserve;
    pos.collateral = undo.collateral;
    acct.cash += undo.need;
    acct.reserved -= undo.need;
  }

  // ---------------------------------------------------------------- settlement

  /** Pay `value` per YES contract and units − value per NO contract; positions are closed. Returns the payout per account id. */
  settleMarket(market: Market, value: number): Map<number, number> {
    const payouts = new Map<number, number>();
    for (const acct of this.accounts) {
      const pos = acct.positionIn(market.index);
      if (pos === undefined) continue;
      if (pos.qty !== 0) {
        const paid = pos.settle(value);
        acct.cash += paid;
        payouts.set(acct.id, paid);
      }
      pos.release();
    }
    return payouts;
  }

  // ---------------------------------------------------------------- internals

  private beginBatch(): void {
    this.touchedAccounts.length = 0;
    this.touchedPositions.length = 0;
    this.lastFees = 0;
    this.lastFilled = 0;
    this.lastNotional = 0;
  }

  private touch(acct: Account, pos: Position): void {
    // a taker sweeping many levels touches its position once per fill; refit it once (skipping the check only costs time)
    if (this.touchedPositions.includes(pos)) return;
    this.touchedAccounts.push(acct);
    this.touchedPositions.push(pos);
  }

  /** Re-fit collateral of every touched position to its resting orders, and check free cash. */
  private endBatch(): void {
    for (let i = 0; i < this.touchedPositions.length; i++) {
      const acct = this.touchedAccounts[i]!;
      const pos = this.touchedPositions[i]!;
      const collateral = pos.requiredCollateral();
      const delta = collateral - pos.collateral;
      acct.cash -= delta;
      acct.reserved += delta;
      pos.collateral = collateral;
    }
    for (const acct of this.touchedAccounts) {
      if (acct.cash < 0 || acct.reserved < 0) {
        throw new InvariantError(`account ${acct.id} ended a batch with cash ${acct.cash} and reserved ${acct.reserved}`, {
          accountId: acct.id,
        });
      }
    }
  }

  /** Apply the book's events of the last call to accounts. */
  private applyEvents(market: Market, taker: OpenOrder | undefined): void {
    const ev = market.book.events;
    const units = market.grid.unitsPerContract;
    for (let i = 0; i < ev.length; i++) {
      const orderId = ev.orderId[i]!;
      const qty = ev.qty[i]!;
      const price = ev.price[i]!;
      if (ev.kind[i] === EV_FILL) {
        const maker = this.open.get(orderId);
        if (maker === undefined || taker === undefined)
          throw new InvariantError(`fill for order ${orderId} that the exchange is not tracking`);
        const tradeId = ++this.tradeSeq;
        const makerFee = this.applyFill(market, maker, price, qty, false);
        const takerFee = this.applyFill(market, taker, price, qty, true);
        this.lastFilled += qty;
        this.lastNotional += price * qty;
        if (this.tape)
          this.tape.push(this.clock.now(), market.index, price, qty, ev.side[i]!, maker.account, taker.account, maker.id, taker.id);
        if (this.listeners.length !== 0) {
          this.emitFill(market, maker, tradeId, price, qty, makerFee, false);
          this.emitFill(market, taker, tradeId, price, qty, takerFee, true);
        }
        if (maker.remaining === 0) this.retire(maker);
      } else {
        const order = taker !== undefined && orderId === taker.id ? taker : this.open.get(orderId);
        if (order === undefined) throw new InvariantError(`cancel for order ${orderId} that the exchange is not tracking`);
        const acct = this.accounts[order.account]!;
        const pos = acct.position(order.market, units);
        pos.addResting(order.side, order.limit, -qty);
        order.remaining -= qty;
        this.touch(acct, pos);
        if (this.listeners.length !== 0) this.emitCancel(market, order, qty, CANCEL_REASONS[ev.extra[i]!]!);
        // a cancel always takes an order's whole remainder; retiring the taker here too is harmless (settleOrderCall
        // retires it again, with nothing left to give back)
        this.retire(order);
      }
    }
  }

  /** Book one side of a trade; returns the fee charged. */
  private applyFill(market: Market, order: OpenOrder, price: number, qty: number, isTaker: boolean): number {
    const acct = this.accounts[order.account]!;
    const pos = acct.position(order.market, market.grid.unitsPerContract);
    pos.addResting(order.side, order.limit, -qty);
    order.remaining -= qty;
    order.filled += qty;
    acct.cash += pos.applyTrade(order.side, price, qty);
    const rates = this.rates[order.market]!;
    let fee: number;
    if (isTaker) {
      [fee, order.takerNum] = chargeFill(order.takerNum, rates.takerBp, qty, price, market.grid);
    } else {
      [fee, order.makerNum] = chargeFill(order.makerNum, rates.makerBp, qty, price, market.grid);
    }
    order.feeReserve -= fee;
    acct.reserved -= fee;
    acct.feesPaid += fee;
    pos.feesPaid += fee;
    this.feesCollected += fee;
    if (isTaker) this.lastFees += fee;
    if (order.feeReserve < 0) throw new InvariantError(`order ${order.id} was charged more fees than it reserved`);
    this.touch(acct, pos);
    return fee;
  }

  private refitFeeReserve(acct: Account, order: OpenOrder): void {
    const market = this.markets[order.market]!;
    const target = feeHeadroom(
      order.makerNum,
      this.rates[order.market]!.makerBp,
      order.remaining,
      worstPriceTerm(order.side, order.limit, market.grid),
      market.grid,
    );
    const release = order.feeReserve - target;
    acct.cash += release;
    acct.reserved -= release;
    order.feeReserve = target;
  }

  /** The order is done: give back whatever fee reserve it still holds. */
  private retire(order: OpenOrder): void {
    const acct = this.accounts[order.account]!;
    acct.cash += order.feeReserve;
    acct.reserved -= order.feeReserve;
    order.feeReserve = 0;
    this.open.delete(order.id);
  }

  private emitFill(market: Market, order: OpenOrder, tradeId: number, price: number, count: number, fee: number, isTaker: boolean): void {
    const fill: ExchangeFill = {
      tradeId,
      time: this.clock.now(),
      ticker: market.ticker,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      accountId: order.account,
      side: order.side === BUY ? 'bid' : 'ask',
      price,
      count,
      fee,
      isTaker,
    };
    for (const l of this.listeners) l.onFill?.(fill);
  }

  private emitCancel(market: Market, order: OpenOrder, count: number, reason: CancelReason): void {
    if (this.listeners.length === 0) return;
    const cancel: ExchangeCancel = {
      time: this.clock.now(),
      ticker: market.ticker,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      accountId: order.account,
      count,
      remaining: order.remaining,
      reason,
    };
    for (const l of this.listeners) l.onCancel?.(cancel);
  }
}

/** What an amend changed, so that a refused amend can be undone. */
export interface AmendReservation {
  readonly limit: number;
  readonly remaining: number;
  readonly feeReserve: number;
  readonly collateral: number;
  need: number;
}

import type { Clock } from '../core/clock.js';
import { InvariantError } from '../core/errors.js';
import type { Account } from './account.js';
import { EV_FILL, type BookSide } from './book/constants.js';
import type { Market } from './exchange.js';
import { chargeFill, feeHeadroom, worstPriceTerm, type FeeRates } from './order-fees.js';
import type { Position } from './position.js';
import type { TradeTape } from './trade-tape.js';

/** An order the exchange is tracking while it rests (and while it is being placed). */
export interface OpenOrder {
  id: number;
  readonly account: number;
  readonly market: number;
  readonly side: BookSide;
  limit: number;
  remaining: number;
  takerNum: number;
  makerNum: number;
  feeReserve: number;
}

/**
 * Where money moves: accounts, the orders being tracked, and what every book event does to them —
 * trades change cash and positions, fees are charged against each order's reserved headroom, cancels
 * release collateral. Work happens in batches (one per exchange call): positions touched in a batch
 * have their collateral refitted at the end, and no account may end a batch with negative cash.
 */
export class Ledger {
  readonly accounts: Account[] = [];
  readonly open = new Map<number, OpenOrder>();
  /** Fee rates per market index. */
  readonly rates: FeeRates[] = [];
  feesCollected = 0;
  /** Fees the order being processed paid in the current batch (its taker fills). */
  lastFees = 0;
  private touchedAccounts: Account[] = [];
  private touchedPositions: Position[] = [];

  constructor(
    private readonly markets: readonly Market[],
    private readonly clock: Clock,
    /** Where trades are recorded (undefined: not recorded). */
    private readonly tape: TradeTape | undefined,
  ) {}

  beginBatch(): void {
    this.touchedAccounts.length = 0;
    this.touchedPositions.length = 0;
    this.lastFees = 0;
  }

  touch(acct: Account, pos: Position): void {
    for (let i = 0; i < this.touchedPositions.length; i++) if (this.touchedPositions[i] === pos) return;
    this.touchedAccounts.push(acct);
    this.touchedPositions.push(pos);
  }

  /** Re-fit collateral of every touched position to its resting orders, and check free cash. */
  endBatch(): void {
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
        throw new InvariantError(`account ${acct.id} ended a batch with cash ${acct.cash} and reserved ${acct.reserved}`, { accountId: acct.id });
      }
    }
  }

  /** Apply the book's events of the last call to accounts. */
  applyEvents(market: Market, taker: OpenOrder | undefined): void {
    const ev = market.book.events;
    const units = market.grid.unitsPerContract;
    for (let i = 0; i < ev.length; i++) {
      const orderId = ev.orderId[i]!;
      const qty = ev.qty[i]!;
      const price = ev.price[i]!;
      if (ev.kind[i] === EV_FILL) {
        const maker = this.open.get(orderId);
        if (maker === undefined || taker === undefined) throw new InvariantError(`fill for order ${orderId} that the exchange is not tracking`);
        this.applyFill(market, maker, price, qty, false);
        this.applyFill(market, taker, price, qty, true);
        if (this.tape) this.tape.push(this.clock.now(), market.index, price, qty, ev.side[i]!, maker.account, taker.account, maker.id, taker.id);
        if (maker.remaining === 0) this.retire(maker);
      } else {
        const order = taker !== undefined && orderId === taker.id ? taker : this.open.get(orderId);
        if (order === undefined) throw new InvariantError(`cancel for order ${orderId} that the exchange is not tracking`);
        const acct = this.accounts[order.account]!;
        const pos = acct.position(order.market, units);
        pos.addResting(order.side, order.limit, -qty);
        order.remaining -= qty;
        this.touch(acct, pos);
        if (order !== taker && order.remaining === 0) this.retire(order);
      }
    }
  }

  private applyFill(market: Market, order: OpenOrder, price: number, qty: number, isTaker: boolean): void {
    const acct = this.accounts[order.account]!;
    const pos = acct.position(order.market, market.grid.unitsPerContract);
    pos.addResting(order.side, order.limit, -qty);
    order.remaining -= qty;
    acct.cash += pos.applyTrade(order.side, price, qty);
    const rates = this.rates[order.market]!;
    let fee: number;
    if (isTaker) {
      [fee, order.takerNum] = chargeFill(order.takerNum, rates.takerBp, qty, price, market.grid);
    } else {
      [fee, order.makerNum] = chargeFill(order.makerNum, rates.makerBp, qty, price, market.grid);
    }
    if (fee > 0) {
      order.feeReserve -= fee;
      acct.reserved -= fee;
      acct.feesPaid += fee;
      pos.feesPaid += fee;
      this.feesCollected += fee;
      if (isTaker) this.lastFees += fee;
      if (order.feeReserve < 0) throw new InvariantError(`order ${order.id} was charged more fees than it reserved`);
    }
    this.touch(acct, pos);
  }

  /** After placing or amending: keep only the fee headroom a resting maker needs; release the rest. */
  finishTaker(market: Market, order: OpenOrder): void {
    const acct = this.accounts[order.account]!;
    if (order.remaining > 0 && market.book.has(order.id)) {
      this.open.set(order.id, order);
      this.refitFeeReserve(acct, order);
    } else {
      this.retire(order);
    }
  }

  refitFeeReserve(acct: Account, order: OpenOrder): void {
    const market = this.markets[order.market]!;
    const target = feeHeadroom(order.makerNum, this.rates[order.market]!.makerBp, order.remaining, worstPriceTerm(order.side, order.limit, market.grid), market.grid);
    const release = order.feeReserve - target;
    acct.cash += release;
    acct.reserved -= release;
    order.feeReserve = target;
  }

  /** The order is done: give back whatever fee reserve it still holds. */
  retire(order: OpenOrder): void {
    const acct = this.accounts[order.account]!;
    acct.cash += order.feeReserve;
    acct.reserved -= order.feeReserve;
    order.feeReserve = 0;
    this.open.delete(order.id);
  }
}

import { Position } from './position.js';

/**
 * A trader's money at the exchange. `cash` is free to spend; `reserved` backs resting orders
 * (collateral plus the fees they may still owe). Neither is ever negative.
 */
export class Account {
  cash: number;
  reserved = 0;
  feesPaid = 0;
  /** Money deposited over the account's life (the baseline for P&L). */
  deposited: number;
  readonly positions = new Map<number, Position>();

  constructor(
    readonly id: number,
    readonly name: string,
    initialCash: number,
  ) {
    this.cash = initialCash;
    this.deposited = initialCash;
  }

  position(marketIndex: number, units: number): Position {
    let p = this.positions.get(marketIndex);
    if (p === undefined) {
      p = new Position(units);
      this.positions.set(marketIndex, p);
    }
    return p;
  }

  /** Signed contracts held in a market (0 when none). */
  qty(marketIndex: number): number {
    return this.positions.get(marketIndex)?.qty ?? 0;
  }
}

/** A read-only snapshot for notebooks and reports. */
export interface AccountSnapshot {
  readonly id: number;
  readonly name: string;
  readonly cash: number;
  readonly reserved: number;
  readonly feesPaid: number;
  readonly deposited: number;
  readonly positions: readonly {
    readonly ticker: string;
    readonly qty: number;
    readonly costBasis: number;
    readonly realizedPnl: number;
    readonly feesPaid: number;
    readonly volume: number;
    readonly restingBuy: number;
    readonly restingSell: number;
  }[];
}

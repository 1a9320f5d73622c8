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
  // the same positions indexed by market: agents read their position on every decision, and an array
  // read is cheaper than a Map lookup at 10,000 accounts (`positions` stays for iteration, in insertion order)
  private readonly byMarket: (Position | undefined)[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
    initialCash: number,
  ) {
    this.cash = initialCash;
    this.deposited = initialCash;
  }

  position(marketIndex: number, units: number): Position {
    let p = this.byMarket[marketIndex];
    if (p === undefined) {
      p = new Position(units);
      this.positions.set(marketIndex, p);
      this.byMarket[marketIndex] = p;
    }
    return p;
  }

  /** The position in a market, if the account has one. */
  positionIn(marketIndex: number): Position | undefined {
    return this.byMarket[marketIndex];
  }

  /** Forget the position in a market (an order that opened it was refused or rolled back). */
  removePosition(marketIndex: number): void {
    this.positions.delete(marketIndex);
    this.byMarket[marketIndex] = undefined;
  }

  /** Signed contracts held in a market (0 when none). */
  qty(marketIndex: number): number {
    const p = this.byMarket[marketIndex];
    return p === undefined ? 0 : p.qty;
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

/** An account as plain data, positions named by ticker. */
export function accountSnapshot(a: Account, tickerOf: (marketIndex: number) => string): AccountSnapshot {
  return {
    id: a.id,
    name: a.name,
    cash: a.cash,
    reserved: a.reserved,
    feesPaid: a.feesPaid,
    deposited: a.deposited,
    positions: [...a.positions.entries()].map(([m, p]) => ({
      ticker: tickerOf(m),
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

/** The totals behind the conservation check (see {@link auditAccounts}). */
export interface LedgerAudit {
  readonly deposited: number;
  readonly cash: number;
  readonly reserved: number;
  readonly openPairValue: number;
  readonly fees: number;
  readonly yesHeld: number[];
  readonly noHeld: number[];
}

/** Money and contracts over all accounts: free + reserved + units × outstanding YES/NO pairs + fees should equal deposits. */
export function auditAccounts(
  accounts: readonly Account[],
  markets: readonly { readonly index: number; readonly grid: { readonly unitsPerContract: number } }[],
  fees: number,
): LedgerAudit {
  let deposited = 0;
  let cash = 0;
  let reserved = 0;
  const yesHeld = markets.map(() => 0);
  const noHeld = markets.map(() => 0);
  for (const a of accounts) {
    deposited += a.deposited;
    cash += a.cash;
    reserved += a.reserved;
    for (const [m, p] of a.positions) {
      yesHeld[m]! += Math.max(p.qty, 0);
      noHeld[m]! += Math.max(-p.qty, 0);
    }
  }
  let openPairValue = 0;
  for (const m of markets) openPairValue += yesHeld[m.index]! * m.grid.unitsPerContract;
  return { deposited, cash, reserved, openPairValue, fees, yesHeld, noHeld };
}

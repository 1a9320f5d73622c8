/**
 * Typed errors. Every error the library throws on bad input carries a stable `code`
 * (for programs) and a message that names the offending field and the fix (for people).
 */
export class OmegaError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Codes for orders the market core refuses. The book and accounts are unchanged after any of these. */
export type OrderRejectCode =
  | 'INVALID_PRICE'
  | 'INVALID_QUANTITY'
  | 'INVALID_SIDE'
  | 'INVALID_ORDER_TYPE'
  | 'UNKNOWN_ORDER'
  | 'UNKNOWN_ACCOUNT'
  | 'UNKNOWN_MARKET'
  | 'INSUFFICIENT_FUNDS'
  | 'DUPLICATE_CLIENT_ORDER_ID'
  | 'POST_ONLY_WOULD_CROSS'
  | 'MARKET_CLOSED'
  | 'CAPACITY_EXCEEDED'
  /** listMarket: the ticker is already listed, or empty. */
  | 'DUPLICATE_MARKET'
  | 'INVALID_TICKER'
  /** openAccount / deposit: a negative, zero (deposit) or non-finite amount — bad input, not a lack of funds. */
  | 'INVALID_AMOUNT';

export class OrderRejectedError extends OmegaError {
  declare readonly code: OrderRejectCode;
  constructor(code: OrderRejectCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** A configuration, CSV or CLI value failed validation. `path` names the field (e.g. `agents.informed.count`). */
export class ValidationError extends OmegaError {
  readonly issues: readonly { path: string; message: string }[];
  constructor(message: string, issues: readonly { path: string; message: string }[] = []) {
    super('VALIDATION', message, { issues });
    this.issues = issues;
  }
}

/** Something the library guarantees did not hold. Always a bug, never bad input. */
export class InvariantError extends OmegaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVARIANT', message, details);
  }
}

/** A strategy asked for data stamped after the current time (a look-ahead bias the backtester refuses). */
export class LookAheadError extends OmegaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('LOOK_AHEAD', message, details);
  }
}

/**
 * Alert rules: each looks at one snapshot of a session's state and says whether its condition is
 * breached now. The manager (manager.ts) turns breaches into alerts: once per breach, then quiet until
 * the condition clears, with a cooldown per rule against flapping.
 */
export interface OpsSnapshot {
  readonly time: number;
  readonly equity: number;
  /** The highest equity seen so far in the session. */
  readonly peakEquity: number;
  /** Errors inside the error-rate window ending at `time` (see {@link ErrorWindow}). */
  readonly recentErrors: number;
  readonly circuitOpen: boolean;
  /** Time of the last market data message (undefined before the first). */
  readonly lastMarketDataAt: number | undefined;
  readonly positions: ReadonlyArray<{ readonly ticker: string; readonly qty: number }>;
  /** Differences found by the last reconciliation with the venue (fills, orders, positions). */
  readonly reconciliationDifferences: number;
}

export type Severity = 'info' | 'warning' | 'critical';

export interface Breach {
  readonly value: number;
  readonly threshold: number;
  readonly message: string;
}

export interface AlertRule {
  readonly name: string;
  readonly severity: Severity;
  /** After firing, a new breach of this rule within this many ms is not sent again. */
  readonly cooldownMs: number;
  /** The breach, or undefined when the condition holds. */
  check(s: OpsSnapshot): Breach | undefined;
}

type RuleOptions = { name?: string; severity?: Severity; cooldownMs?: number };
const base = (name: string, severity: Severity, o: RuleOptions) => ({
  name: o.name ?? name,
  severity: o.severity ?? severity,
  cooldownMs: o.cooldownMs ?? 300_000,
});

const positive = (what: string, v: number): number => {
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${what} must be a positive number, got ${v}`);
  return v;
};

/** Equity more than `maxDrawdown` (a fraction, 0.2 = 20%) below its peak. */
export function drawdownRule(maxDrawdown: number, o: RuleOptions = {}): AlertRule {
  positive('drawdownRule: maxDrawdown', maxDrawdown);
  return {
    ...base('drawdown', 'critical', o),
    check: (s) => {
      const dd = s.peakEquity > 0 ? (s.peakEquity - s.equity) / s.peakEquity : 0;
      return dd > maxDrawdown
        ? {
            value: dd,
            threshold: maxDrawdown,
            message: `drawdown ${(dd * 100).toFixed(1)}% from peak ${s.peakEquity} exceeds ${(maxDrawdown * 100).toFixed(1)}%`,
          }
        : undefined;
    },
  };
}

/** More than `maxErrors` errors inside the error window. */
export function errorRateRule(maxErrors: number, o: RuleOptions = {}): AlertRule {
  if (!(Number.isInteger(maxErrors) && maxErrors >= 0))
    throw new RangeError(`errorRateRule: maxErrors must be a whole number ≥ 0, got ${maxErrors}`);
  return {
    ...base('error_rate', 'warning', o),
    check: (s) =>
      s.recentErrors > maxErrors
        ? { value: s.recentErrors, threshold: maxErrors, message: `${s.recentErrors} errors in the window (limit ${maxErrors})` }
        : undefined,
  };
}

/** The venue's circuit breaker is open (requests are failing fast). */
export function circuitOpenRule(o: RuleOptions = {}): AlertRule {
  return {
    ...base('circuit_open', 'critical', o),
    check: (s) =>
      s.circuitOpen ? { value: 1, threshold: 0, message: 'the venue circuit breaker is open: orders and reads fail fast' } : undefined,
  };
}

/** No market data for more than `maxAgeMs` (or none at all `maxAgeMs` after `startedAt`). */
export function staleDataRule(maxAgeMs: number, startedAt: number, o: RuleOptions = {}): AlertRule {
  positive('staleDataRule: maxAgeMs', maxAgeMs);
  return {
    ...base('stale_market_data', 'warning', o),
    check: (s) => {
      const age = s.time - (s.lastMarketDataAt ?? startedAt);
      return age > maxAgeMs
        ? {
            value: age,
            threshold: maxAgeMs,
            message: `no market data for ${(age / 1000).toFixed(1)} s (limit ${(maxAgeMs / 1000).toFixed(1)} s)`,
          }
        : undefined;
    },
  };
}

/** A position larger than `maxContracts` (either side) in any market. */
export function positionLimitRule(maxContracts: number, o: RuleOptions = {}): AlertRule {
  positive('positionLimitRule: maxContracts', maxContracts);
  return {
    ...base('position_limit', 'critical', o),
    check: (s) => {
      const worst = s.positions.reduce<{ ticker: string; qty: number } | undefined>(
        (w, p) => (Math.abs(p.qty) > Math.abs(w?.qty ?? 0) ? p : w),
        undefined,
      );
      return worst && Math.abs(worst.qty) > maxContracts
        ? {
            value: Math.abs(worst.qty),
            threshold: maxContracts,
            message: `position ${worst.qty} in ${worst.ticker} exceeds ${maxContracts} contracts`,
          }
        : undefined;
    },
  };
}

/** Reconciliation with the venue found differences (a fill or order the session did not know). */
export function reconciliationRule(o: RuleOptions = {}): AlertRule {
  return {
    ...base('reconciliation', 'critical', o),
    check: (s) =>
      s.reconciliationDifferences > 0
        ? {
            value: s.reconciliationDifferences,
            threshold: 0,
            message: `reconciliation with the venue found ${s.reconciliationDifferences} difference${s.reconciliationDifferences === 1 ? '' : 's'}`,
          }
        : undefined,
  };
}

/** Error times inside a sliding window, for the error-rate rule. */
export class ErrorWindow {
  private readonly times: number[] = [];
  constructor(readonly windowMs: number) {
    positive('ErrorWindow: windowMs', windowMs);
  }
  record(time: number): void {
    this.times.push(time);
  }
  count(now: number): number {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    return this.times.length;
  }
}

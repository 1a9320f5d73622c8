import { OmegaError } from '../../../core/errors.js';

/**
 * Exact conversions between Kalshi's fixed-point strings and integers. Prices become integer ticks of
 * the market's grid (units per contract: 100 on `linear_cent`, 1000 on deci-cent grids); money becomes
 * integer micro-dollars; counts become whole contracts. No float arithmetic touches a decimal string.
 */

const MICROS = 1_000_000;

export class FractionalCountError extends OmegaError {
  constructor(field: string, value: string) {
    super(
      'FRACTIONAL_COUNT',
      `${field} is ${JSON.stringify(value)}, a fractional contract count; this project trades whole contracts (markets with fractional_trading_enabled need a fractional-count client)`,
      { field, value },
    );
  }
}

export class DecimalFormatError extends OmegaError {
  constructor(field: string, value: unknown, what: string) {
    super('DECIMAL_FORMAT', `${field} must be ${what}, got ${JSON.stringify(value)}`, { field, value });
  }
}

/** "0.5600" → 560000 micro-dollars (exact; up to 6 decimals). */
export function dollarsToMicros(value: string, field = 'dollars'): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(value);
  if (!m) throw new DecimalFormatError(field, value, 'a dollar string with at most 6 decimals, like "0.5600"');
  const micros = Number(m[2]) * MICROS + Number((m[3] ?? '').padEnd(6, '0'));
  return m[1] ? -micros : micros;
}

/** Micro-dollars → a dollar string with `dp` decimals (4 by default, as Kalshi's prices). */
export function microsToDollars(micros: number, dp = 4): string {
  if (!Number.isSafeInteger(micros)) throw new DecimalFormatError('micros', micros, 'a safe integer');
  const neg = micros < 0;
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS);
  const frac = String(abs % MICROS).padStart(6, '0');
  const cut = frac.slice(0, dp);
  if (dp < 6 && Number(frac.slice(dp)) !== 0) throw new DecimalFormatError('micros', micros, `representable with ${dp} decimals`);
  return `${neg ? '-' : ''}${whole}${dp > 0 ? `.${cut}` : ''}`;
}

/** A YES price string → integer ticks on a grid of `unitsPerContract`; throws if it falls between ticks. */
export function dollarsToTicks(value: string, unitsPerContract: number, field = 'price'): number {
  const micros = dollarsToMicros(value, field);
  const scaled = micros * unitsPerContract;
  if (scaled % MICROS !== 0)
    throw new DecimalFormatError(
      field,
      value,
      `a multiple of $${microsToDollars(MICROS / unitsPerContract, 6).replace(/0+$/, '')} (this market's finest tick)`,
    );
  return scaled / MICROS;
}

/** Ticks → a 4-decimal dollar string ("0.5600"). */
export function ticksToDollars(ticks: number, unitsPerContract: number): string {
  return microsToDollars((ticks * MICROS) / unitsPerContract, 4);
}

/** "10.00" → 10. A fractional count throws {@link FractionalCountError} naming the field. */
export function fpToCount(value: string, field = 'count_fp'): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) throw new DecimalFormatError(field, value, 'a count string like "10.00"');
  if (m[3] !== undefined && Number(m[3]) !== 0) throw new FractionalCountError(field, value);
  const n = Number(m[2]);
  return m[1] ? -n : n;
}

/** 10 → "10.00". */
export function countToFp(count: number): string {
  if (!Number.isSafeInteger(count)) throw new DecimalFormatError('count', count, 'a whole number of contracts');
  return `${count}.00`;
}

/** Money units of a grid (cents on the cent grid) → micro-dollars. */
export function unitsToMicros(units: number, unitsPerContract: number): number {
  return Math.round((units * MICROS) / unitsPerContract);
}

/**
 * Numbers written by people: plain decimal notation only. `Number()` also reads hex (`0x10` → 16), binary,
 * octal, `Infinity` and whitespace-only strings (→ 0); in a seed, a CSV cell or a flag those are mistakes.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of a decimal string (surrounding spaces allowed), or NaN when it is not one. */
export function parseDecimal(text: string): number {
  const s = text.trim();
  return DECIMAL.test(s) ? Number(s) : Number.NaN;
}

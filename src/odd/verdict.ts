// What an ODD check is (evidence gathered, then judged) and the small helpers every judge uses.
import type { CheckContext } from './evidence.js';

export interface CheckResult {
  readonly pass: boolean;
  readonly detail: string;
}

/**
 * A check in two parts: `gather` collects the evidence (runs the model, reads files), `judge` decides on
 * it. Tests feed every `judge` evidence that must fail, so no check passes whatever it is shown.
 */
export interface Check<E> {
  readonly gather: (ctx: CheckContext) => E;
  readonly judge: (evidence: E) => CheckResult;
}

export const check = <E>(gather: (ctx: CheckContext) => E, judge: (evidence: E) => CheckResult): Check<E> => ({ gather, judge });
export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const ok = (pass: boolean, detail: string): CheckResult => ({ pass, detail });
export const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/backtest/scheduler.js';

/**
 * The reference is a plain list kept in (time, insertion) order by a stable sort — the order the scheduler's
 * heap promises, written with no heap at all.
 */
describe('Scheduler: earliest first, ties in the order scheduled', () => {
  it('matches a stable-sorted list under any mix of scheduling and popping (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(-1)), { maxLength: 80 }), (ops) => {
        const s = new Scheduler();
        const reference: Array<{ time: number; id: number }> = [];
        const got: number[] = [];
        const want: number[] = [];
        let id = 0;
        for (const op of ops) {
          if (op >= 0) {
            const mine = id++;
            s.at(op, () => void got.push(mine));
            reference.push({ time: op, id: mine });
            reference.sort((a, b) => a.time - b.time); // Array.prototype.sort is stable (ES2019)
          } else {
            const next = reference.shift();
            expect(s.peekTime()).toBe(next?.time ?? Infinity);
            const popped = s.pop();
            expect(popped?.time).toBe(next?.time);
            popped?.action();
            if (next) want.push(next.id);
          }
          expect(s.size).toBe(reference.length);
        }
        expect(got).toEqual(want);
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('an empty scheduler has no next time and pops nothing; a time must be finite', () => {
    const s = new Scheduler();
    expect(s.peekTime()).toBe(Infinity);
    expect(s.pop()).toBeUndefined();
    expect(() => s.at(Number.NaN, () => undefined)).toThrow(/time must be finite, got NaN/);
    expect(() => s.at(Infinity, () => undefined)).toThrow(/time must be finite, got Infinity/);
    expect(s.size).toBe(0);
  });

  it('five actions at one time run in the order they were scheduled, after an earlier one scheduled last', () => {
    const s = new Scheduler();
    const order: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) s.at(10, () => void order.push(name));
    s.at(5, () => void order.push('first'));
    for (let p = s.pop(); p; p = s.pop()) p.action();
    expect(order).toEqual(['first', 'a', 'b', 'c', 'd', 'e']);
  });
});

import type { Clock } from '../../src/core/clock.js';
import type { Timers } from '../../src/dashboard/index.js';

/**
 * A clock and timers that move only when a test says so: the dashboard's play loop runs against
 * them, so no test waits on (or measures) real time.
 */
export class FakeTime implements Clock, Timers {
  private t = 0;
  private nextId = 1;
  private queue: Array<{ id: number; at: number; fn: () => void }> = [];

  now(): number {
    return this.t;
  }

  /** Move the clock without firing timers (a slow step, seen from inside the loop). */
  bump(ms: number): void {
    this.t += ms;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ id, at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((q) => q.id !== handle);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Advance `ms`, firing each due timer in time order and letting its async work settle. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = this.queue.filter((q) => q.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.queue = this.queue.filter((q) => q !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
      await settle();
    }
    this.t = Math.max(this.t, end);
  }
}

/** Let pending promise callbacks run (the loop's awaits). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

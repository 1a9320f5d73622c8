/**
 * Time comes from an injected clock, never from the wall clock inside the core, so a backtest,
 * a simulation and a paper-trading session read time the same way (ms since the Unix epoch, or
 * simulation steps for models that have no calendar).
 */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to: simulations and backtests. */
export class ManualClock implements Clock {
  constructor(private t = 0) {}
  now(): number {
    return this.t;
  }
  set(t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`ManualClock.set: time must be a finite number, got ${t}`);
    if (t < this.t) throw new RangeError(`ManualClock.set: time cannot go backwards (${t} < ${this.t})`);
    this.t = t;
  }
  advance(dt: number): void {
    this.set(this.t + dt);
  }
}

/** The wall clock, for live and paper trading only. */
export const systemClock: Clock = { now: () => Date.now() }; // clock: the one sanctioned wall-clock read

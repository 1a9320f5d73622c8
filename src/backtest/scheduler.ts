/**
 * Actions due at given times, taken earliest first and, at equal times, in the order they were
 * scheduled (a binary min-heap on (time, sequence)). Written by hand: a dozen lines, where a queue
 * package would add a dependency for one data structure.
 */
export class Scheduler {
  private times: number[] = [];
  private seqs: number[] = [];
  private actions: Array<() => void> = [];
  private seq = 0;

  get size(): number {
    return this.times.length;
  }

  /** Time of the next action (Infinity when none). */
  peekTime(): number {
    return this.times.length > 0 ? this.times[0]! : Infinity;
  }

  at(time: number, action: () => void): void {
    if (!Number.isFinite(time)) throw new RangeError(`Scheduler.at: time must be finite, got ${time}`);
    let i = this.times.length;
    this.times.push(time);
    this.seqs.push(++this.seq);
    this.actions.push(action);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Remove and return the next action with its time. */
  pop(): { time: number; action: () => void } | undefined {
    const n = this.times.length;
    if (n === 0) return undefined;
    const out = { time: this.times[0]!, action: this.actions[0]! };
    this.swap(0, n - 1);
    this.times.pop();
    this.seqs.pop();
    this.actions.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.times.length && this.less(l, m)) m = l;
      if (r < this.times.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return out;
  }

  private less(a: number, b: number): boolean {
    return this.times[a]! < this.times[b]! || (this.times[a] === this.times[b] && this.seqs[a]! < this.seqs[b]!);
  }

  private swap(a: number, b: number): void {
    [this.times[a], this.times[b]] = [this.times[b]!, this.times[a]!];
    [this.seqs[a], this.seqs[b]] = [this.seqs[b]!, this.seqs[a]!];
    [this.actions[a], this.actions[b]] = [this.actions[b]!, this.actions[a]!];
  }
}

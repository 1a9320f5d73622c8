import { createHash } from 'node:crypto';
import prand from 'pure-rand';

type Generator = ReturnType<typeof prand.xoroshiro128plus>;

/** The 128-bit state of a stream, as four signed 32-bit words (pure-rand's xoroshiro128+ state). */
export type RngState = readonly number[];

/**
 * A seeded random stream: xoroshiro128+ from pure-rand, with the distributions simulations need.
 *
 * Streams are derived, not drawn: `Rng.derive(seed, 'agent', 17)` hashes the root seed and the labels
 * with SHA-256 into a full 128-bit state, so each agent's stream depends only on (seed, its labels).
 * Adding an agent, or one more draw in one agent, leaves every other stream unchanged, which is
 * what sequential seeding (ABIDES, Mesa) cannot promise.
 */
export class Rng {
  private readonly gen: Generator;
  private spareNormal = Number.NaN;

  private constructor(gen: Generator) {
    this.gen = gen;
  }

  /** A stream from a root seed (any safe integer). */
  static fromSeed(seed: number): Rng {
    return Rng.derive(seed);
  }

  /** An independent stream for (seed, ...labels), e.g. `Rng.derive(seed, 'agent', id)`. */
  static derive(seed: number, ...labels: readonly (string | number)[]): Rng {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
    const digest = createHash('sha256')
      .update(JSON.stringify([seed, ...labels]))
      .digest();
    const state = [digest.readInt32LE(0), digest.readInt32LE(4), digest.readInt32LE(8), digest.readInt32LE(12)];
    // xoroshiro128+ must not start from the all-zero state
    if (!state.some((w) => w !== 0)) state[0] = 1;
    return new Rng(prand.xoroshiro128plus.fromState(state));
  }

  static fromState(state: RngState): Rng {
    return new Rng(prand.xoroshiro128plus.fromState(state));
  }

  /** The current state, to checkpoint and resume the stream exactly. */
  state(): RngState {
    return this.gen.getState?.() ?? [];
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.gen.unsafeNext() >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.gen.unsafeNext() >>> 5; // 27 bits
    const lo = this.gen.unsafeNext() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!(Number.isInteger(min) && Number.isInteger(max) && min <= max))
      throw new RangeError(`int(min, max) needs integers with min ≤ max, got ${min}, ${max}`);
    return prand.unsafeUniformIntDistribution(min, max, this.gen);
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal (Marsaglia polar method; the spare value is kept, so draws come in pairs). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + sd * u * f;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Poisson count with rate λ (Knuth's method for small λ, normal approximation above 30). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick: the list is empty');
    return items[this.int(0, items.length - 1)]!;
  }

  /** Shuffle in place (Fisher–Yates) and return the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}

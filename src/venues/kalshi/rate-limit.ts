import type { Clock } from '../../core/clock.js';

/**
 * Kalshi's rate limits (KALSHI_API.md §5, §0a): two token buckets per user, read (GETs) and write
 * (order create/amend/decrease/cancel). A request costs 10 tokens by default; a batch costs the sum
 * of its items; a cancel costs 2 tokens per order. A Basic write bucket holds 1 s of refill, higher
 * tiers 2 s (the write burst). No `Retry-After` comes back, so a client must pace itself.
 */

export type UsageTier = 'basic' | 'advanced' | 'premier' | 'paragon' | 'prime';
export type BucketKind = 'read' | 'write';

export interface BucketLimit {
  /** Tokens added per second. */
  readonly refillRate: number;
  readonly capacity: number;
}

export const TIER_LIMITS: Readonly<Record<UsageTier, { readonly read: BucketLimit; readonly write: BucketLimit }>> = {
  basic: { read: { refillRate: 200, capacity: 200 }, write: { refillRate: 100, capacity: 100 } },
  advanced: { read: { refillRate: 300, capacity: 300 }, write: { refillRate: 300, capacity: 600 } },
  premier: { read: { refillRate: 1000, capacity: 1000 }, write: { refillRate: 1000, capacity: 2000 } },
  paragon: { read: { refillRate: 2000, capacity: 2000 }, write: { refillRate: 2000, capacity: 4000 } },
  prime: { read: { refillRate: 4000, capacity: 4000 }, write: { refillRate: 4000, capacity: 8000 } },
};

export const USAGE_TIERS = Object.keys(TIER_LIMITS) as UsageTier[];

export const COST = { request: 10, cancelPerOrder: 2, createPerOrder: 10 } as const;

/** The cost and bucket of one request. */
export function requestCost(method: string, path: string, body?: unknown): { kind: BucketKind; cost: number } {
  const m = method.toUpperCase();
  if (m === 'GET') return { kind: 'read', cost: COST.request };
  const items = (body as { orders?: unknown[] } | undefined)?.orders;
  const isBatch = /\/orders\/batched$/.test(path) && Array.isArray(items);
  if (m === 'DELETE') return { kind: 'write', cost: isBatch ? COST.cancelPerOrder * items!.length : COST.cancelPerOrder };
  return { kind: 'write', cost: isBatch ? COST.createPerOrder * items!.length : COST.request };
}

/** A token bucket on an injected clock (ms). */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: BucketLimit,
    private readonly clock: Clock,
  ) {
    this.tokens = limit.capacity;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.limit.capacity, this.tokens + ((now - this.last) / 1000) * this.limit.refillRate);
      this.last = now;
    }
  }

  /** Take `cost` tokens if available now. */
  tryTake(cost: number): boolean {
    this.refill();
    if (this.tokens + 1e-9 < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Milliseconds until `cost` tokens are available (0 if now). A cost above capacity waits for a full bucket. */
  waitMs(cost: number): number {
    this.refill();
    const need = Math.min(cost, this.limit.capacity) - this.tokens;
    return need <= 0 ? 0 : Math.ceil((need / this.limit.refillRate) * 1000);
  }

  /** Take tokens, going into debt if needed (a client that has waited for a batch larger than capacity). */
  take(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }

  get available(): number {
    this.refill();
    return this.tokens;
  }
}

/** A read and a write bucket for one tier. */
export class RateLimiter {
  readonly read: TokenBucket;
  readonly write: TokenBucket;
  constructor(
    readonly tier: UsageTier,
    clock: Clock,
    limits: { read: BucketLimit; write: BucketLimit } = TIER_LIMITS[tier],
  ) {
    this.read = new TokenBucket(limits.read, clock);
    this.write = new TokenBucket(limits.write, clock);
  }

  bucket(kind: BucketKind): TokenBucket {
    return kind === 'read' ? this.read : this.write;
  }
}

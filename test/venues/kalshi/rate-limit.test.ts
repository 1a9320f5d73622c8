import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { RateLimiter, TIER_LIMITS, TokenBucket, requestCost } from '../../../src/venues/kalshi/index.js';

describe('token buckets (KALSHI_API.md §5)', () => {
  it('basic tier: 10 writes of 10 tokens fit the 100-token bucket, the 11th waits 100 ms', () => {
    const clock = new ManualClock(0);
    const l = new RateLimiter('basic', clock);
    let accepted = 0;
    for (let i = 0; i < 20; i++) if (l.write.tryTake(10)) accepted++;
    expect(accepted).toBe(10);
    expect(l.write.waitMs(10)).toBe(100); // 100 tokens/s
    clock.advance(100);
    expect(l.write.tryTake(10)).toBe(true);
    expect(l.write.tryTake(10)).toBe(false);
    // the read bucket is separate
    expect(l.read.tryTake(10)).toBe(true);
  });

  it('higher tiers hold a 2 s write burst', () => {
    expect(TIER_LIMITS.advanced.write.capacity).toBe(2 * TIER_LIMITS.advanced.write.refillRate);
    expect(TIER_LIMITS.basic.write.capacity).toBe(TIER_LIMITS.basic.write.refillRate);
  });

  it('refill never exceeds capacity', () => {
    const clock = new ManualClock(0);
    const b = new TokenBucket({ refillRate: 100, capacity: 50 }, clock);
    expect(b.tryTake(50)).toBe(true);
    clock.advance(10_000);
    expect(b.available).toBe(50);
  });

  it('costs: reads 10, writes 10, batch create 10 per order, cancels 2 per order', () => {
    expect(requestCost('GET', '/markets')).toEqual({ kind: 'read', cost: 10 });
    expect(requestCost('POST', '/portfolio/events/orders', {})).toEqual({ kind: 'write', cost: 10 });
    expect(requestCost('POST', '/portfolio/events/orders/batched', { orders: [1, 2, 3] })).toEqual({ kind: 'write', cost: 30 });
    expect(requestCost('DELETE', '/portfolio/events/orders/batched', { orders: [1, 2, 3, 4] })).toEqual({ kind: 'write', cost: 8 });
    expect(requestCost('DELETE', '/portfolio/events/orders/abc')).toEqual({ kind: 'write', cost: 2 });
  });
});

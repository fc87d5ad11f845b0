import { describe, expect, it } from 'vitest';
import { RequestRateLimit } from './request-rate-limit.js';

describe('per-address request ceiling', () => {
  it('allows up to the limit per address and says how long to wait', () => {
    let now = 60_000;
    const limiter = new RequestRateLimit(3, 60_000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    now += 15_000;
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
    now = 180_000;
    expect(limiter.take('a')).toBe(0);
  });

  it('lets no more than the limit through in any minute, also across a minute boundary', () => {
    let now = 0;
    const limit = 600;
    const limiter = new RequestRateLimit(limit, 60_000, () => now);
    // The fixed-window attack: a full minute's worth in the last second of one minute …
    now = 59_000;
    let passed = 0;
    for (let i = 0; i < limit; i++) if (limiter.take('a') === 0) passed++;
    // … and again in the first second of the next one.
    now = 60_500;
    for (let i = 0; i < limit; i++) if (limiter.take('a') === 0) passed++;
    expect(passed).toBeLessThanOrEqual(limit + Math.ceil(limit / 60));
  });

  it('never refuses a steady client under the limit, and its Retry-After is honest', () => {
    let now = 0;
    const limiter = new RequestRateLimit(60, 60_000, () => now);
    // 54 requests a minute (one every 1.1 s) for three minutes: never refused.
    for (let i = 0; i < 165; i++) {
      now = i * 1100;
      expect(limiter.take('steady')).toBe(0);
    }
    for (let i = 0; i < 10; i++) limiter.take('steady');
    // A burst on top is refused; waiting as long as told lets the next one through.
    const retryAfter = limiter.take('steady');
    expect(retryAfter).toBeGreaterThan(0);
    now += retryAfter * 1000;
    expect(limiter.take('steady')).toBe(0);
  });
});

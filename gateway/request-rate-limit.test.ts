import { describe, expect, it } from 'vitest';
import { RequestRateLimit } from './request-rate-limit.js';

describe('per-address request ceiling', () => {
  it('allows up to the limit per window and says when the window resets', () => {
    let now = 60_000;
    const limiter = new RequestRateLimit(3, 60_000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    now += 15_000;
    expect(limiter.take('a')).toBe(45);
    expect(limiter.take('b')).toBe(0);
    now = 120_000;
    expect(limiter.take('a')).toBe(0);
  });
});

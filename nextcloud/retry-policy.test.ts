import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, retryAfterMs } from './retry-policy.js';

/**
 * Retry-After decides how long the gateway holds a customer's request before trying again, so a
 * misread header means either hammering a Nextcloud that asked for rest or waiting for nothing.
 */
describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('reads delta-seconds, including several digits and surrounding spaces', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 3 ', now)).toBe(3_000);
    expect(retryAfterMs('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then, and a date already past as no wait', () => {
    expect(retryAfterMs('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 11:59:00 GMT', now)).toBe(0);
  });

  it('treats a missing or unreadable header as absent rather than as a number', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('5s', now)).toBeNull();
    expect(retryAfterMs('x5', now)).toBeNull();
  });
});

describe('isRetryableStatus', () => {
  it('retries gateway trouble and rate limits, not a 500 that would fail the same way again', () => {
    expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 500].some(isRetryableStatus)).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  it('doubles per attempt, keeps half fixed and half random, and caps at one second', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(50);
    expect(backoffDelayMs(0, () => 1)).toBe(100);
    expect(backoffDelayMs(2, () => 0.5)).toBe(300);
    expect(backoffDelayMs(10, () => 1)).toBe(1_000);
  });
});

import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

function breakerWithClock(options: { failureThreshold?: number; cooldownMs?: number } = {}) {
  const clock = { t: 1_000_000 };
  const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 5_000, ...options, now: () => clock.t });
  return { breaker, clock };
}

function fail(breaker: CircuitBreaker, times: number) {
  for (let i = 0; i < times; i += 1) {
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
  }
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and forgets failures after a success', () => {
    const { breaker } = breakerWithClock();
    fail(breaker, 2);
    breaker.recordSuccess();
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and refuses calls during the cool-down', () => {
    const { breaker, clock } = breakerWithClock();
    fail(breaker, 3);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    clock.t += 4_999;
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('lets exactly one probe through after the cool-down and closes when it succeeds', () => {
    const { breaker, clock } = breakerWithClock();
    fail(breaker, 3);
    clock.t += 5_000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('re-opens for a full cool-down when the probe fails', () => {
    const { breaker, clock } = breakerWithClock();
    fail(breaker, 3);
    clock.t += 5_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    clock.t += 4_000;
    expect(breaker.tryAcquire()).toBe(false);
    clock.t += 1_000;
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('does not wedge shut when a probe never reports back', () => {
    const { breaker, clock } = breakerWithClock();
    fail(breaker, 3);
    clock.t += 5_000;
    expect(breaker.tryAcquire()).toBe(true); // the probe is lost
    clock.t += 4_999;
    expect(breaker.tryAcquire()).toBe(false);
    clock.t += 1; // exactly one cool-down after the lost probe
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('keeps breakers independent (one per tenant)', () => {
    const a = breakerWithClock();
    const b = breakerWithClock();
    fail(a.breaker, 3);
    expect(a.breaker.tryAcquire()).toBe(false);
    expect(b.breaker.tryAcquire()).toBe(true);
  });
});

describe('CircuitBreaker and calls cut short by their own caller', () => {
  it('counts an inconclusive call neither as failure nor as success', () => {
    const { breaker } = breakerWithClock();
    fail(breaker, 2);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordInconclusive();
    expect(breaker.state).toBe('closed');
    fail(breaker, 1);
    expect(breaker.state).toBe('open');
  });

  it('frees the half-open probe slot when the probe ends inconclusive', () => {
    const { breaker, clock } = breakerWithClock();
    fail(breaker, 3);
    clock.t += 5_000;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordInconclusive();
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
  });
});

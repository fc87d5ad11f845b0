import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import type { HitStoreKind } from './hit-store.js';
import { RateLimiter } from './rate-limiter.js';

const connection = useTestDatabase();
const rule = { limit: 3, windowMs: 60_000 };

// Both stores keep the same rules: memory serves the embedded engine, the database MongoDB.
describe.each<HitStoreKind>(['memory', 'database'])('RateLimiter (hits in %s)', (store) => {
  const createLimiter = (now: () => Date) => new RateLimiter(connection(), now, { store });

  it('allows up to the limit in a window, then answers the real wait', async () => {
    const clock = createTestClock();
    const limiter = createLimiter(clock.now);
    const key = `k:${Math.random()}`;
    for (let i = 0; i < 3; i++) {
      expect(await limiter.hit(key, rule)).toEqual({ allowed: true, retryAfterSeconds: 0, firstRefusal: false });
      clock.advance(10_000);
    }
    // Hits at 0 s, 10 s, 20 s and this refused one at 30 s (refused hits count too): a new hit
    // fits once only two remain, when the one at 10 s leaves the window at 70 s. Only this first
    // refusal is flagged as such, so callers can audit a flood once.
    expect(await limiter.hit(key, rule)).toEqual({ allowed: false, retryAfterSeconds: 40, firstRefusal: true });
    expect(await limiter.hit(key, rule)).toMatchObject({ allowed: false, firstRefusal: false });
  });

  it('lets a caller in again when it waits as long as it was told', async () => {
    const clock = createTestClock();
    const limiter = createLimiter(clock.now);
    const key = `k:${Math.random()}`;
    for (let i = 0; i < 3; i++) await limiter.hit(key, rule);
    const refused = await limiter.hit(key, rule);
    expect(refused.allowed).toBe(false);
    clock.advance(refused.retryAfterSeconds * 1000);
    expect((await limiter.hit(key, rule)).allowed).toBe(true);
  });

  it('cannot be raced: of 20 concurrent hits at most `limit` pass', async () => {
    const limiter = createLimiter(createTestClock().now);
    const key = `k:${Math.random()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.hit(key, rule)));
    expect(results.filter((r) => r.allowed).length).toBeLessThanOrEqual(3);
  });

  it('keeps keys apart', async () => {
    const limiter = createLimiter(createTestClock().now);
    for (let i = 0; i < 3; i++) await limiter.hit('a:1', rule);
    expect((await limiter.hit('a:2', rule)).allowed).toBe(true);
  });

  it('enforce() throws RATE_LIMITED with retryAfter', async () => {
    const limiter = createLimiter(createTestClock().now);
    const key = `k:${Math.random()}`;
    for (let i = 0; i < 3; i++) await limiter.enforce(key, rule);
    await expect(limiter.enforce(key, rule)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfter: 60 } });
  });

  it('purgeExpired removes only hits no window counts any more', async () => {
    const clock = createTestClock();
    const limiter = createLimiter(clock.now);
    const key = `purge:${Math.random()}`;
    await limiter.hit(key, rule);
    clock.advance(30_000);
    await limiter.hit(key, rule);
    clock.advance(31_000);
    expect(await limiter.purgeExpired(clock.now())).toBeGreaterThanOrEqual(1);
    // The hit at 30 s still counts: two more fit in its window, the third does not.
    expect((await limiter.hit(key, rule)).allowed).toBe(true);
    expect((await limiter.hit(key, rule)).allowed).toBe(true);
    expect((await limiter.hit(key, rule)).allowed).toBe(false);
  });

  it('reset forgets a key, and only that key', async () => {
    const limiter = createLimiter(createTestClock().now);
    const key = `reset:${Math.random()}`;
    const other = `reset-other:${Math.random()}`;
    for (let i = 0; i < 4; i++) await limiter.hit(key, rule);
    for (let i = 0; i < 4; i++) await limiter.hit(other, rule);
    await limiter.reset(key);
    expect((await limiter.hit(key, rule)).allowed).toBe(true);
    // One person signing in must not lift the limit on anybody else's attempts.
    expect((await limiter.hit(other, rule)).allowed).toBe(false);
  });
});

describe('RateLimiter on the embedded engine', () => {
  it('keeps hits in the database by default, so two gateways on one database share the limit', async () => {
    const clock = createTestClock();
    const one = new RateLimiter(connection(), clock.now);
    const other = new RateLimiter(connection(), clock.now);
    const key = `shared:${Math.random()}`;
    for (let i = 0; i < rule.limit; i++) expect((await (i % 2 ? one : other).hit(key, rule)).allowed).toBe(true);
    expect(await connection().collection('rateLimitHits').countDocuments({ key })).toBeGreaterThan(0);
    expect((await one.hit(key, rule)).allowed).toBe(false);
    expect((await other.hit(key, rule)).allowed).toBe(false);
  });
});

describe('RateLimiter with hits in memory', () => {
  const window = { limit: 3, windowMs: 10_000 };

  it('keeps its hits out of the database', async () => {
    const limiter = new RateLimiter(connection(), createTestClock().now, { store: 'memory' });
    const key = `memory-only:${Math.random()}`;
    for (let i = 0; i < 4; i++) await limiter.hit(key, window);
    expect(await connection().collection('rateLimitHits').countDocuments({ key })).toBe(0);
  });

  // purgeExpired answers how many hits memory still held: what a flood leaves behind.
  it('holds no more than the few newest hits of a key under a flood', async () => {
    const clock = createTestClock();
    const limiter = new RateLimiter(connection(), clock.now, { store: 'memory' });
    for (let i = 0; i < 50; i++) await limiter.hit('flood', window);
    clock.advance(window.windowMs);
    await limiter.hit('still-counting', window);
    // limit + 2 are enough to decide (rate-limiter.ts): the rest were dropped as they came. The
    // hit that still counts is kept, and not counted as forgotten.
    expect(await limiter.purgeExpired()).toBe(window.limit + 2);
  });

  it('drops a key’s expired hits as soon as the key is hit again', async () => {
    const clock = createTestClock();
    const limiter = new RateLimiter(connection(), clock.now, { store: 'memory' });
    await limiter.hit('again', window);
    clock.advance(window.windowMs); // the first hit expires exactly now
    await limiter.hit('again', window);
    clock.advance(window.windowMs);
    expect(await limiter.purgeExpired()).toBe(1);
  });

  it('sweeps idle keys once a minute while other keys are hit', async () => {
    const clock = createTestClock();
    const limiter = new RateLimiter(connection(), clock.now, { store: 'memory' });
    await limiter.hit('idle', window); // the first hit sweeps (nothing yet) and starts the minute
    clock.advance(30_000);
    await limiter.hit('busy', window); // within the minute: no sweep
    clock.advance(30_000);
    await limiter.hit('busy', window); // a minute after the last sweep: 'idle' and the first 'busy' hit go
    clock.advance(window.windowMs);
    expect(await limiter.purgeExpired()).toBe(1);
  });
});

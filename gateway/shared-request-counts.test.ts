import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { REQUEST_COUNTS_COLLECTION, RequestCountStore } from '../domain/rate-limit/request-counts.js';
import { useTestDatabase } from '../test/db.js';
import { RequestRateLimit } from './request-rate-limit.js';
import { SharedRequestCounts } from './shared-request-counts.js';

// Two replicas' request ceilings on one (embedded) database, synced by hand instead of by timer.

const db = useTestDatabase();
const logger = createLogger({ level: 'silent' });
const MINUTE = 60_000;

function replica(name: string, clock: { now: number }, limit = 10) {
  const counts = new SharedRequestCounts(new RequestCountStore(db()), MINUTE, { logger, process: name, now: () => clock.now });
  return { counts, limit: new RequestRateLimit(limit, MINUTE, () => clock.now, counts) };
}

const takeMany = (limiter: RequestRateLimit, key: string, times: number) =>
  Array.from({ length: times }, () => limiter.take(key));

describe('request ceiling shared by replicas', () => {
  it('lets the limit through across two replicas, not twice the limit', async () => {
    const clock = { now: 10 * MINUTE + 1_000 };
    const a = replica('a', clock);
    const b = replica('b', clock);
    const key = `203.0.113.${Math.floor(Math.random() * 250)}`;

    expect(takeMany(a.limit, key, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    await a.counts.sync();
    await b.counts.sync();
    // B knows A served 6 of the 10: four more pass there, then it refuses with an honest wait.
    expect(takeMany(b.limit, key, 4)).toEqual([0, 0, 0, 0]);
    const refused = b.limit.take(key);
    expect(refused).toBeGreaterThan(0);
    await b.counts.sync();
    await a.counts.sync();
    expect(a.limit.take(key)).toBeGreaterThan(0);
    // Other addresses are not affected.
    expect(a.limit.take(`${key}0`)).toBe(0);

    // The previous minute still weighs in (sliding window), then it is free again.
    clock.now += MINUTE;
    await a.counts.sync();
    expect(a.limit.take(key)).toBeGreaterThan(0);
    clock.now += MINUTE;
    await a.counts.sync();
    expect(a.limit.take(key)).toBe(0);
  });

  it('forgets minutes no window counts any more, so the collection stays small', async () => {
    const clock = { now: 100 * MINUTE };
    const a = replica('a', clock);
    a.limit.take('198.51.100.7');
    await a.counts.sync();
    const stored = () => db().db!.collection(REQUEST_COUNTS_COLLECTION).countDocuments({ key: '198.51.100.7' });
    expect(await stored()).toBe(1);
    clock.now += 2 * MINUTE;
    await a.counts.sync();
    expect(await stored()).toBe(0);
  });

  it('keeps deciding from memory when the database is away, and publishes later', async () => {
    const clock = { now: 200 * MINUTE };
    let down = true;
    const store = new RequestCountStore(db());
    const flaky = Object.assign(Object.create(store) as RequestCountStore, {
      publish: (process: string, counts: Parameters<RequestCountStore['publish']>[1]) =>
        down ? Promise.reject(new Error('database away')) : store.publish(process, counts),
    });
    const counts = new SharedRequestCounts(flaky, MINUTE, { logger, process: 'flaky', now: () => clock.now });
    const limiter = new RequestRateLimit(3, MINUTE, () => clock.now, counts);
    expect(takeMany(limiter, '192.0.2.1', 4).map((wait) => wait > 0)).toEqual([false, false, false, true]);
    await counts.sync();
    down = false;
    await counts.sync();
    const b = replica('b', clock, 3);
    await b.counts.sync();
    expect(b.limit.take('192.0.2.1')).toBeGreaterThan(0);
  });
});

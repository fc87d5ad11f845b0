import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { DatabaseHitStore } from './database-hit-store.js';
import type { HitStore, HitStoreKind } from './hit-store.js';
import { MemoryHitStore } from './memory-hit-store.js';

/**
 * What the rate limiter asks of a hit store, held by both: `newest` is the count a decision is
 * made on, so a hit too many, a hit out of the window or the wrong order lets a caller through or
 * locks one out.
 */
const connection = useTestDatabase();
const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe.each<HitStoreKind>(['memory', 'database'])('hit store (%s)', (kind) => {
  const createStore = (): HitStore => (kind === 'memory' ? new MemoryHitStore() : new DatabaseHitStore(connection()));
  const add = (store: HitStore, key: string, seconds: number, keep = 10) =>
    store.add({ id: randomUUID(), key, at: at(seconds), expiresAt: at(seconds + 600) }, keep);

  it('answers the newest hits first, at most as many as asked, whatever order they arrived in', async () => {
    const store = createStore();
    const key = `order:${randomUUID()}`;
    // Hits of concurrent requests do not always arrive in the order of their times.
    for (const s of [3, 1, 4, 2]) await add(store, key, s);
    expect(seconds(await store.newest(key, at(0), 10))).toEqual([4, 3, 2, 1]);
    expect(seconds(await store.newest(key, at(0), 2))).toHaveLength(2);
    expect(seconds(await store.newest(`${key}:other`, at(0), 10))).toEqual([]);
  });

  it('counts only hits later than the window start, not one exactly on it', async () => {
    const store = createStore();
    const key = `window:${randomUUID()}`;
    for (const s of [1, 2, 3]) await add(store, key, s);
    expect(seconds(await store.newest(key, at(2), 10))).toEqual([3]);
    expect(seconds(await store.newest(key, at(3), 10))).toEqual([]);
  });
});

describe('hit store in memory', () => {
  it('keeps the newest `keep` hits of a key, all of them up to that number', async () => {
    const store = new MemoryHitStore();
    for (const s of [1, 2, 3]) await store.add({ id: randomUUID(), key: 'k', at: at(s), expiresAt: at(s + 600) }, 3);
    expect((await store.newest('k', at(0), 10)).length).toBe(3);
    await store.add({ id: randomUUID(), key: 'k', at: at(4), expiresAt: at(604) }, 3);
    expect(seconds(await store.newest('k', at(0), 10))).toEqual([4, 3, 2]);
  });
});

function seconds(dates: Date[]) {
  return dates.map((date) => (date.getTime() - T0) / 1000);
}

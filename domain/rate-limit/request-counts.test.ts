import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { RequestCountStore } from './request-counts.js';

const db = useTestDatabase();
const MINUTE = 60_000;

// What one replica reads back of the shared counts: the other replicas' recent windows only.
describe('RequestCountStore', () => {
  it("answers the other processes' counts since a window, never this process's own or older ones", async () => {
    const store = new RequestCountStore(db());
    const key = `203.0.113.${Math.floor(Math.random() * 250)}|${Math.random()}`;
    await store.publish('a', [
      { key, window: 10 * MINUTE, count: 4 },
      { key, window: 11 * MINUTE, count: 6 },
    ]);
    await store.publish('b', [
      { key, window: 9 * MINUTE, count: 9 },
      { key, window: 11 * MINUTE, count: 2 },
    ]);
    const seenByA = (await store.othersSince('a', 10 * MINUTE)).filter((c) => c.key === key);
    // Counting its own requests again would halve a replica's ceiling.
    expect(seenByA).toEqual([{ key, window: 11 * MINUTE, count: 2 }]);
    const seenByB = (await store.othersSince('b', 10 * MINUTE)).filter((c) => c.key === key);
    expect(seenByB.sort((x, y) => x.window - y.window)).toEqual([
      { key, window: 10 * MINUTE, count: 4 },
      { key, window: 11 * MINUTE, count: 6 },
    ]);
  });

  it('replaces a window’s count when the process publishes it again', async () => {
    const store = new RequestCountStore(db());
    const key = `198.51.100.${Math.floor(Math.random() * 250)}|${Math.random()}`;
    await store.publish('a', [{ key, window: 20 * MINUTE, count: 1 }]);
    await store.publish('a', [{ key, window: 20 * MINUTE, count: 5 }]);
    expect((await store.othersSince('b', 20 * MINUTE)).filter((c) => c.key === key)).toEqual([
      { key, window: 20 * MINUTE, count: 5 },
    ]);
  });

  it('publishes nothing, without failing, for a process that counted nothing', async () => {
    const store = new RequestCountStore(db());
    await expect(store.publish('idle', [])).resolves.toBeUndefined();
  });

  it('forgets windows before a time, and says how many', async () => {
    const store = new RequestCountStore(db());
    const key = `192.0.2.${Math.floor(Math.random() * 250)}|${Math.random()}`;
    await store.publish('a', [
      { key, window: 1_000 * MINUTE, count: 1 },
      { key, window: 1_001 * MINUTE, count: 2 },
    ]);
    await store.publish('b', [{ key, window: 1_000 * MINUTE, count: 3 }]);
    const purged = await store.purgeBefore(1_001 * MINUTE);
    expect(purged).toBeGreaterThanOrEqual(2);
    expect((await store.othersSince('c', 0)).filter((c) => c.key === key)).toEqual([{ key, window: 1_001 * MINUTE, count: 2 }]);
  });
});

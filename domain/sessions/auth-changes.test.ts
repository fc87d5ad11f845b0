import type { Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { collectionNamed } from '../../store/collection.js';
import { AuthChanges, type AuthChangesTiming, type AuthSignalDocument } from './auth-changes.js';

/** Each AuthChanges is one process's reader of the signal; each test has a signal collection of its own. */
const db = useTestDatabase();
let collections = 0;

function signalOf(): () => Collection<AuthSignalDocument> {
  const name = `auth_changes_test_${++collections}`;
  return () => collectionNamed<AuthSignalDocument>(db(), name);
}

function processOn(signal: () => Collection<AuthSignalDocument>, timing: Partial<AuthChangesTiming> = {}) {
  let reads = 0;
  let failing = false;
  const counted = () => {
    const collection = signal();
    return new Proxy(collection, {
      get(target, property, receiver) {
        if (property !== 'findOne') return Reflect.get(target, property, receiver);
        return (...args: Parameters<Collection<AuthSignalDocument>['findOne']>) => {
          reads += 1;
          if (failing) return Promise.reject(new Error('connection reset'));
          return target.findOne(...args);
        };
      },
    });
  };
  const changes = new AuthChanges(counted, timing);
  return {
    changes,
    reads: () => reads,
    failReads: (fail: boolean) => (failing = fail),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AuthChanges', () => {
  it('has no current picture until its first read of the signal completed', async () => {
    const { changes } = processOn(signalOf());
    expect(changes.fresh()).toBeNull();
    await expect.poll(() => changes.fresh()).not.toBeNull();
  });

  it('moves its generation on when another process announces a change, and that change returns only after settleMs', async () => {
    const signal = signalOf();
    const here = processOn(signal).changes;
    const there = processOn(signal).changes;
    await expect.poll(() => here.fresh()).not.toBeNull();
    const before = here.fresh()!;
    const started = performance.now();
    await there.changed();
    expect(performance.now() - started).toBeGreaterThanOrEqual(99);
    // Settled: this process's current picture already knows.
    expect(here.fresh()).toBeGreaterThan(before);
  });

  it('moves on at once for a change made in this process', async () => {
    const { changes } = processOn(signalOf());
    await expect.poll(() => changes.fresh()).not.toBeNull();
    const before = changes.generation;
    await changes.changed({ settle: false });
    expect(changes.generation).toBeGreaterThan(before);
  });

  it('a change that does not settle returns without waiting, and others learn of it within a poll', async () => {
    const signal = signalOf();
    const here = processOn(signal).changes;
    const there = processOn(signal, { settleMs: 5_000 }).changes;
    await expect.poll(() => here.fresh()).not.toBeNull();
    const before = here.generation;
    const started = performance.now();
    await there.changed({ settle: false });
    expect(performance.now() - started).toBeLessThan(2_500);
    await expect.poll(() => here.fresh()).toBeGreaterThan(before);
  });

  it('two processes announcing their first change at once both succeed, and a third sees a change', async () => {
    const signal = signalOf();
    const watcher = processOn(signal).changes;
    await expect.poll(() => watcher.fresh()).not.toBeNull();
    const before = watcher.generation;
    await Promise.all([processOn(signal).changes.changed(), processOn(signal).changes.changed()]);
    expect(watcher.fresh()).toBeGreaterThan(before);
  });

  it('has no current picture once its reads fail for longer than freshForMs', async () => {
    const process = processOn(signalOf(), { pollEveryMs: 5, freshForMs: 40, settleMs: 60 });
    await expect.poll(() => process.changes.fresh()).not.toBeNull();
    process.failReads(true);
    await sleep(60);
    expect(process.changes.fresh()).toBeNull();
    process.failReads(false);
    await expect.poll(() => process.changes.fresh()).not.toBeNull();
  });

  it('stops reading the signal when nothing has asked for idleAfterMs, and starts again when asked', async () => {
    const process = processOn(signalOf(), { pollEveryMs: 5, idleAfterMs: 50 });
    await expect.poll(() => process.changes.fresh()).not.toBeNull();
    await sleep(120);
    const quiet = process.reads();
    await sleep(60);
    expect(process.reads()).toBe(quiet);
    expect(process.changes.fresh()).toBeNull();
    await expect.poll(() => process.changes.fresh()).not.toBeNull();
  });

  it('refuses timings under which a settled change could go unseen', () => {
    expect(() => new AuthChanges(signalOf(), { freshForMs: 100, settleMs: 100 })).toThrow(/settleMs must exceed freshForMs/);
  });
});

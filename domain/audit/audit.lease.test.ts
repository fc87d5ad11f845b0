import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/errors.js';
import { testMongoUri, useTestDatabase } from '../../test/db.js';
import { AuditBusyError } from './audit.busy-error.js';
import { AUDIT_LEASE_COLLECTION, AuditLeaseStore, WriterTurns, type WriterTurnOptions } from './audit.lease.js';
import type { AuditWriteMetrics } from './audit.metrics.js';
import { newTenantId } from './audit.test-support.js';

/**
 * Turn-taking between replicas writing one tenant's chain, on the real engine: each WriterTurns is
 * one replica. The chain stays correct without it (unique `_id`s); these tests pin down what the
 * turns promise on top: one holder at a time, the one queue place, bounded waits, takeovers of
 * what a dead replica left behind, and that nobody removes a document that is not theirs.
 */
const db = useTestDatabase();

function recordingMetrics() {
  const seen = { waited: [] as number[], takeovers: 0 };
  const metrics: AuditWriteMetrics = {
    collision: () => {},
    waited: (seconds) => seen.waited.push(seconds),
    takeover: () => (seen.takeovers += 1),
    busy: () => {},
  };
  return { metrics, seen };
}

/** One replica's turns; `inserts` lists the `_id` of every insert it tried. */
function replica(options: WriterTurnOptions = {}, store = new AuditLeaseStore(db())) {
  const { metrics, seen } = recordingMetrics();
  const inserts: string[] = [];
  const tryInsert = store.tryInsert.bind(store);
  store.tryInsert = (doc) => {
    inserts.push(doc._id);
    return tryInsert(doc);
  };
  return { turns: new WriterTurns(store, { pollMs: 2, ...options }, metrics), seen, inserts };
}

const leases = () => db().collection<{ _id: string; holder: string; token: string }>(AUDIT_LEASE_COLLECTION);
const leaseOf = (tenantId: string) => leases().findOne({ _id: `${tenantId}:lease` });
const queuePlaceOf = (tenantId: string) => leases().findOne({ _id: `${tenantId}:next` });
/** A document another replica inserted (and perhaps died holding). */
const foreign = (tenantId: string, kind: 'lease' | 'next', token = 'foreign-token') =>
  leases().insertOne({ _id: `${tenantId}:${kind}`, tenantId, holder: 'dead-replica', token, acquiredAt: new Date() } as never);

describe('WriterTurns', () => {
  it('gives a free lease at once, shows it to others only, and hands it back on release', async () => {
    const tenantId = newTenantId('free');
    const a = replica();
    const b = replica();
    const turn = await a.turns.acquire(tenantId);
    expect(turn.waited).toBe(false);
    expect(a.seen.waited).toEqual([]);
    // The common case is one insert: straight for the lease, no queue place.
    expect(a.inserts).toEqual([`${tenantId}:lease`]);
    expect(await leaseOf(tenantId)).toMatchObject({ holder: a.turns.writerId });
    expect(await a.turns.heldByOther(tenantId)).toBe(false);
    expect(await b.turns.heldByOther(tenantId)).toBe(true);
    // No queue place was needed.
    expect(await queuePlaceOf(tenantId)).toBeNull();
    expect(await b.turns.othersWaiting(tenantId)).toBe(false);

    await turn.release();
    expect(await leaseOf(tenantId)).toBeNull();
    expect(await b.turns.heldByOther(tenantId)).toBe(false);
  });

  it('lets a second writer queue, tells the holder somebody waits, and gives it the turn once released', async () => {
    const tenantId = newTenantId('queue');
    const a = replica();
    const b = replica();
    const first = await a.turns.acquire(tenantId);
    const second = b.turns.acquire(tenantId);
    await expect.poll(() => queuePlaceOf(tenantId)).toMatchObject({ holder: b.turns.writerId });
    expect(await a.turns.othersWaiting(tenantId)).toBe(true);
    // The queue place is b's own: b does not wait for itself.
    expect(await b.turns.othersWaiting(tenantId)).toBe(false);

    await first.release();
    const turn = await second;
    expect(turn.waited).toBe(true);
    expect(b.seen.waited).toHaveLength(1);
    expect(b.seen.waited[0]).toBeGreaterThan(0);
    expect(b.seen.waited[0]).toBeLessThan(5); // seconds
    expect(await leaseOf(tenantId)).toMatchObject({ holder: b.turns.writerId });
    // Its queue place is given up with the turn taken, so the next writer can queue.
    expect(await queuePlaceOf(tenantId)).toBeNull();
    expect(b.seen.takeovers).toBe(0);
    await turn.release();
  });

  it('a writer that just had its turn must queue behind the waiting one', async () => {
    const tenantId = newTenantId('fair');
    const a = replica();
    const b = replica();
    const first = await a.turns.acquire(tenantId);
    const bTurn = b.turns.acquire(tenantId);
    await expect.poll(() => queuePlaceOf(tenantId)).not.toBeNull();
    await first.release();
    // a asks again right away; b holds the queue place, so a does not jump in ahead of it.
    const again = a.turns.acquire(tenantId);
    const bHeld = await bTurn;
    expect(await leaseOf(tenantId)).toMatchObject({ holder: b.turns.writerId });
    await bHeld.release();
    const aHeld = await again;
    expect(aHeld.waited).toBe(true);
    await aHeld.release();
  });

  it('refuses with AuditBusyError after the bounded wait and leaves no queue place behind', async () => {
    const tenantId = newTenantId('busy');
    await foreign(tenantId, 'lease');
    const { turns, seen } = replica({ maxWaitMs: 150, leaseTtlMs: 2_500 });
    const started = performance.now();
    const failure = await turns.acquire(tenantId).catch((error: unknown) => error);
    const took = performance.now() - started;
    expect(failure).toBeInstanceOf(AuditBusyError);
    // Retry once a stuck lease can have been taken over: the TTL, rounded up to whole seconds.
    expect(failure).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, extensions: { retryAfter: 3 } });
    expect((failure as AuditBusyError).detail).toMatch(new RegExp(`^audit trail of tenant ${tenantId}: no turn within \\d+ ms$`));
    expect(took).toBeGreaterThanOrEqual(145);
    expect(took).toBeLessThan(1_500);
    expect(seen.waited).toHaveLength(1);
    expect(seen.waited[0]).toBeGreaterThanOrEqual(0.145);
    expect(seen.waited[0]).toBeLessThan(1.5); // seconds
    expect(await queuePlaceOf(tenantId)).toBeNull();
    // The foreign lease is untouched: it has not been there for a TTL.
    expect(await leaseOf(tenantId)).toMatchObject({ holder: 'dead-replica' });
  });

  it('waits behind a live queue place even when the lease is free, and leaves it alone', async () => {
    const tenantId = newTenantId('behind');
    await foreign(tenantId, 'next');
    const { turns } = replica({ maxWaitMs: 150, leaseTtlMs: 5_000 });
    await expect(turns.acquire(tenantId)).rejects.toBeInstanceOf(AuditBusyError);
    expect(await queuePlaceOf(tenantId)).toMatchObject({ holder: 'dead-replica', token: 'foreign-token' });
    expect(await leaseOf(tenantId)).toBeNull();
  });

  it('does not count on a takeover another replica won in the gap between remove and insert', async () => {
    const tenantId = newTenantId('gap');
    await foreign(tenantId, 'lease');
    // Right after this replica removes the abandoned lease, a third one inserts its own.
    const store = new AuditLeaseStore(db());
    const remove = store.remove.bind(store);
    store.remove = async (id, token) => {
      await remove(id, token);
      if (token === 'foreign-token') await foreign(tenantId, 'lease', 'third-replica-token');
    };
    const { turns, seen } = replica({ leaseTtlMs: 200, maxWaitMs: 320 }, store);
    await expect(turns.acquire(tenantId)).rejects.toBeInstanceOf(AuditBusyError);
    expect(seen.takeovers).toBe(0);
    expect(await leaseOf(tenantId)).toMatchObject({ token: 'third-replica-token' });
  });

  it('asks for at least one second of patience', () => {
    expect(replica({ leaseTtlMs: 200 }).turns.retryAfterSeconds).toBe(1);
    expect(replica({ leaseTtlMs: 2_000 }).turns.retryAfterSeconds).toBe(2);
    expect(replica().turns.retryAfterSeconds).toBe(2);
    expect(replica().turns.leaseTtlMs).toBe(2_000);
  });

  it('takes over a queue place its holder abandoned, but not before it sat there a whole TTL', async () => {
    const tenantId = newTenantId('dead-queue');
    await foreign(tenantId, 'next');
    const { turns, seen } = replica({ leaseTtlMs: 300, maxWaitMs: 3_000 });
    const started = performance.now();
    const turn = await turns.acquire(tenantId);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect(turn.waited).toBe(true);
    expect(seen.takeovers).toBe(1);
    expect(await queuePlaceOf(tenantId)).toBeNull();
    await turn.release();
  });

  it('does not take over a lease whose holder renewed it (a new token) within the TTL', async () => {
    const tenantId = newTenantId('alive');
    await foreign(tenantId, 'lease', 'token-1');
    // A TTL well above the 200 ms between renewals, so a loaded machine's late timers cannot make
    // a renewed lease look abandoned.
    const { turns, seen } = replica({ leaseTtlMs: 1_200, maxWaitMs: 5_000 });
    const acquiring = turns.acquire(tenantId);
    // The holder hands on and takes a new turn (a new token) before the TTL runs out, twice.
    for (const token of ['token-2', 'token-3']) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Handed on and taken again between two looks: the waiter only ever sees the token change.
      await leases().updateOne({ _id: `${tenantId}:lease` } as never, { $set: { token } });
    }
    // Each new token is watched from its own first sighting: nothing taken over yet.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await leaseOf(tenantId)).toMatchObject({ token: 'token-3' });
    expect(seen.takeovers).toBe(0);
    // Left alone for a TTL, it counts as abandoned.
    const turn = await acquiring;
    expect(seen.takeovers).toBe(1);
    expect(await leaseOf(tenantId)).toMatchObject({ holder: turns.writerId });
    await turn.release();
  });

  it('a release removes only its own lease, never a successor’s', async () => {
    const tenantId = newTenantId('successor');
    const a = replica();
    const b = replica();
    const stale = await a.turns.acquire(tenantId);
    // a's lease was taken over (a was presumed dead) and b holds the turn now.
    await leases().deleteOne({ _id: `${tenantId}:lease` } as never);
    const current = await b.turns.acquire(tenantId);
    await stale.release();
    expect(await leaseOf(tenantId)).toMatchObject({ holder: b.turns.writerId });
    await current.release();
    expect(await leaseOf(tenantId)).toBeNull();
  });

  it('AuditLeaseStore.tryInsert says whether this insert created the document', async () => {
    const store = new AuditLeaseStore(db());
    const tenantId = newTenantId('store');
    const doc = { _id: `${tenantId}:lease`, tenantId, holder: 'me', token: 't-1', acquiredAt: new Date() };
    expect(await store.tryInsert(doc)).toBe(true);
    expect(await store.tryInsert({ ...doc, token: 't-2' })).toBe(false);
    await store.remove(doc._id, 't-2');
    expect(await store.read(doc._id)).toMatchObject({ token: 't-1' });
    await store.remove(doc._id, 't-1');
    expect(await store.read(doc._id)).toBeNull();
  });

  it('AuditLeaseStore.tryInsert lets a database failure through rather than report the lease as taken', async () => {
    const connection = await mongoose.createConnection(testMongoUri(), { dbName: db().name }).asPromise();
    const store = new AuditLeaseStore(connection);
    await connection.close();
    const tenantId = newTenantId('down');
    await expect(
      store.tryInsert({ _id: `${tenantId}:lease`, tenantId, holder: 'me', token: 't', acquiredAt: new Date() }),
    ).rejects.toThrow();
  });
});

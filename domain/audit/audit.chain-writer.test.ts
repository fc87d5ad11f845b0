import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { AuditBusyError, AuditWriteConflictError, ChainWriter, type UnchainedEvent } from './audit.chain-writer.js';
import { AUDIT_LEASE_COLLECTION, AuditLeaseStore, WriterTurns } from './audit.lease.js';
import type { AuditWriteMetrics } from './audit.metrics.js';
import { AuditRepository } from './audit.repository.js';
import { createTestAuditService, newTenantId } from './audit.test-support.js';

/**
 * The chain writer on its own, on the real engine: each ChainWriter with its own repository is one
 * replica. Whatever the contention, every append either lands on a gap-free, verifiable chain or is
 * refused (retryably) without being written.
 */
const db = useTestDatabase();

const event = (tenantId: string, i = 0): UnchainedEvent => ({
  tenantId,
  occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
  type: 'logout',
  outcome: 'success',
  accountId: 'acc-1',
  actor: 'account:acc-1',
  targetType: null,
  targetId: null,
  details: { i },
  ipHash: null,
  userAgentHash: null,
});

/** A repository that notes the size of every insert it is asked for. */
function countingRepository() {
  const repository = new AuditRepository(db());
  const inserts: number[] = [];
  const insertChain = repository.insertChain.bind(repository);
  repository.insertChain = (docs) => {
    inserts.push(docs.length);
    return insertChain(docs);
  };
  return { repository, inserts };
}

function recordingMetrics() {
  const seen = { busy: [] as number[], collisions: 0 };
  const metrics: AuditWriteMetrics = {
    collision: () => (seen.collisions += 1),
    waited: () => {},
    takeover: () => {},
    busy: (count) => seen.busy.push(count),
  };
  return { metrics, seen };
}

const verify = async (tenantId: string) => (await createTestAuditService(db())).verify(tenantId);
const seqsOf = (docs: Array<{ seq: number }>) => docs.map((doc) => doc.seq);

describe('ChainWriter', () => {
  it('sends appends that queue up during an insert together, at most maxBatch per insert, in order', async () => {
    const tenantId = newTenantId('batch');
    const { repository, inserts } = countingRepository();
    const writer = new ChainWriter(repository, { maxBatch: 3 });
    const docs = await Promise.all(Array.from({ length: 10 }, (_, i) => writer.append(event(tenantId, i))));
    expect(seqsOf(docs)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(docs.map((doc) => doc.details)).toEqual(Array.from({ length: 10 }, (_, i) => ({ i })));
    // The first goes alone (nothing queued yet); the rest in inserts of three at most.
    expect(inserts).toEqual([1, 3, 3, 3]);
    expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 10 });
  });

  it('takes up to 200 events in one insert by default', async () => {
    const tenantId = newTenantId('default-batch');
    const { repository, inserts } = countingRepository();
    const writer = new ChainWriter(repository);
    await Promise.all(Array.from({ length: 251 }, (_, i) => writer.append(event(tenantId, i))));
    expect(inserts).toEqual([1, 200, 50]);
    expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 251, lastSeq: 251 });
  });

  it('keeps tenants apart: each has its own chain from seq 1', async () => {
    const [a, b] = [newTenantId('a'), newTenantId('b')];
    const writer = new ChainWriter(new AuditRepository(db()));
    const docs = await Promise.all([writer.append(event(a)), writer.append(event(b)), writer.append(event(a))]);
    expect(docs.map((doc) => [doc.tenantId, doc.seq])).toEqual([
      [a, 1],
      [b, 1],
      [a, 2],
    ]);
    expect(docs[2]!.prevHash).toBe(docs[0]!.hash);
  });

  it('gives up after maxAttempts lost races with AuditWriteConflictError, writes nothing, and re-reads the tail next time', async () => {
    const tenantId = newTenantId('conflict');
    const { metrics, seen } = recordingMetrics();
    const a = new ChainWriter(new AuditRepository(db()), { maxAttempts: 1 }, null, metrics);
    const b = new ChainWriter(new AuditRepository(db()));
    await a.append(event(tenantId, 1)); // a remembers seq 1
    await b.append(event(tenantId, 2)); // seq 2 behind a's back
    const failure = await a.append(event(tenantId, 3)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuditWriteConflictError);
    expect(failure).toMatchObject({ extensions: { retryAfter: 1 } });
    expect((failure as AuditWriteConflictError).detail).toContain('1 attempts in a row collided with other writers');
    expect(a.collisions).toBe(1);
    expect(seen.collisions).toBe(1);
    expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 2 });

    const next = await a.append(event(tenantId, 4));
    expect(next.seq).toBe(3);
    expect(a.collisions).toBe(1);
    expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 3, lastSeq: 3 });
  });

  it('without turns, a writer that lost a race re-chains onto the real end and keeps going', async () => {
    const tenantId = newTenantId('race');
    const a = new ChainWriter(new AuditRepository(db()), { maxAttempts: 3 });
    const b = new ChainWriter(new AuditRepository(db()));
    await a.append(event(tenantId));
    for (let i = 0; i < 4; i++) await b.append(event(tenantId));
    const late = await a.append(event(tenantId));
    expect(late.seq).toBe(6);
    expect(a.collisions).toBe(1);
    expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 6 });
  });

  describe('with turns (writers on several replicas)', () => {
    const lease = (tenantId: string) =>
      db()
        .collection(AUDIT_LEASE_COLLECTION)
        .insertOne({ _id: `${tenantId}:lease`, tenantId, holder: 'other-replica', token: 'x', acquiredAt: new Date() } as never);

    it('refuses everything queued behind another replica’s lease once the wait runs out, counted once per append', async () => {
      const tenantId = newTenantId('busy');
      await lease(tenantId);
      const { metrics, seen } = recordingMetrics();
      const turns = new WriterTurns(new AuditLeaseStore(db()), { maxWaitMs: 100, leaseTtlMs: 10_000, pollMs: 2 });
      const writer = new ChainWriter(new AuditRepository(db()), {}, turns, metrics);
      const results = await Promise.allSettled([1, 2, 3].map((i) => writer.append(event(tenantId, i))));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AuditBusyError);
      expect(seen.busy.reduce((sum, n) => sum + n, 0)).toBe(3);
      expect(await verify(tenantId)).toMatchObject({ checkedEvents: 0 });

      // The other replica lets go: the same writer goes on from the chain's start.
      await db()
        .collection(AUDIT_LEASE_COLLECTION)
        .deleteOne({ _id: `${tenantId}:lease` } as never);
      expect((await writer.append(event(tenantId, 4))).seq).toBe(1);
      await expect.poll(() => db().collection(AUDIT_LEASE_COLLECTION).countDocuments({ tenantId })).toBe(0);
    });

    it('after waiting for its turn, reads what the others wrote meanwhile instead of colliding with it', async () => {
      const tenantId = newTenantId('waited');
      const store = new AuditLeaseStore(db());
      const turns = new WriterTurns(store, { maxWaitMs: 5_000, leaseTtlMs: 10_000, pollMs: 2 });
      const writer = new ChainWriter(new AuditRepository(db()), { turnAfterCollisions: 1 }, turns);
      const other = new ChainWriter(new AuditRepository(db()));
      const otherTurns = new WriterTurns(store);

      await writer.append(event(tenantId)); // writer remembers seq 1
      const held = await otherTurns.acquire(tenantId);
      await other.append(event(tenantId)); // seq 2: the writer's next insert collides
      const appending = writer.append(event(tenantId));
      await expect.poll(() => otherTurns.othersWaiting(tenantId)).toBe(true);
      for (let i = 0; i < 3; i++) await other.append(event(tenantId)); // seqs 3..5 while the writer waits
      await held.release();

      const doc = await appending;
      expect(doc.seq).toBe(6);
      expect(writer.waits).toBe(1);
      // One collision to learn of the other writer; after the wait it caught up rather than lost again.
      expect(writer.collisions).toBe(1);
      expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 6, lastSeq: 6 });
    });
  });
});

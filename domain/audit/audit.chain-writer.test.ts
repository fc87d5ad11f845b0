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

/**
 * A repository that loses races on demand, the way it happens between replicas: before each of the
 * next `lose(n)` inserts, another replica appends first and takes that seq. `landOneThenLose(n)`:
 * of the next n inserts of two or more events, the first event lands and another replica takes the
 * seq right after it. `failReads(n)`: the next n tail look-ups fail as a database outage would.
 */
function contestedRepository() {
  const repository = new AuditRepository(db());
  const anotherReplica = () => new ChainWriter(new AuditRepository(db()));
  const pending = { losses: 0, partial: 0, failedReads: 0 };
  const insertChain = repository.insertChain.bind(repository);
  repository.insertChain = async (docs) => {
    const tenantId = docs[0]!.tenantId;
    if (pending.partial > 0 && docs.length > 1) {
      pending.partial -= 1;
      const first = await insertChain(docs.slice(0, 1));
      await anotherReplica().append(event(tenantId, -1));
      return { inserted: first.inserted, duplicate: true };
    }
    if (pending.losses > 0) {
      pending.losses -= 1;
      await anotherReplica().append(event(tenantId, -1));
    }
    return insertChain(docs);
  };
  const readNewerTail = repository.readNewerTail.bind(repository);
  repository.readNewerTail = (...args) => {
    if (pending.failedReads > 0) {
      pending.failedReads -= 1;
      return Promise.reject(new Error('connection reset'));
    }
    return readNewerTail(...args);
  };
  return {
    repository,
    lose: (n: number) => (pending.losses = n),
    landOneThenLose: (n: number) => (pending.partial = n),
    failReads: (n: number) => (pending.failedReads = n),
  };
}

/** Real writer turns that count how often the writer asked for a turn and looked at the lease. */
function countedTurns(options: ConstructorParameters<typeof WriterTurns>[1] = { pollMs: 2 }) {
  const turns = new WriterTurns(new AuditLeaseStore(db()), options);
  const asked = { acquire: 0, heldByOther: 0 };
  const acquire = turns.acquire.bind(turns);
  turns.acquire = (tenantId) => {
    asked.acquire += 1;
    return acquire(tenantId);
  };
  const heldByOther = turns.heldByOther.bind(turns);
  turns.heldByOther = (tenantId) => {
    asked.heldByOther += 1;
    return heldByOther(tenantId);
  };
  return { turns, asked };
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
    // What the client is told: busy, try again (the detail stays in the logs).
    expect((failure as Error).message).toBe('The portal is busy recording activity. Please try again in a moment.');
    expect((failure as AuditWriteConflictError).detail).toContain('1 attempts in a row collided with other writers');
    expect(a.collisions).toBe(1);
    expect(seen.collisions).toBe(1);
    // Refused as busy (503): the busy counter that operators alert on counts it.
    expect(seen.busy).toEqual([1]);
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

  it('without turns, gives up only after maxAttempts lost races in a row', async () => {
    const tenantId = newTenantId('in-a-row');
    const { repository, lose } = contestedRepository();
    const writer = new ChainWriter(repository, { maxAttempts: 6 });
    await writer.append(event(tenantId));
    lose(6);
    await expect(writer.append(event(tenantId))).rejects.toBeInstanceOf(AuditWriteConflictError);
    expect(writer.collisions).toBe(6);
    expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 7 });
  });

  it('a race lost after part of a batch landed starts the count again: a writer that makes progress is not refused', async () => {
    const tenantId = newTenantId('progress');
    const { repository, landOneThenLose } = contestedRepository();
    const writer = new ChainWriter(repository, { maxAttempts: 2 });
    await writer.append(event(tenantId, 0)); // seq 1
    landOneThenLose(2);
    // Four in one insert: twice the first of the rest lands and another replica takes the next seq.
    const docs = await Promise.all([1, 2, 3, 4].map((i) => writer.append(event(tenantId, i))));
    expect(docs.map((doc) => doc.details)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }, { i: 4 }]);
    expect(seqsOf(docs)).toEqual([2, 4, 6, 7]);
    expect(writer.collisions).toBe(2);
    expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 7, lastSeq: 7 });
  });

  it('an insert the database fails rejects its appends with that error (not as busy), and the next append re-reads the tail', async () => {
    const tenantId = newTenantId('db-error');
    const { metrics, seen } = recordingMetrics();
    const repository = new AuditRepository(db());
    const writer = new ChainWriter(repository, {}, null, metrics);
    await writer.append(event(tenantId, 0));
    const insertChain = repository.insertChain.bind(repository);
    repository.insertChain = () => Promise.reject(new Error('connection reset'));
    await expect(writer.append(event(tenantId, 1))).rejects.toThrow('connection reset');
    expect(seen.busy).toEqual([]);
    repository.insertChain = insertChain;
    // Meanwhile another replica wrote seq 2: had the writer kept its old tail it would collide.
    await new ChainWriter(new AuditRepository(db())).append(event(tenantId, 2));
    expect((await writer.append(event(tenantId, 3))).seq).toBe(3);
    expect(writer.collisions).toBe(0);
    expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 3 });
  });

  describe('following another replica between appends', () => {
    /** A repository that notes each search past a known tail: how wide its first round was and what it found. */
    function followedRepository() {
      const repository = new AuditRepository(db());
      const searches: Array<{ width: number | undefined; found: number }> = [];
      const readNewerTail = repository.readNewerTail.bind(repository);
      repository.readNewerTail = async (tenantId, known, width) => {
        const tail = await readNewerTail(tenantId, known, width);
        searches.push({ width, found: tail.seq });
        return tail;
      };
      return { repository, searches };
    }

    it('reads what another replica adds while it is idle, so its next append starts from the real end and lands without a collision', async () => {
      const tenantId = newTenantId('follow');
      const { repository, searches } = followedRepository();
      const writer = new ChainWriter(repository, { followEveryMs: 5 });
      const other = new ChainWriter(new AuditRepository(db()));
      await writer.append(event(tenantId)); // seq 1
      await other.append(event(tenantId)); // seq 2: the writer's next insert collides
      expect((await writer.append(event(tenantId))).seq).toBe(3);
      expect(writer.collisions).toBe(1);

      for (let i = 0; i < 4; i++) await other.append(event(tenantId)); // seqs 4..7, the writer idle
      await expect.poll(() => searches.at(-1)?.found).toBe(7);
      const before = searches.length;
      expect((await writer.append(event(tenantId))).seq).toBe(8);
      expect(writer.collisions).toBe(1);
      // Its one search before that insert found the end at seq 7, where it started. (A follow of
      // width 1 may still be under way beside it; it is not the append's.)
      const appendSearches = searches.slice(before).filter((search) => search.width !== 1);
      expect(appendSearches.map((search) => search.found)).toEqual([7]);
      expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 8, lastSeq: 8 });
    });

    it('stops following once the other replica has been quiet for the contention window', async () => {
      const tenantId = newTenantId('follow-stop');
      const { repository, searches } = followedRepository();
      const writer = new ChainWriter(repository, { followEveryMs: 5, contentionWindowMs: 100 });
      const other = new ChainWriter(new AuditRepository(db()));
      await writer.append(event(tenantId));
      await other.append(event(tenantId));
      await writer.append(event(tenantId)); // collides: the other replica is active for 100 ms
      // Following every 5 ms would add a dozen searches per 100 ms; stopped, the count stays put.
      const stillAfter100ms = async () => {
        const count = searches.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return searches.length === count;
      };
      await expect.poll(stillAfter100ms, { timeout: 5_000, interval: 0 }).toBe(true);
    });

    it('without another writer it never reads between appends', async () => {
      const tenantId = newTenantId('follow-alone');
      const { repository, searches } = followedRepository();
      const writer = new ChainWriter(repository, { followEveryMs: 5 });
      for (let i = 0; i < 3; i++) await writer.append(event(tenantId, i));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(searches).toEqual([]);
    });
  });

  describe('with turns (writers on several replicas)', () => {
    const lease = (tenantId: string) =>
      db()
        .collection(AUDIT_LEASE_COLLECTION)
        .insertOne({ _id: `${tenantId}:lease`, tenantId, holder: 'other-replica', token: 'x', acquiredAt: new Date() } as never);

    it('a writer that loses five races in a row (by default) takes a turn instead of failing', async () => {
      const tenantId = newTenantId('starved');
      const { repository, lose } = contestedRepository();
      const { turns, asked } = countedTurns();
      const writer = new ChainWriter(repository, { maxAttempts: 6 }, turns);
      await writer.append(event(tenantId));
      lose(5);
      const doc = await writer.append(event(tenantId));
      expect(doc.seq).toBe(7);
      expect(writer.collisions).toBe(5);
      expect(asked.acquire).toBe(1);
      // Nobody held the lease: the turn came at once, without waiting.
      expect(writer.waits).toBe(0);
      expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 7 });
    });

    it('while racing, looks at the lease at most once per leaseCheckMs', async () => {
      const tenantId = newTenantId('lease-checks');
      const { repository, lose } = contestedRepository();
      const { turns, asked } = countedTurns();
      const writer = new ChainWriter(repository, { turnAfterCollisions: 10, leaseCheckMs: 60_000 }, turns);
      await writer.append(event(tenantId));
      expect(asked.heldByOther).toBe(1); // with the first read of the tail
      lose(3);
      expect((await writer.append(event(tenantId))).seq).toBe(5);
      expect(writer.collisions).toBe(3);
      // Three collisions, one more look: the first collision's.
      expect(asked.heldByOther).toBe(2);
      expect(asked.acquire).toBe(0);
    });

    it('a writer that collides while another replica holds the lease waits for its turn rather than racing on', async () => {
      const tenantId = newTenantId('lease-held');
      const store = new AuditLeaseStore(db());
      const writer = new ChainWriter(
        new AuditRepository(db()),
        {},
        new WriterTurns(store, { maxWaitMs: 5_000, leaseTtlMs: 10_000, pollMs: 2 }),
      );
      const other = new ChainWriter(new AuditRepository(db()));
      const otherTurns = new WriterTurns(store);

      await writer.append(event(tenantId)); // seq 1, no lease anywhere
      const held = await otherTurns.acquire(tenantId);
      await other.append(event(tenantId)); // seq 2: the writer's next insert collides
      const appending = writer.append(event(tenantId));
      // One collision, and the writer queues for the turn instead of inserting on.
      await expect.poll(() => otherTurns.othersWaiting(tenantId)).toBe(true);
      await other.append(event(tenantId)); // seq 3, still the other's turn
      await held.release();

      expect((await appending).seq).toBe(4);
      expect(writer.collisions).toBe(1);
      expect(writer.waits).toBe(1);
      expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 4, lastSeq: 4 });
    });

    it('hands the turn on as soon as another replica waits, even with events still queued', async () => {
      const tenantId = newTenantId('fair');
      const store = new AuditLeaseStore(db());
      const busy = new ChainWriter(
        new AuditRepository(db()),
        { maxBatch: 1, maxTurnMs: 60_000 },
        new WriterTurns(store, { maxWaitMs: 5_000, pollMs: 2 }),
      );
      const otherTurns = new WriterTurns(store, { maxWaitMs: 5_000, pollMs: 2 });
      const other = new ChainWriter(new AuditRepository(db()), {}, otherTurns);

      // The busy writer meets a lease at its first read, so it writes in turns from then on.
      const held = await otherTurns.acquire(tenantId);
      const flood = Promise.all(Array.from({ length: 150 }, (_, i) => busy.append(event(tenantId, i))));
      await expect.poll(() => otherTurns.othersWaiting(tenantId)).toBe(true);
      await held.release();
      await expect.poll(() => otherTurns.heldByOther(tenantId)).toBe(true);

      const mine = await other.append(event(tenantId, 1_000));
      const flooded = await flood;
      // The other replica got in while the busy one still had events queued.
      expect(mine.seq).toBeLessThan(Math.max(...seqsOf(flooded)));
      expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 151 });
    });

    it('a database failure as it takes its turn rejects what waited for it, writes none of it, and the writer goes on', async () => {
      const tenantId = newTenantId('turn-failure');
      const store = new AuditLeaseStore(db());
      const { repository, failReads } = contestedRepository();
      const writer = new ChainWriter(repository, {}, new WriterTurns(store, { maxWaitMs: 5_000, leaseTtlMs: 10_000, pollMs: 2 }));
      const other = new ChainWriter(new AuditRepository(db()));
      const otherTurns = new WriterTurns(store);

      await writer.append(event(tenantId, 0)); // seq 1
      const held = await otherTurns.acquire(tenantId);
      await other.append(event(tenantId, 1)); // seq 2: the writer collides, sees the lease and queues for the turn
      const waiting = [writer.append(event(tenantId, 2))];
      await expect.poll(() => otherTurns.othersWaiting(tenantId)).toBe(true);
      waiting.push(writer.append(event(tenantId, 3)));
      failReads(1); // its catch-up once the turn is its own
      await held.release();

      const results = await Promise.allSettled(waiting);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ message: 'connection reset' });
      expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 2 });
      await expect.poll(() => db().collection(AUDIT_LEASE_COLLECTION).countDocuments({ tenantId })).toBe(0);

      expect((await writer.append(event(tenantId, 4))).seq).toBe(3);
      expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 3, lastSeq: 3 });
    });

    it('after a failed insert while writers take turns, its next turn reads the tail afresh and appends', async () => {
      const tenantId = newTenantId('turn-after-failure');
      const store = new AuditLeaseStore(db());
      const repository = new AuditRepository(db());
      const writer = new ChainWriter(
        repository,
        { contentionWindowMs: 60_000 },
        new WriterTurns(store, { maxWaitMs: 5_000, leaseTtlMs: 10_000, pollMs: 2 }),
      );
      const otherTurns = new WriterTurns(store);
      /** The other replica holds the turn while `append` waits for it, then lets go. */
      const behindOthersTurn = async (append: () => Promise<unknown>) => {
        const held = await otherTurns.acquire(tenantId);
        const appending = append().catch((error: unknown) => error);
        await expect.poll(() => otherTurns.othersWaiting(tenantId)).toBe(true);
        await held.release();
        return appending;
      };

      // Meets the other's lease at its first read: from now on it takes turns.
      expect(await behindOthersTurn(() => writer.append(event(tenantId, 0)))).toMatchObject({ seq: 1 });
      const insertChain = repository.insertChain.bind(repository);
      repository.insertChain = () => {
        repository.insertChain = insertChain;
        return Promise.reject(new Error('connection reset'));
      };
      expect(await behindOthersTurn(() => writer.append(event(tenantId, 1)))).toMatchObject({ message: 'connection reset' });
      // The outcome of that insert is unknown, so the writer no longer trusts its tail: it reads it again.
      expect(await behindOthersTurn(() => writer.append(event(tenantId, 2)))).toMatchObject({ seq: 2, details: { i: 2 } });
      expect(writer.waits).toBe(3);
      expect(await verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 2, lastSeq: 2 });
    });

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

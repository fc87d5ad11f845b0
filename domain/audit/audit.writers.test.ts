import mongoose, { type Connection } from 'mongoose';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../core/errors.js';
import { testMongoUri, useTestDatabase } from '../../test/db.js';
import { audited } from './audited.js';
import { AuditBusyError } from './audit.busy-error.js';
import { AUDIT_LEASE_COLLECTION } from './audit.lease.js';
import { AUDIT_COLLECTION, parseDocumentId } from './audit.model.js';
import { createTestAuditService, customerOf, newTenantId } from './audit.test-support.js';

/** A foreign writer's lease, as another replica would insert it. */
const foreignLease = (tenantId: string, token = 'other-token') => ({
  _id: `${tenantId}:lease`,
  tenantId,
  holder: 'other-replica',
  token,
  acquiredAt: new Date(),
});

const metricValue = async (registry: Registry, name: string) =>
  (await registry.getSingleMetric(name)!.get()).values.reduce((sum, v) => sum + v.value, 0);

describe('audit writers on several replicas', () => {
  const db = useTestDatabase();
  /** Three connections to one database: what three gateway replicas are. */
  const replicas: Connection[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) replicas.push(await mongoose.createConnection(testMongoUri(), { dbName: db().name }).asPromise());
  });
  afterAll(async () => {
    await Promise.all(replicas.map((connection) => connection.close()));
  });

  it('three writers appending at once all succeed, and the chain is gap-free and verifies', async () => {
    const writers = await Promise.all(replicas.map((connection) => createTestAuditService(connection)));
    const tenantId = newTenantId('three');
    // Interleaved: each replica has a few appends in flight at every moment.
    const results = await Promise.allSettled(
      writers.flatMap((writer, w) =>
        Array.from({ length: 70 }, (_, i) =>
          writer.append({
            tenantId,
            type: 'document.downloaded',
            principal: customerOf(tenantId, `acc-${w}`),
            details: { w, i },
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const seqs = (
      await db()
        .collection(AUDIT_COLLECTION)
        .find({ tenantId }, { projection: { seq: 1 } })
        .toArray()
    )
      .map((doc) => doc.seq as number)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 210 }, (_, i) => i + 1));
    expect(await writers[2]!.verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 210, lastSeq: 210 });
    // Each writer's own events are all there (nobody was starved into failing).
    for (let w = 0; w < 3; w++) expect(await writers[0]!.count(tenantId, { accountId: `acc-${w}` })).toBe(70);
    // They competed, and the leases are gone once everyone is done.
    expect(writers.reduce((sum, writer) => sum + writer.appendCollisions + writer.appendWaits, 0)).toBeGreaterThan(0);
    await vi.waitFor(async () => expect(await db().collection(AUDIT_LEASE_COLLECTION).countDocuments({ tenantId })).toBe(0));
  });

  it('three writers at a steady pace (sequential appends each) stay fair and intact', async () => {
    const writers = await Promise.all(replicas.map((connection) => createTestAuditService(connection)));
    const tenantId = newTenantId('paced');
    const latencies: number[][] = [[], [], []];
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < 30; i++) {
          const started = performance.now();
          await writer.append({ tenantId, type: 'logout', details: { w, i } });
          latencies[w]!.push(performance.now() - started);
        }
      }),
    );
    expect((await writers[0]!.verify(tenantId)).checkedEvents).toBe(90);
    // No writer waited anywhere near the bounded wait (5 s) for any append.
    for (const own of latencies) expect(Math.max(...own)).toBeLessThan(2_000);
  });

  it('once it knows others write the chain too, a writer reads what they added before inserting instead of colliding', async () => {
    const [a, b] = [await createTestAuditService(replicas[0]!), await createTestAuditService(replicas[1]!)];
    const tenantId = newTenantId('catch-up');
    await a.append({ tenantId, type: 'logout' });
    await b.append({ tenantId, type: 'logout' });
    await a.append({ tenantId, type: 'logout' }); // a collides once and learns that b writes too
    await b.append({ tenantId, type: 'logout' }); // and so does b
    const collisionsSoFar = a.appendCollisions + b.appendCollisions;
    // Alternating from here on, each writer is always one or two events behind: it catches up first.
    for (let i = 0; i < 10; i++) {
      await a.append({ tenantId, type: 'logout' });
      await b.append({ tenantId, type: 'logout' });
      await b.append({ tenantId, type: 'logout' });
    }
    expect(a.appendCollisions + b.appendCollisions).toBe(collisionsSoFar);
    expect(await a.verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 34, lastSeq: 34 });
  });

  describe('a writer whose remembered tail is stale', () => {
    let monitored: Connection;
    let lookups: Array<{ collection: string; filter: Record<string, unknown> }> = [];

    beforeAll(async () => {
      monitored = await mongoose.createConnection(testMongoUri(), { dbName: db().name, monitorCommands: true }).asPromise();
      monitored.getClient().on('commandStarted', (event) => {
        if (['find', 'count', 'aggregate', 'getMore'].includes(event.commandName)) {
          lookups.push({
            collection: String(event.command[event.commandName] ?? ''),
            filter: (event.command.filter ?? event.command.query ?? { pipeline: event.command.pipeline }) as Record<
              string,
              unknown
            >,
          });
        }
      });
    });
    afterAll(async () => {
      await monitored?.close();
    });

    it('re-reads only the events newer than its tail, by _id point lookups', async () => {
      const tenantId = newTenantId('stale');
      const stale = await createTestAuditService(monitored);
      const other = await createTestAuditService(db());
      for (let i = 0; i < 5; i++) await stale.append({ tenantId, type: 'logout' }); // knows seq 5
      for (let i = 0; i < 60; i++) await other.append({ tenantId, type: 'logout' }); // 6..65 behind its back

      lookups = [];
      const late = await stale.append({ tenantId, type: 'logout' });
      expect(late.seq).toBe(66);
      // One lost insert, then a search ahead from 5 instead of stepping 60 times.
      expect(stale.appendCollisions).toBe(1);

      expect(lookups.length).toBeGreaterThan(0);
      // Every read is a lookup by _id alone: of events, or of the writer lease.
      expect(lookups.every(({ filter }) => Object.keys(filter).length === 1 && typeof filter._id === 'string')).toBe(true);
      // …and of events only newer than the remembered tail: nothing from seq 1 again.
      const eventSeqs = lookups
        .filter(({ collection }) => collection === AUDIT_COLLECTION)
        .map(({ filter }) => parseDocumentId(filter._id as string)!.seq);
      expect(Math.min(...eventSeqs)).toBeGreaterThan(5);
      // An exponential then binary search over 60 new events, not 60 reads.
      expect(eventSeqs.length).toBeLessThanOrEqual(24);
      expect((await other.verify(tenantId)).intact).toBe(true);
    });
  });

  describe('the bounded wait', () => {
    it('ends in AuditBusyError (503, retryable) while another replica keeps the lease, and nothing is written', async () => {
      const registry = new Registry();
      // Default turn settings: a 1.5 s wait, shorter than the 2 s a lease must sit unchanged to count as abandoned.
      const audit = await createTestAuditService(db(), { metrics: { registry } });
      const tenantId = newTenantId('busy');
      await db()
        .collection(AUDIT_LEASE_COLLECTION)
        .insertOne(foreignLease(tenantId) as never);

      const action = vi.fn(async () => 'done');
      const started = performance.now();
      const failure = await audited(audit, { tenantId, type: 'mfa.disabled', principal: customerOf(tenantId) }, action).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(AuditBusyError);
      expect(failure).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, extensions: { retryAfter: 2 } });
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_450);
      expect(performance.now() - started).toBeLessThan(4_000);
      expect(action).not.toHaveBeenCalled();
      expect(await audit.count(tenantId, {})).toBe(0);
      expect(await metricValue(registry, 'portal_audit_write_busy_total')).toBe(1);
      expect(await metricValue(registry, 'portal_audit_write_waits_total')).toBe(1);
      // The refused writer left no queue place behind.
      expect(
        await db()
          .collection(AUDIT_LEASE_COLLECTION)
          .countDocuments({ _id: `${tenantId}:next` } as never),
      ).toBe(0);

      // Once the other replica lets go, the same writer goes on from where the chain is.
      await db()
        .collection(AUDIT_LEASE_COLLECTION)
        .deleteOne({ _id: `${tenantId}:lease` } as never);
      await audited(audit, { tenantId, type: 'mfa.disabled', principal: customerOf(tenantId) }, action);
      expect(action).toHaveBeenCalledOnce();
      expect((await audit.verify(tenantId)).checkedEvents).toBe(1);
    });

    it('takes over a lease its holder abandoned (a replica that died holding it)', async () => {
      const registry = new Registry();
      const audit = await createTestAuditService(db(), { metrics: { registry }, turns: { maxWaitMs: 3_000, leaseTtlMs: 200 } });
      const tenantId = newTenantId('dead');
      await db()
        .collection(AUDIT_LEASE_COLLECTION)
        .insertOne(foreignLease(tenantId) as never);

      const started = performance.now();
      const event = await audit.append({ tenantId, type: 'logout' });
      expect(event.seq).toBe(1);
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
      expect(await metricValue(registry, 'portal_audit_lease_takeovers_total')).toBe(1);
      // Its own lease is handed back after the turn.
      await vi.waitFor(async () => expect(await db().collection(AUDIT_LEASE_COLLECTION).countDocuments({ tenantId })).toBe(0));
    });
  });
});

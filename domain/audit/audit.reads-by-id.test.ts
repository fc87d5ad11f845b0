import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMongoUri, useTestDatabase } from '../../test/db.js';
import { chainEvents } from './audit.chain-writer.js';
import { parseAuditFilter } from './audit.filter.js';
import { publicIdOf } from './audit.ids.js';
import { documentIdOf } from './audit.model.js';
import type { AuditService } from './audit.service.js';
import { createTestAuditService, customerOf, newTenantId } from './audit.test-support.js';

const EVENTS = 1_000;

/**
 * On the embedded engine only a filter that is exactly `{_id: …}` uses an index; anything else
 * reads every stored event. These tests watch the commands a fresh service (a new process) sends.
 */
describe('audit reads by _id on the embedded engine', () => {
  const db = useTestDatabase();
  const tenantId = newTenantId('ids');
  let monitored: Connection;
  let filters: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const seeder = await createTestAuditService(db());
    const docs = chainEvents(
      null,
      Array.from({ length: EVENTS }, (_, i) => ({
        tenantId,
        occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
        type: i % 2 ? 'logout' : 'login.succeeded',
        outcome: 'success',
        accountId: `acc-${i % 3}`,
        actor: `account:acc-${i % 3}`,
        targetType: null,
        targetId: null,
        details: { i },
        ipHash: null,
        userAgentHash: null,
      })),
    );
    await seeder.repository.insertChain(docs);
    monitored = await mongoose.createConnection(testMongoUri(), { dbName: db().name, monitorCommands: true }).asPromise();
    monitored.getClient().on('commandStarted', (event) => {
      if (['find', 'count', 'aggregate', 'getMore'].includes(event.commandName))
        filters.push(
          (event.command.filter ?? event.command.query ?? { pipeline: event.command.pipeline }) as Record<string, unknown>,
        );
    });
  });
  afterAll(async () => {
    await monitored?.close();
  });

  const freshService = async (): Promise<AuditService> => {
    const service = await createTestAuditService(monitored);
    filters = [];
    return service;
  };
  const onlyIdLookups = () => filters.every((filter) => Object.keys(filter).length === 1 && typeof filter._id === 'string');

  it('a new process appends to an existing chain reading nothing but _id lookups', async () => {
    const audit = await freshService();
    const event = await audit.append({ tenantId, type: 'logout', principal: customerOf(tenantId) });
    expect(event.seq).toBe(EVENTS + 1);
    expect(filters.length).toBeGreaterThan(0);
    expect(onlyIdLookups()).toBe(true);
    expect((await audit.verify(tenantId)).intact).toBe(true);
  });

  it('the newest page and the next ones, with the total, by _id lookups', async () => {
    const audit = await freshService();
    const tail = await audit.repository.tailSeq(tenantId);
    filters = [];
    const first = await audit.list(tenantId, {}, { first: 50, includeTotal: true });
    expect(first.events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => tail - i));
    expect(first.totalCount).toBe(tail);
    expect(first.hasNextPage).toBe(true);
    const second = await audit.list(tenantId, {}, { first: 50, after: first.nextCursor });
    expect(second.events[0]!.seq).toBe(tail - 50);
    expect(onlyIdLookups()).toBe(true);
    // The last page ends at seq 1 without a next page.
    const last = await audit.list(tenantId, {}, { first: 5, after: publicIdOf(documentIdOf(tenantId, 4)) });
    expect(last.events.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(last.hasNextPage).toBe(false);
    expect(onlyIdLookups()).toBe(true);
  });

  it('sees events appended by another process since it last looked', async () => {
    const reader = await freshService();
    const before = (await reader.list(tenantId, {}, { first: 1 })).events[0]!.seq;
    const writer = await createTestAuditService(db());
    await writer.append({ tenantId, type: 'logout' });
    await writer.append({ tenantId, type: 'logout' });
    const after = await reader.list(tenantId, {}, { first: 3, includeTotal: true });
    expect(after.events.map((e) => e.seq)).toEqual([before + 2, before + 1, before]);
    expect(after.totalCount).toBe(before + 2);
  });

  it('counts the total only when asked, and filtered pages still answer correctly (by a scan)', async () => {
    const audit = await freshService();
    expect((await audit.list(tenantId, {}, { first: 3, includeTotal: false })).totalCount).toBeNull();
    const filtered = await audit.list(tenantId, parseAuditFilter({ accountId: 'acc-1' }), { first: 10, includeTotal: true });
    expect(filtered.events.every((e) => e.accountId === 'acc-1')).toBe(true);
    expect(filtered.totalCount).toBeGreaterThan(300);
    expect(onlyIdLookups()).toBe(false);
  });

  it('an empty trail has no tail, no events and a total of zero', async () => {
    const audit = await freshService();
    const empty = newTenantId('empty');
    expect(await audit.repository.readTail(empty)).toBeNull();
    expect(await audit.list(empty, {}, { includeTotal: true })).toMatchObject({ events: [], totalCount: 0, hasNextPage: false });
    expect((await audit.append({ tenantId: empty, type: 'logout' })).seq).toBe(1);
  });
});

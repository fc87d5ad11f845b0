import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { BadUserInputError, UnauthenticatedError } from '../../core/errors.js';
import { anonymous } from '../principal.js';
import { testMongoUri, useTestDatabase } from '../../test/db.js';
import { parseAuditFilter } from './audit.filter.js';
import type { AuditService } from './audit.service.js';
import { createTestAuditService, customerOf, newTenantId, staffOf, steppingClock } from './audit.test-support.js';
import type { AuditEvent, AuditEventType, AuditOutcome } from './audit.types.js';

const types: AuditEventType[] = ['login.succeeded', 'document.downloaded', 'logout', 'profile.updated'];
const outcomes: AuditOutcome[] = ['success', 'success', 'denied', 'error', 'success'];
const start = new Date('2026-01-01T00:00:00.000Z');
const minute = (n: number) => new Date(start.getTime() + n * 60_000);

describe('reading the audit trail', () => {
  const db = useTestDatabase();
  let audit: AuditService;
  const tenantId = newTenantId('q');
  const otherTenant = newTenantId('other');
  let all: AuditEvent[] = []; // newest first

  beforeAll(async () => {
    audit = await createTestAuditService(db(), { now: steppingClock(start) });
    // 300 events, one minute apart (event i at minute i), appended concurrently in call order.
    const appended = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        audit.append({
          tenantId,
          type: types[i % 4]!,
          outcome: outcomes[i % 5]!,
          principal: i % 10 === 9 ? staffOf(tenantId) : customerOf(tenantId, `acc-${i % 3}`),
          details: { i },
        }),
      ),
    );
    all = appended.reverse();
    await Promise.all(
      [0, 1, 2].map((i) =>
        audit.append({ tenantId: otherTenant, type: 'logout', principal: customerOf(otherTenant, `acc-${i}`) }),
      ),
    );
  });

  const pick = (predicate: (e: AuditEvent) => boolean) => all.filter(predicate).map((e) => e.seq);

  it('filters by account, type, outcome and time range, newest first', async () => {
    const cases: Array<[Parameters<typeof parseAuditFilter>[0], (e: AuditEvent) => boolean]> = [
      [{ accountId: 'acc-1' }, (e) => e.accountId === 'acc-1'],
      [{ eventType: 'document.downloaded' }, (e) => e.type === 'document.downloaded'],
      [{ outcome: 'denied' }, (e) => e.outcome === 'denied'],
      [{ from: minute(100), to: minute(110).toISOString() }, (e) => e.occurredAt >= minute(100) && e.occurredAt < minute(110)],
      [
        { accountId: 'acc-2', eventType: 'logout', outcome: 'success' },
        (e) => e.accountId === 'acc-2' && e.type === 'logout' && e.outcome === 'success',
      ],
    ];
    for (const [input, predicate] of cases) {
      const page = await audit.list(tenantId, parseAuditFilter(input), { first: 200 });
      expect(
        page.events.map((e) => e.seq),
        JSON.stringify(input),
      ).toEqual(pick(predicate).slice(0, 200));
      expect(page.totalCount).toBe(pick(predicate).length);
    }
    expect(pick((e) => e.occurredAt >= minute(100) && e.occurredAt < minute(110))).toHaveLength(10);
  });

  it('pages through a selection with cursors, without gaps or repeats', async () => {
    const filter = parseAuditFilter({ outcome: 'success' });
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await audit.list(tenantId, filter, { first: 40, after });
      expect(page.totalCount).toBe(180);
      seen.push(...page.events.map((e) => e.seq));
      expect(page.hasNextPage).toBe(page.nextCursor !== null);
      after = page.nextCursor;
      pages += 1;
    } while (after);
    expect(pages).toBe(5);
    expect(seen).toEqual(pick((e) => e.outcome === 'success'));
  });

  it('defaults to 50 per page, caps at 200, and can skip the count', async () => {
    expect((await audit.list(tenantId, {})).events).toHaveLength(50);
    expect((await audit.list(tenantId, {}, { first: 5_000 })).events).toHaveLength(200);
    expect((await audit.list(tenantId, {}, { first: 3, includeTotal: false })).totalCount).toBeNull();
    await expect(audit.list(tenantId, {}, { first: 0 })).rejects.toBeInstanceOf(BadUserInputError);
  });

  it('refuses malformed cursors and cursors of another tenant', async () => {
    const foreign = (await audit.list(otherTenant, {}, { first: 1 })).nextCursor!;
    await expect(audit.list(tenantId, {}, { after: 'not a cursor' })).rejects.toBeInstanceOf(BadUserInputError);
    await expect(audit.list(tenantId, {}, { after: foreign })).rejects.toBeInstanceOf(BadUserInputError);
  });

  it('validates filters, listing every problem', () => {
    try {
      parseAuditFilter({ eventType: 'nope', outcome: 'meh', from: 'yesterday-ish' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).extensions.problems).toHaveLength(3);
    }
    expect(() => parseAuditFilter({ from: minute(5), to: minute(1) })).toThrow(BadUserInputError);
    expect(parseAuditFilter({ accountId: '', eventType: null })).toEqual({});
  });

  it('gives a customer only their own events, and staff theirs', async () => {
    const own = await audit.listOwn(customerOf(tenantId, 'acc-0'), { first: 200 });
    expect(own.events.length).toBeGreaterThan(0);
    expect(own.events.every((e) => e.accountId === 'acc-0' && e.tenantId === tenantId)).toBe(true);
    expect(own.totalCount).toBe(pick((e) => e.accountId === 'acc-0').length);
    const staff = await audit.listOwn(staffOf(tenantId), { first: 200 });
    expect(staff.events.map((e) => e.seq)).toEqual(pick((e) => e.actor === 'staff:dpo'));
    await expect(audit.listOwn(anonymous)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('never shows one tenant the events of another', async () => {
    const other = await audit.list(otherTenant, {}, { first: 200 });
    expect(other.events.map((e) => e.tenantId)).toEqual([otherTenant, otherTenant, otherTenant]);
    const mine = await audit.list(tenantId, parseAuditFilter({ accountId: 'acc-1' }), { first: 200 });
    expect(mine.events.every((e) => e.tenantId === tenantId)).toBe(true);
    expect((await audit.listOwn(customerOf(otherTenant, 'acc-1'))).totalCount).toBe(1);
  });

  it('streams a selection oldest first in bounded batches', async () => {
    // A second connection that reports its commands, to see how the stream reads.
    const monitored = await mongoose.createConnection(testMongoUri(), { dbName: db().name, monitorCommands: true }).asPromise();
    try {
      const reads: Array<{ command: string; batchSize: unknown }> = [];
      monitored.getClient().on('commandStarted', (event) => {
        if (event.commandName === 'find' || event.commandName === 'getMore') {
          reads.push({ command: event.commandName, batchSize: event.command.batchSize });
        }
      });
      const streamer = await createTestAuditService(monitored);
      const seqs: number[] = [];
      for await (const event of streamer.stream(tenantId, {}, { batchSize: 50 })) seqs.push(event.seq);
      expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(reads.filter((r) => r.command === 'getMore').length).toBeGreaterThanOrEqual(5);
      expect(reads.every((r) => r.batchSize === 50)).toBe(true);

      const bounded: number[] = [];
      for await (const event of streamer.stream(tenantId, parseAuditFilter({ eventType: 'logout' }), { untilSeq: 20 }))
        bounded.push(event.seq);
      expect(bounded).toEqual([3, 7, 11, 15, 19]);
    } finally {
      await monitored.close();
    }
  });
});

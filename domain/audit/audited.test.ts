import { describe, expect, it, vi } from 'vitest';
import { PortalError, ErrorCode } from '../../core/errors.js';
import { connectDatabase } from '../../store/connection.js';
import { testMongoUri, uniqueDatabaseName, useTestDatabase } from '../../test/db.js';
import { audited, recordDenied } from './audited.js';
import { parseAuditFilter } from './audit.filter.js';
import { createTestAuditService, customerOf, newTenantId } from './audit.test-support.js';

describe('audited actions succeed together with their event, or not at all', () => {
  const db = useTestDatabase();

  it('records success and returns the action result', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const result = await audited(
      audit,
      { tenantId, type: 'apitoken.created', principal: customerOf(tenantId), target: { type: 'apiToken', id: 'tok-1' } },
      async (event) => `done after ${event.seq}`,
    );
    expect(result).toBe('done after 1');
    const events = (await audit.list(tenantId, {})).events;
    expect(events.map((e) => [e.type, e.outcome])).toEqual([['apitoken.created', 'success']]);
  });

  it('does not perform the action when the audit store is down', async () => {
    const connection = await connectDatabase(testMongoUri(), { dbName: uniqueDatabaseName() });
    const audit = await createTestAuditService(connection);
    await connection.close(); // the store is gone
    const tenantId = newTenantId();
    const action = vi.fn(async () => 'changed');
    await expect(audited(audit, { tenantId, type: 'mfa.disabled', principal: customerOf(tenantId) }, action)).rejects.toThrow(
      /connected/i,
    );
    expect(action).not.toHaveBeenCalled();
  });

  it('follows a failed action with an error event and rethrows its error', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const failure = new PortalError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Nextcloud is away');
    const event = {
      tenantId,
      type: 'request.submitted' as const,
      principal: customerOf(tenantId),
      details: { category: 'billing' },
    };
    await expect(audited(audit, event, async () => Promise.reject(failure))).rejects.toBe(failure);
    const events = (await audit.list(tenantId, {})).events.reverse();
    expect(events.map((e) => [e.seq, e.type, e.outcome])).toEqual([
      [1, 'request.submitted', 'success'],
      [2, 'request.submitted', 'error'],
    ]);
    expect(events[1]!.details).toEqual({ category: 'billing', relatedSeq: 1, reason: 'UPSTREAM_UNAVAILABLE' });
    await expect(audited(audit, event, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await audit.list(tenantId, parseAuditFilter({ outcome: 'error' }))).events[0]!.details).toMatchObject({
      relatedSeq: 3,
      reason: 'INTERNAL_SERVER_ERROR',
    });
  });

  it('records denials, and reports when even that fails', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const denied = await recordDenied(audit, {
      tenantId,
      type: 'login.failed',
      accountId: 'acc-9',
      details: { reason: 'wrong-password' },
    });
    expect(denied).toMatchObject({ outcome: 'denied', accountId: 'acc-9', actor: null });
    const down = { append: () => Promise.reject(new Error('audit store down')) };
    await expect(recordDenied(down, { tenantId, type: 'login.failed' })).rejects.toThrow('audit store down');
  });
});

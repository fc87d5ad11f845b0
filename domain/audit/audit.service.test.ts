import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { keyedHash } from '../../core/crypto.js';
import { useTestDatabase } from '../../test/db.js';
import { anonymous } from '../principal.js';
import { createTestAuditService, customerOf, newTenantId, staffOf, testClientHashKey } from './audit.test-support.js';

/** What one append records, read back as stored: who acted for whom, about what, from where. */
describe('what an audit event records', () => {
  const db = useTestDatabase();
  const stored = (tenantId: string, seq = 1) => db().collection('audit_events').findOne({ tenantId, seq });

  it('takes account and actor from the principal unless the caller names them, null included', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const byCustomer = await audit.append({ tenantId, type: 'profile.updated', principal: customerOf(tenantId, 'acc-7') });
    expect(byCustomer).toMatchObject({ accountId: 'acc-7', actor: 'account:acc-7' });
    const byStaff = await audit.append({ tenantId, type: 'account.status-changed', principal: staffOf(tenantId, 'beheer') });
    expect(byStaff).toMatchObject({ accountId: null, actor: 'staff:beheer' });
    // A failed sign-in for a known account while nobody is signed in.
    const failed = await audit.append({
      tenantId,
      type: 'login.failed',
      outcome: 'denied',
      principal: anonymous,
      accountId: 'acc-8',
    });
    expect(failed).toMatchObject({ accountId: 'acc-8', actor: null, outcome: 'denied' });
    const overridden = await audit.append({
      tenantId,
      type: 'profile.updated',
      principal: customerOf(tenantId, 'acc-7'),
      accountId: null,
      actor: 'system:cleanup',
    });
    expect(overridden).toMatchObject({ accountId: null, actor: 'system:cleanup' });
    const nobody = await audit.append({ tenantId, type: 'logout' });
    expect(nobody).toMatchObject({ accountId: null, actor: null, targetType: null, targetId: null, details: {} });
  });

  it('refuses an event without a usable tenant id, and writes nothing', async () => {
    const audit = await createTestAuditService(db());
    for (const tenantId of ['', 'x'.repeat(201), undefined, 42]) {
      await expect(audit.append({ tenantId: tenantId as string, type: 'logout' })).rejects.toThrow(
        'audit: a tenant id is required',
      );
    }
    expect(
      await db()
        .collection('audit_events')
        .countDocuments({ tenantId: 'x'.repeat(201) }),
    ).toBe(0);
    const longest = `${newTenantId()}-${'x'.repeat(189)}`;
    expect(longest).toHaveLength(200);
    expect((await audit.append({ tenantId: longest, type: 'logout' })).seq).toBe(1);
  });

  it('stores the target, cut to a bounded length', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const event = await audit.append({
      tenantId,
      type: 'document.downloaded',
      target: { type: `document-${'t'.repeat(120)}`, id: `doc-${'i'.repeat(250)}` },
    });
    expect(event.targetType).toBe(`document-${'t'.repeat(91)}`);
    expect(event.targetId).toBe(`doc-${'i'.repeat(196)}`);
    expect(await stored(tenantId)).toMatchObject({ targetType: event.targetType, targetId: event.targetId });
  });

  it('hashes one client the same however its address and user agent are written, and stores nothing for blanks', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const hashesOf = async (client: { ip?: string | null; userAgent?: string | null }) => {
      const event = await audit.append({ tenantId, type: 'login.succeeded', client });
      return [event.ipHash, event.userAgentHash];
    };
    const expected = [keyedHash(testClientHashKey, 'ip:2001:db8::1'), keyedHash(testClientHashKey, 'ua:Mozilla/5.0 (Test)')];
    expect(await hashesOf({ ip: '2001:DB8::1', userAgent: 'Mozilla/5.0 (Test)' })).toEqual(expected);
    expect(await hashesOf({ ip: ' 2001:db8::1 ', userAgent: '  Mozilla/5.0 (Test)\n' })).toEqual(expected);
    // Only an IPv4-mapped address loses its prefix; a plain IPv6 one starting alike keeps it.
    expect((await hashesOf({ ip: '::ffff:c000:20a' }))[0]).toBe(keyedHash(testClientHashKey, 'ip:::ffff:c000:20a'));
    expect((await hashesOf({ ip: '192.0.2.10' }))[0]).toBe(keyedHash(testClientHashKey, 'ip:192.0.2.10'));
    expect(await hashesOf({ ip: '  ', userAgent: ' ' })).toEqual([null, null]);
    expect(await hashesOf({})).toEqual([null, null]);
  });

  it('keeps an address an event is about only as the keyed fingerprint, and only when there is one', async () => {
    const fingerprint = (tenantId: string, email: string) => keyedHash(testClientHashKey, `fp:${tenantId}:${email}`);
    const audit = await createTestAuditService(db(), { subjectFingerprint: fingerprint });
    const tenantId = newTenantId();
    await audit.append({ tenantId, type: 'login.failed', outcome: 'denied', subjectEmail: '  onbekend@example.nl ' });
    await audit.append({ tenantId, type: 'login.failed', outcome: 'denied', subjectEmail: '   ' });
    const about = await stored(tenantId, 1);
    expect(about?.subjectHash).toBe(fingerprint(tenantId, 'onbekend@example.nl'));
    expect(audit.subjectHashOf(tenantId, 'onbekend@example.nl')).toBe(about?.subjectHash);
    expect(JSON.stringify(about)).not.toContain('onbekend');
    expect(await stored(tenantId, 2)).not.toHaveProperty('subjectHash');

    const without = await createTestAuditService(db());
    const other = newTenantId();
    await without.append({ tenantId: other, type: 'login.failed', outcome: 'denied', subjectEmail: 'onbekend@example.nl' });
    expect(await stored(other)).not.toHaveProperty('subjectHash');
    expect(without.subjectHashOf(other, 'onbekend@example.nl')).toBeNull();
  });

  it('stamps the event with the service clock', async () => {
    const at = new Date('2026-05-04T08:09:10.000Z');
    const audit = await createTestAuditService(db(), { now: () => at });
    const tenantId = newTenantId();
    expect((await audit.append({ tenantId, type: 'logout' })).occurredAt).toEqual(at);
    expect((await stored(tenantId))?.occurredAt).toEqual(at);
  });

  it('counts the collisions of every service on one registry in one series, as /metrics shows it', async () => {
    const registry = new Registry();
    // Two services in one process (say, the gateway and a job runner) report into the same series.
    const processes = [
      await createTestAuditService(db(), { metrics: { registry } }),
      await createTestAuditService(db(), { metrics: { registry } }),
    ];
    const tenantId = newTenantId();
    await Promise.all(
      Array.from({ length: 10 }, async (_, w) => {
        for (let i = 0; i < 5; i++) await processes[w % 2]!.append({ tenantId, type: 'logout' });
      }),
    );
    const collisions = processes[0]!.appendCollisions + processes[1]!.appendCollisions;
    expect(collisions).toBeGreaterThan(0);
    const exposition = await registry.metrics();
    expect(exposition).toMatch(new RegExp(`^portal_audit_write_collisions_total ${collisions}$`, 'm'));
    for (const name of [
      'portal_audit_write_waits_total',
      'portal_audit_write_wait_seconds',
      'portal_audit_lease_takeovers_total',
      'portal_audit_write_busy_total',
    ]) {
      expect(exposition).toContain(`# TYPE ${name} `);
    }
  });

  it('has no next page when the last page is exactly full', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    for (let i = 0; i < 4; i++) await audit.append({ tenantId, type: 'logout' });
    const first = await audit.list(tenantId, {}, { first: 2 });
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 4 });
    const last = await audit.list(tenantId, {}, { first: 2, after: first.nextCursor });
    expect(last.events.map((e) => e.seq)).toEqual([2, 1]);
    expect(last).toMatchObject({ hasNextPage: false, nextCursor: null });
    expect((await audit.list(tenantId, {}, { first: 4 })).hasNextPage).toBe(false);
  });
});

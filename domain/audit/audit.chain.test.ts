import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { keyedHash } from '../../core/crypto.js';
import { computeEventHash, GENESIS_HASH } from './audit.hash.js';
import { decodePublicId } from './audit.ids.js';
import { createTestAuditService, customerOf, newTenantId, staffOf, testClientHashKey } from './audit.test-support.js';
import type { AuditEventType } from './audit.types.js';

describe('appending to the audit chain', () => {
  const db = useTestDatabase();

  it('numbers events 1..n per tenant and links each to the previous hash', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const events = [];
    for (const type of ['login.succeeded', 'profile.updated', 'logout'] as AuditEventType[]) {
      events.push(await audit.append({ tenantId, type, principal: customerOf(tenantId), details: { n: events.length } }));
    }
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    for (const event of events) expect(computeEventHash(event)).toBe(event.hash);
    expect(events[0]).toMatchObject({ tenantId, outcome: 'success', accountId: 'acc-1', actor: 'account:acc-1' });
    expect(decodePublicId(events[2]!.id)).toEqual({ tenantId, seq: 3 });
  });

  it('stores IP address and user agent only as keyed hashes', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const client = { ip: '::ffff:192.0.2.10', userAgent: 'Mozilla/5.0 (Test)' };
    const event = await audit.append({ tenantId, type: 'login.succeeded', principal: customerOf(tenantId), client });
    expect(event.ipHash).toBe(keyedHash(testClientHashKey, 'ip:192.0.2.10'));
    expect(event.userAgentHash).toBe(keyedHash(testClientHashKey, 'ua:Mozilla/5.0 (Test)'));
    const raw = await db().collection('audit_events').findOne({ tenantId });
    expect(JSON.stringify(raw)).not.toMatch(/192\.0\.2\.10|Mozilla/);
  });

  it('refuses unknown event types, outcomes and principals of another tenant', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    await expect(audit.append({ tenantId, type: 'user.hacked' as AuditEventType })).rejects.toThrow(/unknown event type/);
    await expect(audit.append({ tenantId, type: 'logout', outcome: 'maybe' as 'success' })).rejects.toThrow(/unknown outcome/);
    await expect(audit.append({ tenantId, type: 'logout', principal: staffOf('elsewhere') })).rejects.toThrow(/another tenant/);
    expect(await audit.count(tenantId, {})).toBe(0);
  });

  it('20 concurrent writers in two processes produce a gap-free, valid chain', async () => {
    // Two service instances share nothing but the database, like two gateway processes.
    const processes = [await createTestAuditService(db()), await createTestAuditService(db())];
    const tenantId = newTenantId();
    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let i = 0; i < 10; i++) {
        await processes[w % 2]!.append({
          tenantId,
          type: 'document.downloaded',
          principal: customerOf(tenantId, `acc-${w}`),
          details: { w, i },
        });
      }
    });
    await Promise.all(writers);

    const seqs = (await processes[0]!.repository.model.find({ tenantId }, { seq: 1 }).lean())
      .map((e) => e.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await processes[1]!.verify(tenantId)).toMatchObject({ intact: true, checkedEvents: 200, lastSeq: 200 });
    expect(processes[0]!.appendCollisions + processes[1]!.appendCollisions).toBeGreaterThan(0);
  });

  it('a process whose remembered tail is stale re-reads it and keeps the chain intact', async () => {
    const [a, b] = [await createTestAuditService(db()), await createTestAuditService(db())];
    const tenantId = newTenantId();
    await a.append({ tenantId, type: 'logout' }); // a remembers seq 1
    await b.append({ tenantId, type: 'logout' }); // b reads the tail, writes 2
    await b.append({ tenantId, type: 'logout' });
    const late = await a.append({ tenantId, type: 'logout' }); // a collides on 2, reads past it to 3, writes 4
    expect(late.seq).toBe(4);
    expect(a.appendCollisions).toBe(1);
    expect((await a.verify(tenantId)).intact).toBe(true);
  });

  it('keeps tenants on separate chains', async () => {
    const audit = await createTestAuditService(db());
    const [t1, t2] = [newTenantId('a'), newTenantId('b')];
    await Promise.all(
      [1, 2, 3].flatMap(() => [audit.append({ tenantId: t1, type: 'logout' }), audit.append({ tenantId: t2, type: 'logout' })]),
    );
    const first = await audit.list(t1, {});
    expect(first.events.map((e) => [e.tenantId, e.seq])).toEqual([
      [t1, 3],
      [t1, 2],
      [t1, 1],
    ]);
    expect((await audit.verify(t2)).checkedEvents).toBe(3);
  });
});

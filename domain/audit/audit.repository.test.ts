import { describe, expect, it } from 'vitest';
import { keyedHash } from '../../core/crypto.js';
import { useTestDatabase } from '../../test/db.js';
import { chainEvents } from './audit.chain-writer.js';
import type { AuditEventDocument } from './audit.model.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditService } from './audit.service.js';
import { createTestAuditService, customerOf, newTenantId, steppingClock, testClientHashKey } from './audit.test-support.js';
import type { AuditEventFilter } from './audit.types.js';

const start = new Date('2026-02-01T00:00:00.000Z');
const minute = (n: number) => new Date(start.getTime() + n * 60_000);
const fingerprint = (tenantId: string, email: string) => keyedHash(testClientHashKey, `fp:${tenantId}:${email}`);

/**
 * The repository under the service: the only code that reads and writes audit events. Each test
 * seeds its own small tenant (event i at minute i, 1-based seq i + 1).
 */
describe('the audit repository', () => {
  const db = useTestDatabase();

  async function seeded(): Promise<{ audit: AuditService; repository: AuditRepository; tenantId: string; other: string }> {
    const audit = await createTestAuditService(db(), { now: steppingClock(start), subjectFingerprint: fingerprint });
    const [tenantId, other] = [newTenantId('repo'), newTenantId('repo-other')];
    for (let i = 0; i < 12; i++) {
      await audit.append({
        tenantId,
        type: i % 2 ? 'logout' : 'login.succeeded',
        outcome: i % 3 ? 'success' : 'denied',
        principal: i === 11 ? undefined : customerOf(tenantId, `acc-${i % 3}`),
        subjectEmail: i === 11 ? 'nog.geen.account@example.nl' : null,
      });
    }
    // The same account ids on another tenant: never part of this tenant's answers.
    for (let i = 0; i < 3; i++) await audit.append({ tenantId: other, type: 'logout', principal: customerOf(other, `acc-${i}`) });
    return { audit, repository: audit.repository, tenantId, other };
  }
  const seqs = (docs: AuditEventDocument[]) => docs.map((doc) => doc.seq);

  it('offers no way to change or remove a stored event', () => {
    const methods = Object.getOwnPropertyNames(AuditRepository.prototype);
    expect(methods.filter((name) => /update|delete|remove|replace|modify|drop|set/i.test(name))).toEqual([]);
  });

  it('selects by a start time alone, an end time alone, or both (start inclusive, end exclusive)', async () => {
    const { repository, tenantId } = await seeded();
    const page = (filter: AuditEventFilter) => repository.findPage(tenantId, filter, null, 50);
    expect(seqs(await page({ from: minute(9) }))).toEqual([12, 11, 10]);
    expect(seqs(await page({ to: minute(2) }))).toEqual([2, 1]);
    expect(seqs(await page({ from: minute(3), to: minute(5) }))).toEqual([5, 4]);
    expect(await repository.count(tenantId, { from: minute(9) })).toBe(3);
    expect(await repository.count(tenantId, { to: minute(2) })).toBe(2);
  });

  it('selects a data subject: the events of their accounts and the events about their address', async () => {
    const { repository, tenantId } = await seeded();
    const subject = { accountIds: ['acc-1'], subjectHash: fingerprint(tenantId, 'nog.geen.account@example.nl') };
    expect(seqs(await repository.findPage(tenantId, { subject }, null, 50))).toEqual([12, 11, 8, 5, 2]);
    expect(await repository.count(tenantId, { subject })).toBe(5);
    const none = { accountIds: [], subjectHash: fingerprint(tenantId, 'iemand.anders@example.nl') };
    expect(await repository.findPage(tenantId, { subject: none }, null, 50)).toEqual([]);
  });

  it('combines filters and pages strictly below a seq, within the tenant only', async () => {
    const { repository, tenantId, other } = await seeded();
    const filter = { accountId: 'acc-0', outcome: 'denied', eventType: 'login.succeeded' };
    expect(seqs(await repository.findPage(tenantId, filter, null, 50))).toEqual([7, 1]);
    expect(seqs(await repository.findPage(tenantId, filter, 7, 50))).toEqual([1]);
    expect(seqs(await repository.findPage(tenantId, { accountId: 'acc-0' }, null, 2))).toEqual([10, 7]);
    expect(seqs(await repository.findPage(other, { accountId: 'acc-0' }, null, 50))).toEqual([1]);
    expect(await repository.count(other, { accountId: 'acc-0' })).toBe(1);
  });

  it('pages the unfiltered trail from the newest, below a seq, never past the first event', async () => {
    const { repository, tenantId } = await seeded();
    expect(seqs(await repository.findPage(tenantId, {}, null, 3))).toEqual([12, 11, 10]);
    expect(seqs(await repository.findPage(tenantId, {}, 4, 10))).toEqual([3, 2, 1]);
    expect(seqs(await repository.findPage(tenantId, {}, 100, 2))).toEqual([12, 11]);
    expect(await repository.findPage(tenantId, {}, 1, 10)).toEqual([]);
    expect(await repository.count(tenantId, {})).toBe(12);
    // A filter that is there but empty is no filter.
    expect(seqs(await repository.findPage(tenantId, { accountId: undefined }, null, 2))).toEqual([12, 11]);
  });

  it('cannot be handed query operators by a filter that skipped parseAuditFilter', async () => {
    const { repository, tenantId } = await seeded();
    const smuggled = { accountId: { $ne: null }, outcome: { $exists: true } } as unknown as AuditEventFilter;
    expect(await repository.findPage(tenantId, smuggled, null, 50)).toEqual([]);
    expect(await repository.count(tenantId, smuggled)).toBe(0);
    const anyTenant = { $ne: 'nobody' } as unknown as string;
    expect(await repository.findPage(anyTenant, { accountId: 'acc-0' }, null, 50)).toEqual([]);
    const subject = { accountIds: [{ $ne: null }], subjectHash: { $exists: true } } as unknown as AuditEventFilter['subject'];
    expect(await repository.count(tenantId, { subject })).toBe(0);
  });

  it('scans a seq range oldest first, bounds included as documented', async () => {
    const { repository, tenantId } = await seeded();
    const scanned = async (options: { afterSeq?: number; untilSeq?: number }, filter: AuditEventFilter = {}) => {
      const found: number[] = [];
      for await (const doc of repository.scan(tenantId, filter, { ...options, batchSize: 4 })) found.push(doc.seq);
      return found;
    };
    expect(await scanned({ afterSeq: 9 })).toEqual([10, 11, 12]);
    expect(await scanned({ untilSeq: 3 })).toEqual([1, 2, 3]);
    expect(await scanned({ afterSeq: 4, untilSeq: 6 })).toEqual([5, 6]);
    expect(await scanned({}, { eventType: 'logout' })).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('finds the tail of a trail another process wrote, and none for an empty one', async () => {
    const { tenantId } = await seeded();
    const fresh = new AuditRepository(db());
    expect(await fresh.readTail(tenantId)).toMatchObject({ seq: 12, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await fresh.tailSeq(newTenantId('none'))).toBe(0);
    expect(await fresh.readTail(newTenantId('none'))).toBeNull();
  });

  it('still pages a trail with an event deleted behind its back (what verify reports), leaving the gap out', async () => {
    const { repository, tenantId } = await seeded();
    await db().collection('audit_events').deleteOne({ tenantId, seq: 11 });
    expect(seqs(await repository.findPage(tenantId, {}, null, 3))).toEqual([12, 10]);
  });

  describe('inserting a chain', () => {
    const events = (tenantId: string, count: number) =>
      chainEvents(
        null,
        Array.from({ length: count }, (_, i) => ({
          tenantId,
          occurredAt: minute(i),
          type: 'logout',
          outcome: 'success',
          accountId: null,
          actor: null,
          targetType: null,
          targetId: null,
          details: {},
          ipHash: null,
          userAgentHash: null,
        })),
      );

    it('stops at a seq another writer took and says how many went in before it', async () => {
      const repository = new AuditRepository(db());
      const tenantId = newTenantId('race');
      const [first, second, third] = events(tenantId, 3);
      expect(await repository.insertChain([second!])).toEqual({ inserted: 1, duplicate: false });
      expect(await repository.insertChain([first!, second!, third!])).toEqual({ inserted: 1, duplicate: true });
      expect(await repository.count(tenantId, {})).toBe(2);
    });

    it('passes on any other failure: the caller cannot know what landed', async () => {
      const repository = new AuditRepository(db());
      const [oversized] = events(newTenantId('big'), 1);
      // Larger than a database document may be: refused, and not for a duplicate key.
      await expect(
        repository.insertChain([{ ...oversized!, details: { text: 'x'.repeat(17 * 1024 * 1024) } }]),
      ).rejects.toThrow();
    });
  });
});

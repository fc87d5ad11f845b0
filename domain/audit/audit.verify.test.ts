import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { testMongoUri, useTestDatabase } from '../../test/db.js';
import { computeEventHash } from './audit.hash.js';
import { documentIdOf, type AuditEventDocument } from './audit.model.js';
import { AuditOrderError, type AuditService } from './audit.service.js';
import { createTestAuditService, customerOf, newTenantId } from './audit.test-support.js';
import { runAuditVerifyCommand } from './audit.verify.js';

describe('verifying the audit chain', () => {
  const db = useTestDatabase();
  // Tampering goes around the model, straight to the collection, like an attacker with database access.
  const raw = () => db().collection<AuditEventDocument>('audit_events');

  async function seeded(count: number): Promise<{ audit: AuditService; tenantId: string }> {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    for (let i = 1; i <= count; i++) {
      await audit.append({ tenantId, type: 'profile.updated', principal: customerOf(tenantId), details: { field: 'phone', i } });
    }
    return { audit, tenantId };
  }

  it('reports an untouched chain as intact, with its head', async () => {
    const { audit, tenantId } = await seeded(5);
    const head = (await raw().findOne({ _id: documentIdOf(tenantId, 5) }))!;
    expect(await audit.verify(tenantId)).toEqual({
      intact: true,
      checkedEvents: 5,
      firstBrokenSeq: null,
      reason: null,
      lastSeq: 5,
      lastHash: head.hash,
    });
    expect(await audit.verify(newTenantId('empty'))).toMatchObject({ intact: true, checkedEvents: 0, lastSeq: null });
  });

  it('detects a changed event at its seq, with the expected and found hash', async () => {
    const { audit, tenantId } = await seeded(6);
    const id = documentIdOf(tenantId, 4);
    const before = (await raw().findOne({ _id: id }))!;
    await raw().updateOne({ _id: id }, { $set: { 'details.field': 'email' } });
    const tampered = (await raw().findOne({ _id: id }))!;
    expect(await audit.verify(tenantId)).toMatchObject({
      intact: false,
      checkedEvents: 3,
      firstBrokenSeq: 4,
      reason: 'hash-mismatch',
      expected: computeEventHash(tampered),
      found: before.hash,
    });
  });

  it('detects a changed and re-hashed event by the broken link after it', async () => {
    const { audit, tenantId } = await seeded(5);
    const id = documentIdOf(tenantId, 2);
    const doc = (await raw().findOne({ _id: id }))!;
    const forged = { ...doc, outcome: 'denied' };
    const forgedHash = computeEventHash(forged);
    await raw().updateOne({ _id: id }, { $set: { outcome: 'denied', hash: forgedHash } });
    expect(await audit.verify(tenantId)).toMatchObject({
      intact: false,
      firstBrokenSeq: 3,
      reason: 'prev-hash-mismatch',
      expected: forgedHash,
      found: doc.hash,
    });
  });

  it('detects a deleted event as a gap, and names the last intact event', async () => {
    const { audit, tenantId } = await seeded(5);
    const second = (await raw().findOne({ _id: documentIdOf(tenantId, 2) }))!;
    await raw().deleteOne({ _id: documentIdOf(tenantId, 3) });
    expect(await audit.verify(tenantId)).toMatchObject({
      intact: false,
      checkedEvents: 2,
      firstBrokenSeq: 3,
      reason: 'missing-event',
      expected: '3',
      found: '4',
      lastSeq: 2,
      lastHash: second.hash,
    });
  });

  it('detects a forged second event with a seq already taken', async () => {
    const { audit, tenantId } = await seeded(3);
    const second = (await raw().findOne({ _id: documentIdOf(tenantId, 2) }))!;
    // Someone with write access drops the unique (tenant, seq) index and adds a second seq 2 under
    // another _id: nothing in the database stops that any more, the walk must.
    const unique = (await raw().indexes()).find((index) => index.unique && index.key.seq === 1)!;
    await raw().dropIndex(unique.name!);
    const forgedId = `${tenantId}:forged`;
    try {
      await raw().insertOne({ ...second, _id: forgedId, details: { forged: true } });
      // Where the walk meets it depends on the engine's order (MongoDB by seq, FerretDB as inserted).
      expect(await audit.verify(tenantId)).toMatchObject({
        intact: false,
        firstBrokenSeq: 2,
        reason: 'unexpected-seq',
        found: '2',
      });
    } finally {
      await raw().deleteOne({ _id: forgedId });
      await raw().createIndex(unique.key, { unique: true, name: unique.name });
    }
  });

  it('detects a deleted first event', async () => {
    const { audit, tenantId } = await seeded(3);
    await raw().deleteOne({ _id: documentIdOf(tenantId, 1) });
    expect(await audit.verify(tenantId)).toMatchObject({
      intact: false,
      checkedEvents: 0,
      firstBrokenSeq: 1,
      reason: 'missing-event',
      lastSeq: null,
      lastHash: null,
    });
  });

  it('never streams out of order, even when an event was deleted and re-inserted', async () => {
    const { audit, tenantId } = await seeded(4);
    const second = (await raw().findOne({ _id: documentIdOf(tenantId, 2) }))!;
    await raw().deleteOne({ _id: second._id });
    await raw().insertOne(second);
    // FerretDB reads in insertion order and refuses to emit 2 after 4; MongoDB reads the index in order.
    const seqs: number[] = [];
    const read = (async () => {
      for await (const event of audit.stream(tenantId, {})) seqs.push(event.seq);
    })();
    await read.then(
      () => expect(seqs).toEqual([1, 2, 3, 4]),
      (error) => expect(error).toBeInstanceOf(AuditOrderError),
    );
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('judges each tenant by its own chain', async () => {
    const a = await seeded(3);
    const b = await seeded(3);
    await raw().deleteOne({ _id: documentIdOf(b.tenantId, 2) });
    expect((await a.audit.verify(a.tenantId)).intact).toBe(true);
    expect((await a.audit.verify(b.tenantId)).intact).toBe(false);
  });

  it('the verify command prints the outcome and exits 0 when intact, 1 when broken', async () => {
    const { tenantId } = await seeded(3);
    const run = async () => {
      const out = new PassThrough();
      let text = '';
      out.on('data', (chunk) => (text += chunk));
      const code = await runAuditVerifyCommand({ connection: db(), tenantId, out });
      return { code, text };
    };
    const head = (await raw().findOne({ _id: documentIdOf(tenantId, 3) }))!;
    expect(await run()).toEqual({
      code: 0,
      text: `Audit trail of tenant "${tenantId}" is intact: 3 events checked. Head: seq 3, hash ${head.hash}.\n`,
    });
    await raw().updateOne({ _id: documentIdOf(tenantId, 2) }, { $set: { type: 'logout' } });
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.text).toMatch(
      /BROKEN at seq 2: the event was changed after it was written \(hash-mismatch; expected [0-9a-f]{64}, found [0-9a-f]{64}\)\. 1 events before it are intact\.\n$/,
    );
    await raw().deleteOne({ _id: documentIdOf(tenantId, 1) });
    expect((await run()).text).toMatch(/BROKEN at seq 1: an event is missing \(missing-event; expected 1, found 2\)/);
  });

  it('the verify command says what is missing or wrong, and exits 2 when it could not verify', async () => {
    const out = () => {
      const stream = new PassThrough();
      const seen = { text: '' };
      stream.on('data', (chunk) => (seen.text += chunk));
      return { stream, seen };
    };
    const noTenant = out();
    expect(await runAuditVerifyCommand({ connection: db(), tenantId: '', out: noTenant.stream })).toBe(2);
    expect(noTenant.seen.text).toBe('audit verify: --tenant ID is required\n');
    const empty = out();
    expect(await runAuditVerifyCommand({ connection: db(), tenantId: newTenantId('none'), out: empty.stream })).toBe(0);
    expect(empty.seen.text).toMatch(/intact: 0 events checked\.\n$/);

    const closed = await mongoose.createConnection(testMongoUri(), { dbName: db().name }).asPromise();
    await closed.close();
    const unreadable = out();
    expect(await runAuditVerifyCommand({ connection: closed, tenantId: 'demo', out: unreadable.stream })).toBe(2);
    expect(unreadable.seen.text).toMatch(/^audit verify: could not read the audit trail: .+\n$/);
  });
});

import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { AuditTrailIsAppendOnlyError } from './audit.model.js';
import { createTestAuditService, newTenantId } from './audit.test-support.js';

describe('the audit model is insert-only', () => {
  const db = useTestDatabase();

  it('refuses every update and delete path mongoose offers', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const event = await audit.append({ tenantId, type: 'login.succeeded', details: { a: 1 } });
    const Model = audit.repository.model;
    const byTenant = { tenantId };
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['updateOne', () => Model.updateOne(byTenant, { $set: { outcome: 'denied' } })],
      ['updateMany', () => Model.updateMany(byTenant, { $set: { outcome: 'denied' } })],
      ['findOneAndUpdate', () => Model.findOneAndUpdate(byTenant, { $set: { outcome: 'denied' } })],
      ['findByIdAndUpdate', () => Model.findByIdAndUpdate(`${tenantId}:000000000001`, { outcome: 'denied' })],
      ['replaceOne', () => Model.replaceOne(byTenant, { tenantId })],
      ['findOneAndReplace', () => Model.findOneAndReplace(byTenant, { tenantId })],
      ['deleteOne', () => Model.deleteOne(byTenant)],
      ['deleteMany', () => Model.deleteMany({})],
      ['findOneAndDelete', () => Model.findOneAndDelete(byTenant)],
      ['findByIdAndDelete', () => Model.findByIdAndDelete(`${tenantId}:000000000001`)],
      ['bulkWrite', () => Model.bulkWrite([{ deleteMany: { filter: {} } }])],
      [
        'document save',
        async () => {
          const doc = (await Model.findOne(byTenant))!;
          doc.outcome = 'denied';
          return doc.save();
        },
      ],
      ['document deleteOne', async () => (await Model.findOne(byTenant))!.deleteOne()],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toBeInstanceOf(AuditTrailIsAppendOnlyError);
    }
    const stored = await Model.find(byTenant).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ outcome: 'success', hash: event.hash, details: { a: 1 } });
  });

  it('is a plain collection, not a capped one', async () => {
    const audit = await createTestAuditService(db());
    await audit.append({ tenantId: newTenantId(), type: 'logout' });
    expect(await audit.repository.model.collection.isCapped()).toBe(false);
  });
});

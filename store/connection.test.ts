import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { initModels, pingDatabase } from './connection.js';
import { useTestDatabase } from '../test/db.js';

describe('database connection on the embedded engine', () => {
  const db = useTestDatabase();

  it('answers a ping', async () => {
    await expect(pingDatabase(db())).resolves.toBeUndefined();
  });

  it('creates unique indexes at init and reports a duplicate insert as code 11000', async () => {
    const Thing = db().model(
      'Thing',
      new Schema({ tenantId: String, email: String }).index({ tenantId: 1, email: 1 }, { unique: true }),
    );
    await initModels(db());
    await Thing.create({ tenantId: 't1', email: 'a@example.nl' });
    await Thing.create({ tenantId: 't2', email: 'a@example.nl' });
    await expect(Thing.create({ tenantId: 't1', email: 'a@example.nl' })).rejects.toMatchObject({ code: 11000 });
    expect(await Thing.countDocuments()).toBe(2);
  });
});

import type { Connection } from 'mongoose';
import { tenantModel } from './tenant.model.js';

/**
 * The stored tenants as the start-up secret-key check sees them: whether there are any (their
 * app passwords were sealed with some key). Kept here so the gateway needs no model of ours.
 */
export async function storedTenants(connection: Connection): Promise<{ any(): Promise<boolean> }> {
  const model = tenantModel(connection);
  await model.init();
  return { any: async () => (await model.exists({})) !== null };
}

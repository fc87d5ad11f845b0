import type { Connection } from 'mongoose';
import { createTenantDirectory } from '../domain/tenants/tenant-directory.js';
import { storedTenants } from '../domain/tenants/stored-tenants.js';
import type { Config } from './config.js';
import { existingSecretKey, loadSecretKey } from './secret-key.js';
import { hasSecretKeyFingerprint, SecretKeyMismatchError, verifySecretKey } from './secret-key-fingerprint.js';

/** Whether `secretKey` opens a stored tenant's sealed app password (true when there is none). */
async function opensStoredTenantCredentials(connection: Connection, secretKey: string): Promise<boolean> {
  const directory = createTenantDirectory(connection, secretKey);
  await directory.refresh();
  const first = directory.list()[0];
  if (!first) return true;
  try {
    directory.appPasswordOf(first.id);
    return true;
  } catch {
    return false;
  }
}

/**
 * The secret key for a process on this database, checked against the key the database was first
 * used with (see secret-key-fingerprint.ts). A key is generated into DATA_DIR only for a database
 * that has none yet, so a command run without PORTAL_SECRET_KEY never invents a second key.
 */
export async function checkedSecretKey(connection: Connection, config: Config): Promise<string> {
  const tenants = await storedTenants(connection);
  const existing = existingSecretKey(config);
  if (!existing && ((await hasSecretKeyFingerprint(connection)) || (await tenants.any()))) {
    throw new SecretKeyMismatchError(
      `PORTAL_SECRET_KEY is not set and ${config.dataDir}/secret.key does not exist, but the stored tenants were sealed with a secret key`,
    );
  }
  const secretKey = existing ?? loadSecretKey(config);
  await verifySecretKey(connection, secretKey, () => opensStoredTenantCredentials(connection, secretKey));
  return secretKey;
}

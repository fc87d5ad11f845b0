import { Schema, type Connection, type Model } from 'mongoose';
import { deriveKey, keyedHash } from '../core/crypto.js';

/**
 * Every process that opens the database — gateways and `npx portal` — must use the secret key
 * the stored tenants were sealed with; with another key their app passwords cannot be opened.
 * The first process to start records a fingerprint of its key (an HMAC of a constant under a
 * sub-key: it proves which key, but reveals nothing of it); every later process compares and
 * refuses with one line instead of failing deep inside a decryption.
 */

export class SecretKeyMismatchError extends Error {
  constructor(detail: string) {
    super(`${detail}. Set PORTAL_SECRET_KEY to the key the gateway uses (or run with the gateway's DATA_DIR).`);
    this.name = 'SecretKeyMismatchError';
  }
}

interface FingerprintDocument {
  _id: string;
  fingerprint: string;
  recordedAt: Date;
}

const FINGERPRINT_ID = 'secret-key-fingerprint';

const installationSchema = new Schema<FingerprintDocument>(
  { _id: { type: String, required: true }, fingerprint: { type: String, required: true }, recordedAt: Date },
  { collection: 'installation', versionKey: false },
);

async function installationModel(connection: Connection): Promise<Model<FingerprintDocument>> {
  const model =
    (connection.models.Installation as Model<FingerprintDocument> | undefined) ??
    connection.model<FingerprintDocument>('Installation', installationSchema);
  // mongoose creates the collection in the background otherwise, which a quick close interrupts.
  await model.init();
  return model;
}

export function secretKeyFingerprint(secretKey: string): string {
  return keyedHash(deriveKey(secretKey, 'secret-key-fingerprint'), 'pipelinq-portal-gateway').slice(0, 32);
}

/** True when the database already holds a fingerprint (so a key has been chosen for it). */
export async function hasSecretKeyFingerprint(connection: Connection): Promise<boolean> {
  return (await (await installationModel(connection)).exists({ _id: FINGERPRINT_ID })) !== null;
}

/**
 * Records the key's fingerprint when the database has none yet, else compares with it. Insert-only,
 * so processes starting together agree on one key. `opensStoredSecret` covers databases from
 * before the fingerprint: it tries the key on something already sealed (a tenant's app password).
 */
export async function verifySecretKey(
  connection: Connection,
  secretKey: string,
  opensStoredSecret: () => Promise<boolean> = async () => true,
): Promise<void> {
  const model = await installationModel(connection);
  const fingerprint = secretKeyFingerprint(secretKey);
  const stored = await model.findById(FINGERPRINT_ID).lean<FingerprintDocument>();
  if (stored) {
    if (stored.fingerprint !== fingerprint)
      throw new SecretKeyMismatchError('The secret key differs from the one the stored tenants were sealed with');
    return;
  }
  if (!(await opensStoredSecret()))
    throw new SecretKeyMismatchError(
      'The secret key cannot open the stored tenant credentials: it differs from the one they were sealed with',
    );
  try {
    await model.create({ _id: FINGERPRINT_ID, fingerprint, recordedAt: new Date() });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    // Another process recorded its key first: it must be ours.
    await verifySecretKey(connection, secretKey);
  }
}

import { createHash, createHmac, hkdfSync } from 'node:crypto';

/**
 * Small, general crypto helpers. Sub-keys are derived from the one PORTAL_SECRET_KEY so that each
 * purpose (audit hashing, download signing, …) has its own key: leaking or rotating one never
 * affects another, and the master secret itself is never used directly.
 */

const derivationSalt = Buffer.from('pipelinq-portal-gateway/v1');

/** HKDF-SHA256 sub-key for `purpose` (a fixed label such as 'audit-client-hash'). */
export function deriveKey(secret: string | Buffer, purpose: string, length = 32): Buffer {
  if (!secret || secret.length < 16) throw new Error('deriveKey: the secret must be at least 16 bytes');
  if (!purpose) throw new Error('deriveKey: a purpose label is required');
  return Buffer.from(hkdfSync('sha256', secret, derivationSalt, purpose, length));
}

/** HMAC-SHA256 as lowercase hex: a pseudonym that cannot be reversed or recomputed without the key. */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

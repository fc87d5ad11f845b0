import { deriveKey, keyedHash } from '../../core/crypto.js';
import { emptyMfa, normaliseEmail } from './account.types.js';

/**
 * Data minimisation at closure (GDPR Art. 5(1)(c)): a CLOSED account can no longer sign in, so it
 * needs no credential and no readable address. What the retention period still needs is to
 * recognise the person (a keyed hash of the address: a DPO can match an address to it, nobody can
 * read an address out of it) and the link to the client and contact, which stay on the account.
 */

/** The sub-key for address fingerprints; derived from PORTAL_SECRET_KEY like every other key. */
export function emailFingerprintKey(secretKey: string | Buffer): Buffer {
  return deriveKey(secretKey, 'account-email-fingerprint');
}

/** Tenant-bound, so the same address in two tenants does not link the two accounts. */
export function emailFingerprint(key: Buffer, tenantId: string, email: string): string {
  return keyedHash(key, `${tenantId}:${normaliseEmail(email)}`);
}

/**
 * The address a closed account carries instead of the person's: unique per account (the
 * `tenantId + email` index stays satisfied) and on the reserved `.invalid` TLD, so no mail can
 * ever go to it.
 */
export function closedEmail(accountId: string): string {
  return `closed-${accountId.toLowerCase()}@invalid`;
}

/** The fields closure overwrites: every credential and the plain address, in one update. */
export function closureMinimisation(key: Buffer, account: { id: string; tenantId: string; email: string }) {
  return {
    email: closedEmail(account.id),
    emailHash: emailFingerprint(key, account.tenantId, account.email),
    passwordHash: null,
    mfa: emptyMfa(),
    failuresResetAt: null,
  };
}

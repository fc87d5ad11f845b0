import { randomInt } from 'node:crypto';
import { keyedHash } from '../../core/crypto.js';

export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: codes are read off paper and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

/** Ten fresh codes like `k7wq2-mzx9p` (about 49 bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let code = '';
    for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normaliseRecoveryCode(code: string | null | undefined): string | null {
  const compact = (code ?? '').toLowerCase().replace(/[\s-]+/g, '');
  return compact.length === LENGTH && [...compact].every((c) => ALPHABET.includes(c)) ? compact : null;
}

/**
 * Stored form: HMAC with a key derived from PORTAL_SECRET_KEY, bound to the account. A copy of
 * the database alone is not enough to test guesses offline, and a code of one account is worth
 * nothing on another.
 */
export function hashRecoveryCode(key: Buffer, accountId: string, normalised: string): string {
  return keyedHash(key, `${accountId}:${normalised}`);
}

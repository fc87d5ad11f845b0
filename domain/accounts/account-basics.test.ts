import { describe, expect, it } from 'vitest';
import { closedEmail, closureMinimisation, emailFingerprint, emailFingerprintKey } from './account-minimisation.js';
import { emptyMfa, isPlausibleEmail, normaliseEmail } from './account.types.js';
import { isPseudonymName, pseudonymName, PSEUDONYM_PREFIX } from './pseudonyms.js';

/**
 * The small rules accounts rest on: one stored form per address, a plain plausibility check, what
 * closure leaves of an account, and how a pseudonymised record is recognised.
 */
describe('addresses', () => {
  it('are stored and compared in one form: trimmed and lower-cased', () => {
    expect(normaliseEmail('  Fatima.Bakker@Example.NL \n')).toBe('fatima.bakker@example.nl');
  });

  it('are plausible with one @, a dot in the domain, no spaces and at most 254 characters', () => {
    for (const ok of ['a@b.nl', 'fatima.bakker+portal@mail.example.nl', `${'a'.repeat(249)}@b.nl`]) {
      expect(isPlausibleEmail(ok), ok).toBe(true);
    }
    for (const bad of [
      'no-at.example.nl',
      'two@@example.nl',
      'a@b@c.nl',
      '@example.nl',
      'name@',
      'name@localhost',
      'name@example.',
      'name@.nl',
      'spa ce@example.nl',
      'name@exa mple.nl',
      'name@example.n l',
      ' name@example.nl',
      'name@example.nl ',
      `${'a'.repeat(250)}@b.nl`, // 255 characters
    ]) {
      expect(isPlausibleEmail(bad), bad).toBe(false);
    }
  });
});

describe('a new account', () => {
  it('has no second factor of any kind', () => {
    expect(emptyMfa()).toEqual({
      enabled: false,
      secretSealed: null,
      enabledAt: null,
      lastStep: null,
      recoveryCodeHashes: [],
      pendingSecretSealed: null,
      pendingSince: null,
    });
  });
});

describe('closure', () => {
  const key = emailFingerprintKey('closure-tests-secret-0123456789');

  it('replaces the address by one on the reserved .invalid domain, unique per account', () => {
    expect(closedEmail('ABC-123')).toBe('closed-abc-123@invalid');
    expect(closedEmail('a')).not.toBe(closedEmail('b'));
  });

  it('keeps a fingerprint of the address that matches however it is written, and only in its tenant', () => {
    const print = emailFingerprint(key, 'tenant-a', 'Fatima@Example.nl');
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(emailFingerprint(key, 'tenant-a', ' fatima@example.NL ')).toBe(print);
    expect(emailFingerprint(key, 'tenant-b', 'fatima@example.nl')).not.toBe(print);
    expect(emailFingerprint(emailFingerprintKey('another-secret-0123456789abcdef'), 'tenant-a', 'fatima@example.nl')).not.toBe(
      print,
    );
  });

  it('drops every credential and the readable address in one update', () => {
    const fields = closureMinimisation(key, { id: 'Acc-1', tenantId: 'tenant-a', email: 'fatima@example.nl' });
    expect(fields).toEqual({
      email: 'closed-acc-1@invalid',
      emailHash: emailFingerprint(key, 'tenant-a', 'fatima@example.nl'),
      passwordHash: null,
      mfa: emptyMfa(),
      failuresResetAt: null,
    });
  });
});

describe('pseudonymised records', () => {
  it('are named by the prefix and ten hex characters of the hash', () => {
    expect(pseudonymName('0123456789abcdef')).toBe(`${PSEUDONYM_PREFIX}0123456789`);
    expect(isPseudonymName(pseudonymName('0123456789abcdef'))).toBe(true);
    expect(isPseudonymName('  Gepseudonimiseerd a1b2c3d4e5 ')).toBe(true);
  });

  it('are told apart from real names and anything else', () => {
    for (const other of [
      'Fatima Bakker',
      'Gepseudonimiseerd',
      'Gepseudonimiseerd 0123456789a', // eleven characters
      'Gepseudonimiseerd 012345678', // nine
      'Gepseudonimiseerd 012345678g',
      'Gepseudonimiseerd ABCDEF0123', // upper case is not what the cleanup writes
      'Mevrouw Gepseudonimiseerd 0123456789',
      '',
      null,
      undefined,
      42,
      { name: 'Gepseudonimiseerd 0123456789' },
    ]) {
      expect(isPseudonymName(other), String(other)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.js';
import { newTotpSecret, normaliseTotpCode, totpCodeAt, verifyTotp } from './totp.js';

/** What a person may type as a second factor, and what is refused before any check. */
describe('typed TOTP codes', () => {
  it('take spaces as apps show them, and nothing but six digits', () => {
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
    expect(normaliseTotpCode('1234567')).toBeNull();
    expect(normaliseTotpCode('x123456')).toBeNull();
    expect(normaliseTotpCode('12345')).toBeNull();
    expect(normaliseTotpCode(null)).toBeNull();
  });

  it('are refused when they are not a code at all', async () => {
    const secret = newTotpSecret();
    const now = new Date('2026-03-02T09:00:00Z');
    expect(await verifyTotp(secret, 'abcdef', now)).toBeNull();
    const code = await totpCodeAt(secret, now);
    expect(await verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(Math.floor(now.getTime() / 30_000));
  });
});

describe('typed recovery codes', () => {
  it('ignore case, spaces and dashes', () => {
    const [code] = newRecoveryCodes(1);
    expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(normaliseRecoveryCode(` ${code!.toUpperCase().replace('-', ' - ')} `)).toBe(code!.replace('-', ''));
  });

  it('are refused when too short, too long or with letters that are never issued', () => {
    expect(normaliseRecoveryCode('abcde-fghj')).toBeNull();
    expect(normaliseRecoveryCode('abcde-fghjkm')).toBeNull();
    expect(normaliseRecoveryCode('abcde-fghj0')).toBeNull();
    expect(normaliseRecoveryCode('abcde-fghjl')).toBeNull();
    expect(normaliseRecoveryCode(null)).toBeNull();
  });
});

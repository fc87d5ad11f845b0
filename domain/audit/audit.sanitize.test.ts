import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { REDACTED, sanitizeDetails } from './audit.sanitize.js';
import { createTestAuditService, customerOf, newTenantId } from './audit.test-support.js';
import { AUDIT_EVENT_TYPES } from './audit.types.js';

const forbiddenKey = /password|token|secret|code|otp|recovery|authorization|cookie/i;

/** Every way a careless caller could leak a credential into `details`. */
const nastyDetails = () => ({
  password: 'hunter2',
  newPassword: 'Nieuw-Wachtwoord-1',
  totpCode: '123456',
  recoveryCode: 'ABCD-EFGH',
  code: '654321',
  resetToken: 'tok_abc',
  accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
  clientSecret: 's3cr3t',
  Authorization: 'Bearer abc.def',
  'Set-Cookie': 'sid=1',
  apiKey: 'k-1',
  OTP: '000000',
  nested: { deeper: { sessionTOKEN: 'x', ok: 'kept' }, list: [{ password: 'p', fine: 1 }] },
  header: 'Bearer eyJraWQiOiJ4In0',
  link: 'otpauth://totp/Portal:jan?secret=JBSWY3DPEHPK3PXP',
  dsn: 'https://user:pa55@example.org/x',
  $where: 'sleep(1)',
  'dotted.key': 1,
  field: 'email',
});

function keysOf(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(keysOf);
  return Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)]);
}

describe('details sanitiser', () => {
  it('strips sensitive keys at every depth and redacts credential-looking values', () => {
    const { details, removed } = sanitizeDetails(nastyDetails());
    expect(keysOf(details).filter((key) => forbiddenKey.test(key))).toEqual([]);
    expect(details).toMatchObject({ field: 'email', nested: { deeper: { ok: 'kept' }, list: [{ fine: 1 }] } });
    expect(details.header).toBe(REDACTED);
    expect(details.link).toBe(REDACTED);
    expect(details.dsn).toBe(REDACTED);
    expect(details).not.toHaveProperty('$where');
    expect(details).not.toHaveProperty('dotted.key');
    expect(removed).toContain('nested.deeper.sessionTOKEN');
    expect(JSON.stringify(details)).not.toMatch(/hunter2|123456|654321|s3cr3t|tok_abc|pa55/);
  });

  it('returns JSON-safe data that reads back exactly as hashed', () => {
    const { details } = sanitizeDetails({
      when: new Date('2026-01-02T03:04:05.000Z'),
      nan: Number.NaN,
      skip: undefined,
      fn: () => 1,
      big: 10n,
      long: 'x'.repeat(2_000),
      deep: { a: { b: { c: { d: { e: 1 } } } } },
    });
    expect(details).toEqual({
      when: '2026-01-02T03:04:05.000Z',
      nan: null,
      big: '10',
      long: `${'x'.repeat(500)}…`,
      deep: { a: { b: { c: null } } },
    });
    expect(sanitizeDetails(undefined).details).toEqual({});
  });
});

describe('details sanitising through the service', () => {
  const db = useTestDatabase();

  it('no event type can store a password, token, secret or code', async () => {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    for (const type of AUDIT_EVENT_TYPES) {
      await audit.append({ tenantId, type, principal: customerOf(tenantId), details: nastyDetails() });
    }
    const stored = await audit.repository.model.find({ tenantId }).lean();
    expect(stored).toHaveLength(AUDIT_EVENT_TYPES.length);
    expect(new Set(stored.map((e) => e.type))).toEqual(new Set(AUDIT_EVENT_TYPES));
    for (const event of stored) {
      expect(keysOf(event.details).filter((key) => forbiddenKey.test(key))).toEqual([]);
      expect(JSON.stringify(event)).not.toMatch(/hunter2|Nieuw-Wachtwoord|123456|654321|s3cr3t|tok_abc|pa55|ABCD-EFGH/);
      expect(event.details).toMatchObject({ field: 'email' });
    }
    expect((await audit.verify(tenantId)).intact).toBe(true);
  });

  it('recognises each kind of credential key, and only those', () => {
    const keys = [
      'pass',
      'passwd',
      'passphrase',
      'pwd',
      'api_key',
      'api-key',
      'APIKEY',
      'private_key',
      'privateKey',
      'credentials',
      'Authorisation',
    ];
    const { details, removed } = sanitizeDetails(Object.fromEntries([...keys, 'field', 'keyword'].map((key) => [key, 'v'])));
    expect(details).toEqual({ field: 'v', keyword: 'v' });
    expect(removed).toEqual(keys);
    expect(sanitizeDetails({ field: 'email' }).removed).toEqual([]);
  });

  it('redacts credential-looking values exactly, and leaves text that only resembles them', () => {
    const redacted = [
      'Bearer abc',
      'Bearer   abc',
      '  basic dXNlcjpwYXNz',
      'BEARER\tx',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
      'OTPAUTH://totp/Portal:jan?secret=JBSWY3DPEHPK3PXP',
      'ftp://jan:geheim@files.example.org',
    ];
    const kept = [
      'bearer', // the word alone
      'the bearer of this letter', // not at the start
      'Basic:x',
      'see eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', // not a token by itself
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln and more',
      'eyJ.a.b',
      'eyJa..b',
      'eyJa.b.c!',
      'scan the otpauth:// link',
      'https://example.org/user:pass@x',
    ];
    const input = Object.fromEntries([...redacted, ...kept].map((value, i) => [`v${i}`, value]));
    const { details } = sanitizeDetails(input);
    redacted.forEach((value, i) => expect(details[`v${i}`], value).toBe('[redacted]'));
    kept.forEach((value, i) => expect(details[`v${redacted.length + i}`], value).toBe(value));
    expect(REDACTED).toBe('[redacted]');
  });

  it('bounds what it keeps: 500 characters, 50 items, 50 keys, 4 levels, and says what it cut', () => {
    const { details, removed } = sanitizeDetails({
      exact: 'x'.repeat(500),
      long: 'y'.repeat(501),
      list: Array.from({ length: 60 }, (_, i) => i),
      many: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i])),
      a: { b: { c: { d: { e: 'too deep' }, s: 'a string is never too deep' }, kept: [{ e: 1 }] } },
      flags: [true, false, null, undefined, () => 1],
      gone: undefined,
      off: false,
      none: null,
    });
    expect(details.exact).toBe('x'.repeat(500));
    expect(details.long).toBe(`${'y'.repeat(500)}…`);
    expect(details.list).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Object.keys(details.many as object)).toHaveLength(50);
    expect(details.a).toEqual({ b: { c: { d: null, s: 'a string is never too deep' }, kept: [null] } });
    expect(removed).toEqual(['a.b.c.d (too deep)', 'a.b.kept[0] (too deep)']);
    expect(details.flags).toEqual([true, false, null, null, null]);
    expect('gone' in details).toBe(false);
    expect(details.off).toBe(false);
    expect(details.none).toBeNull();
    // A list where an object belongs, or nothing at all, is no details.
    expect(sanitizeDetails(['a'] as unknown as Record<string, unknown>).details).toEqual({});
    expect(sanitizeDetails('just text' as unknown as Record<string, unknown>).details).toEqual({});
    expect(sanitizeDetails(null).details).toEqual({});
    expect(sanitizeDetails(undefined).details).toEqual({});
  });
});

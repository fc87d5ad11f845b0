import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../test/gateway.js';
import { DEMO_STAFF, STAFF_SIGN_IN } from '../../test/staff.js';

describe('staff sign-in is throttled per login, not only per address', () => {
  const gw = useTestGateway();
  let address = 0;
  /** Every attempt from a new client address, as a botnet would: the per-address limit never bites. */
  const attempt = (loginName: string, appPassword: string, tenant = 'demo') =>
    gw().graphql(
      STAFF_SIGN_IN,
      { input: { tenantId: tenant, loginName, appPassword } },
      { 'x-portal-tenant': tenant, 'x-forwarded-for': `198.51.100.${++address}` },
    );
  const codeOf = async (pending: ReturnType<typeof attempt>) => (await pending).body.errors?.[0]?.extensions?.code ?? 'OK';

  it('refuses a login guessed at from many addresses with RATE_LIMITED, the right password too', async () => {
    for (let i = 0; i < 10; i++) expect(await codeOf(attempt('admin', `guess-${i}`))).toBe('INVALID_CREDENTIALS');
    const refused = await attempt('admin', DEMO_STAFF.admin.appPassword);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(JSON.stringify(refused.body)).not.toContain(DEMO_STAFF.admin.appPassword);
    // Other logins and other tenants' admins are not affected.
    expect(await codeOf(attempt('dpo', DEMO_STAFF.dpo.appPassword))).toBe('OK');
    expect(await codeOf(attempt('admin', DEMO_STAFF.admin.appPassword, 'other'))).toBe('OK');
  });

  it('clears the count when the owner signs in, so earlier typos do not lock them out later', async () => {
    for (let i = 0; i < 9; i++) expect(await codeOf(attempt('dpo', `typo-${i}`))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(attempt('dpo', DEMO_STAFF.dpo.appPassword))).toBe('OK');
    for (let i = 0; i < 9; i++) expect(await codeOf(attempt('dpo', `typo-again-${i}`))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(attempt('dpo', DEMO_STAFF.dpo.appPassword))).toBe('OK');
  });
});

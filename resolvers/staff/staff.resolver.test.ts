import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../test/gateway.js';
import { DEMO_STAFF, STAFF_SIGN_IN, signInStaff } from '../../test/staff.js';

describe('staff sign-in against the tenant’s Nextcloud', () => {
  const gw = useTestGateway();
  const signIn = (input: Record<string, string>, tenant = 'demo') =>
    gw().graphql(STAFF_SIGN_IN, { input }, { 'x-portal-tenant': tenant });

  it('gives the Nextcloud admin group ADMIN, with a one-hour pst_ token and an HttpOnly cookie', async () => {
    const response = await fetch(`${gw().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: STAFF_SIGN_IN, variables: { input: { tenantId: 'demo', ...DEMO_STAFF.admin } } }),
    });
    const body = (await response.json()) as { data: { staffSignIn: { token: string; roles: string[]; expiresAt: string } } };
    const { token, roles, expiresAt } = body.data.staffSignIn;
    expect(token).toMatch(/^pst_[A-Za-z0-9_-]{43}$/);
    expect(roles).toEqual(['ADMIN']);
    const lifetime = new Date(expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^portal_staff=pst_/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('gives the DPO group DPO', async () => {
    const { body } = await signIn({ tenantId: 'demo', ...DEMO_STAFF.dpo });
    expect(body.data?.staffSignIn).toMatchObject({ roles: ['DPO'] });
  });

  it('refuses a Nextcloud user without a staff group with FORBIDDEN', async () => {
    const { body } = await signIn({ tenantId: 'demo', ...DEMO_STAFF.outsider });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data).toBeNull();
  });

  it('refuses a wrong app password with INVALID_CREDENTIALS and leaks nothing', async () => {
    const { body } = await signIn({ tenantId: 'demo', loginName: 'admin', appPassword: 'wrong-password' });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_CREDENTIALS' });
    expect(JSON.stringify(body)).not.toContain('wrong-password');
  });

  it('reports missing fields together', async () => {
    const { body } = await signIn({ tenantId: 'demo', loginName: ' ', appPassword: '' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((body.errors?.[0]?.extensions?.problems as unknown[]).length).toBe(2);
  });

  it('signs staff in on their own tenant’s portal only', async () => {
    const { body } = await signIn({ tenantId: 'other', ...DEMO_STAFF.admin }, 'demo');
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers UPSTREAM_UNAVAILABLE when the tenant’s Nextcloud is down', async () => {
    const demo = gw().simulator.instance('demo');
    demo.setFaults({ down: true });
    try {
      const { body } = await signIn({ tenantId: 'demo', ...DEMO_STAFF.admin });
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      demo.resetFaults();
    }
  });

  it('signs staff out: the token stops working and the cookie is cleared', async () => {
    const admin = await signInStaff(gw(), 'admin');
    const viewer = '{ viewer { __typename } }';
    expect((await gw().graphql(viewer, undefined, admin.headers)).body.data).toEqual({ viewer: { __typename: 'StaffViewer' } });
    const response = await fetch(`${gw().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin.headers },
      body: JSON.stringify({ query: 'mutation { signOut }' }),
    });
    expect(await response.json()).toEqual({ data: { signOut: true } });
    expect(response.headers.get('set-cookie')).toMatch(/^portal_staff=;/);
    expect((await gw().graphql(viewer, undefined, admin.headers)).body.data).toEqual({ viewer: null });
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMERS } from '../../test/customers.js';
import { useTestGateway } from '../../test/gateway.js';

/**
 * A session that may only finish setting up two-step verification (the tenant requires MFA and
 * the customer has none yet) is no proof of identity for an Art. 15 export: the password alone
 * must not get all the person's data out.
 */
const gw = useTestGateway();

describe('data export and enrolment-only sessions', () => {
  it('an enrolment-only session can neither request nor list exports', async () => {
    const tenant = gw().services.tenants.get('demo')!;
    await gw().services.tenants.savePortal('demo', { ...tenant.portal, mfaRequired: true }, 'admin', new Date());
    try {
      const { email } = DEMO_CUSTOMERS.jan;
      const response = await fetch(`${gw().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo' },
        body: JSON.stringify({
          query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
          variables: { input: { email, password: DEMO_CUSTOMER_PASSWORD } },
        }),
      });
      const body = (await response.json()) as { data?: { signIn?: { status?: string } } };
      expect(body.data?.signIn?.status).toBe('MFA_ENROLLMENT_REQUIRED');
      const cookie = response.headers
        .getSetCookie()
        .find((c) => c.startsWith('portal_session='))!
        .split(';')[0]!;
      const headers = { cookie, 'x-portal-tenant': 'demo' };
      const requested = await gw().graphql('mutation { requestDataExport { id } }', {}, headers);
      expect(requested.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const listed = await gw().graphql('{ dataExports { id } }', {}, headers);
      expect(listed.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await gw().connection.db!.collection('dataExports').countDocuments({})).toBe(0);
    } finally {
      await gw().services.tenants.savePortal('demo', tenant.portal, 'admin', new Date());
    }
  });
});

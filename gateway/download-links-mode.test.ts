import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_PASSWORD } from '../domain/accounts/demo-accounts.js';
import { DEMO } from '../nextcloud/simulator/demo-data.js';
import { useTestGateway } from '../test/gateway.js';
import { signInStaff } from '../test/staff.js';
import type { Loose } from '../resolvers/portal-data/test-support.js';

/**
 * A download link carries the account type it was made for. Once the tenant switches that type
 * off, the link stops working like every other way in: the signed link is no exception to the
 * tenant's B2B/B2C switches.
 */
const gw = useTestGateway();

async function signIn(email: string): Promise<Record<string, string>> {
  const response = await fetch(`${gw().url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo' },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
      variables: { input: { email, password: DEMO_CUSTOMER_PASSWORD } },
    }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('portal_session='));
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${await response.text()}`);
  return { cookie: cookie.split(';')[0]!, 'x-portal-tenant': 'demo' };
}

describe('download links and account types', () => {
  it('a B2C link stops working when the tenant switches B2C off, and works again when it is back on', async () => {
    const jan = await signIn(DEMO.demo.janJansen.email);
    const list = await gw().graphql('{ invoices(first: 1) { edges { node { documents { id } } } } }', {}, jan);
    const documentId = (list.body.data as Loose).invoices.edges[0].node.documents[0].id as string;
    const signed = await gw().graphql(
      'mutation ($id: ID!) { createDocumentDownload(documentId: $id) { url } }',
      { id: documentId },
      jan,
    );
    expect(signed.body.errors).toBeUndefined();
    const url = `${gw().url}${new URL((signed.body.data as Loose).createDocumentDownload.url as string).pathname}`;
    expect((await fetch(url)).status).toBe(200);

    const admin = await signInStaff(gw(), 'admin');
    const setB2c = (b2cEnabled: boolean) =>
      gw().graphql(
        'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { tenantId } }',
        { input: { b2cEnabled } },
        admin.headers,
      );
    expect((await setB2c(false)).body.errors).toBeUndefined();
    try {
      expect((await fetch(url)).status).toBe(404);
    } finally {
      expect((await setB2c(true)).body.errors).toBeUndefined();
    }
    expect((await fetch(url)).status).toBe(200);
  });
});

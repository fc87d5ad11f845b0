import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_PASSWORD } from '../domain/accounts/demo-accounts.js';
import { DEMO } from '../nextcloud/simulator/demo-data.js';
import { useTestGateway } from '../test/gateway.js';
import { signInStaff } from '../test/staff.js';
import { contentDisposition } from './content-disposition.js';
import type { Loose } from '../resolvers/portal-data/test-support.js';

/**
 * The customer data API over real HTTP, signed in as the demo customers: documents downloaded
 * through `/portal/downloads/:token`, partner tokens, feature toggles and blocked accounts.
 */
const gw = useTestGateway();

const SIGN_IN = 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }';

async function signIn(email: string): Promise<Record<string, string>> {
  const response = await fetch(`${gw().url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo' },
    body: JSON.stringify({ query: SIGN_IN, variables: { input: { email, password: DEMO_CUSTOMER_PASSWORD } } }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('portal_session='));
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${await response.text()}`);
  return { cookie: cookie.split(';')[0]!, 'x-portal-tenant': 'demo' };
}

/** A refused link answers as if it never existed: 404 with the same problem text whatever the reason. */
async function expectGone(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(404);
  expect(((await response.json()) as Loose).errors[0]).toMatchObject({
    message: 'The download was not found.',
    extensions: { code: 'NOT_FOUND' },
  });
}

/** The link as issued, pointed at this test gateway (PUBLIC_URL names port 0 here). */
const local = (url: string) => `${gw().url}${new URL(url).pathname}`;

async function firstInvoiceLink(headers: Record<string, string>) {
  const list = await gw().graphql('{ invoices(first: 1) { edges { node { id documents { id name } } } } }', {}, headers);
  const invoice = (list.body.data as Loose).invoices.edges[0].node;
  const signed = await gw().graphql(
    'mutation ($id: ID!) { createDocumentDownload(documentId: $id) { url expiresAt } }',
    { id: invoice.documents[0].id },
    headers,
  );
  expect(signed.body.errors).toBeUndefined();
  return { invoice, url: local((signed.body.data as Loose).createDocumentDownload.url as string) };
}

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 6266)', () => {
    expect(contentDisposition('factuur-F-2026-00001.pdf')).toBe(
      `attachment; filename="factuur-F-2026-00001.pdf"; filename*=UTF-8''factuur-F-2026-00001.pdf`,
    );
    expect(contentDisposition('offerte "zomer" één.pdf')).toBe(
      `attachment; filename="offerte _zomer_ __n.pdf"; filename*=UTF-8''offerte%20%22zomer%22%20%C3%A9%C3%A9n.pdf`,
    );
  });
});

describe('signed-in customers over HTTP', () => {
  it("Jan downloads his invoice's PDF: the same bytes as in Nextcloud", async () => {
    const jan = await signIn(DEMO.demo.janJansen.email);
    const { invoice, url } = await firstInvoiceLink(jan);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const original = gw()
      .simulator.instance('demo')
      .data.files.find((f) => f.objectUuid === invoice.id)!;
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(original.bytes))).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${original.name}`);
    expect(response.headers.get('content-length')).toBe(String(original.bytes.length));
    // Private to the customer, and never run by a browser as a page of the portal's origin.
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    // A tampered token is a plain 404. Tampered in the middle of the MAC: its last character
    // carries padding bits, so changing that one alone sometimes changed nothing (1 in 16 flaky).
    const at = url.length - 20;
    const tampered = await fetch(`${url.slice(0, at)}${url[at] === 'A' ? 'B' : 'A'}${url.slice(at + 1)}`);
    expect(tampered.status).toBe(404);
  });

  it('a partner token reads the B2B data its scopes allow, nothing else', async () => {
    const bakkerij = await signIn(DEMO.demo.bakkerij.email);
    const created = await gw().graphql(
      'mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret } }',
      { input: { name: 'ERP', scopes: ['READ_INVOICES'], password: DEMO_CUSTOMER_PASSWORD } },
      bakkerij,
    );
    const secret = (created.body.data as Loose)?.createApiToken?.secret as string;
    expect(secret).toMatch(/^pat_/);
    const partner = { authorization: `Bearer ${secret}`, 'x-portal-tenant': 'demo' };
    const invoices = await gw().graphql('{ invoices(first: 1) { totalCount } }', {}, partner);
    expect(invoices.body.errors).toBeUndefined();
    expect((invoices.body.data as Loose).invoices.totalCount).toBe(30);
    const contracts = await gw().graphql('{ contracts { totalCount } }', {}, partner);
    expect(contracts.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a download link minted with a partner token stops working when the token is revoked', async () => {
    const bakkerij = await signIn(DEMO.demo.bakkerij.email);
    const created = await gw().graphql(
      'mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret token { id } } }',
      { input: { name: 'ERP documents', scopes: ['READ_INVOICES', 'READ_DOCUMENTS'], password: DEMO_CUSTOMER_PASSWORD } },
      bakkerij,
    );
    expect(created.body.errors).toBeUndefined();
    const { secret, token } = (created.body.data as Loose).createApiToken as { secret: string; token: { id: string } };
    const partner = { authorization: `Bearer ${secret}`, 'x-portal-tenant': 'demo' };
    const { url } = await firstInvoiceLink(partner);
    // The session's own link to the same document, to show the revocation is what ends the partner's.
    const { url: sessionUrl } = await firstInvoiceLink(bakkerij);
    expect((await fetch(url)).status).toBe(200);

    const revoked = await gw().graphql('mutation ($id: ID!) { revokeApiToken(id: $id) }', { id: token.id }, bakkerij);
    expect(revoked.body.errors).toBeUndefined();
    await expectGone(url);
    expect((await fetch(sessionUrl)).status).toBe(200);
  });

  it('a switched-off feature answers HTTP 404 FEATURE_DISABLED when it is all that was asked', async () => {
    const jan = await signIn(DEMO.demo.janJansen.email);
    const admin = await signInStaff(gw(), 'admin');
    const save = (enabledFeatures: string[]) =>
      gw().graphql(
        'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { tenantId } }',
        { input: { enabledFeatures } },
        admin.headers,
      );
    expect((await save(['CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'])).body.errors).toBeUndefined();
    try {
      const disabled = await gw().graphql('{ invoices { totalCount } }', {}, jan);
      expect(disabled.status).toBe(404);
      expect(disabled.body.errors?.[0]?.extensions?.code).toBe('FEATURE_DISABLED');
      const other = await gw().graphql('{ contracts { totalCount } }', {}, jan);
      expect(other.status).toBe(200);
      expect((other.body.data as Loose).contracts.totalCount).toBe(3);
    } finally {
      await save(['INVOICES', 'CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE']);
    }
  });

  it("a blocked account's download links stop working", async () => {
    const jan = await signIn(DEMO.demo.janJansen.email);
    const { url } = await firstInvoiceLink(jan);
    expect((await fetch(url)).status).toBe(200);
    const viewer = await gw().graphql('{ viewer { ... on CustomerViewer { account { id } } } }', {}, jan);
    const accountId = (viewer.body.data as Loose).viewer.account.id as string;
    const admin = await signInStaff(gw(), 'admin');
    const blocked = await gw().graphql(
      'mutation ($id: ID!) { setPortalAccountStatus(tenantId: "demo", accountId: $id, status: BLOCKED) { status } }',
      { id: accountId },
      admin.headers,
    );
    expect(blocked.body.errors).toBeUndefined();
    await expectGone(url);
  });
});

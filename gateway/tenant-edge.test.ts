import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_PASSWORD } from '../domain/accounts/demo-accounts.js';
import { DEMO } from '../nextcloud/simulator/demo-data.js';
import { useTestGateway, type GraphQLBody, type TestGateway } from '../test/gateway.js';
import { signInStaff } from '../test/staff.js';

const SAVE = `mutation ($tenantId: ID!, $input: TenantConfigInput!) { saveTenantConfig(tenantId: $tenantId, input: $input) { tenantId } }`;

/** fetch() may not set Host; a custom domain is exactly a Host header, so use node:http. */
function requestWithHost(
  gateway: TestGateway,
  host: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const url = new URL(path, gateway.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: payload ? 'POST' : 'GET',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('tenant settings at the HTTP edge', () => {
  const gw = useTestGateway();
  const save = async (tenantId: string, input: Record<string, unknown>) => {
    const { body } = await gw().graphql(SAVE, { tenantId, input }, (await signInStaff(gw(), 'admin', tenantId)).headers);
    expect(body.errors).toBeUndefined();
  };
  const portalVia = (host: string) => requestWithHost(gw(), host, '/graphql', { query: '{ portal { tenantId } }' });

  describe('custom domain and subdomain', () => {
    it('resolve their tenant from the very next request after the save', async () => {
      // Before: an unknown host is the default tenant's.
      expect((await portalVia('klantportaal.other.example')).json).toEqual({ data: { portal: { tenantId: 'demo' } } });
      await save('other', { customDomain: 'klantportaal.other.example', subdomain: 'anders' });
      expect(await portalVia('klantportaal.other.example')).toEqual({
        status: 200,
        json: { data: { portal: { tenantId: 'other' } } },
      });
      expect(await portalVia('KlantPortaal.Other.Example:443')).toEqual({
        status: 200,
        json: { data: { portal: { tenantId: 'other' } } },
      });
      // Subdomains live under the gateway's own host (gateway/host-takeover.test.ts); under a
      // foreign parent the first label means nothing.
      expect((await portalVia('anders.portal.example')).json).toEqual({ data: { portal: { tenantId: 'demo' } } });

      await save('other', { customDomain: null, subdomain: null });
      // Removed: back to the default tenant at once.
      expect((await portalVia('klantportaal.other.example')).json).toEqual({ data: { portal: { tenantId: 'demo' } } });
    });
  });

  describe('feature toggles and modes', () => {
    async function customerSignIn(email: string) {
      const response = await fetch(`${gw().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
          variables: { input: { email, password: DEMO_CUSTOMER_PASSWORD } },
        }),
      });
      const body = (await response.json()) as GraphQLBody;
      const cookie = response.headers
        .getSetCookie()
        .find((c) => c.startsWith('portal_session='))
        ?.split(';')[0];
      return { body, headers: cookie ? { cookie } : ({} as Record<string, string>) };
    }

    it('drop a switched-off feature from the portal', async () => {
      await save('other', { enabledFeatures: ['INVOICES', 'PROFILE'] });
      const { body } = await gw().graphql('{ portal { enabledFeatures } }', undefined, { 'x-portal-tenant': 'other' });
      expect(body.data).toEqual({ portal: { enabledFeatures: ['INVOICES', 'PROFILE'] } });
      await save('other', { enabledFeatures: null });
    });

    it('answer a switched-off feature’s fields with FEATURE_DISABLED and HTTP 404, signed in or not', async () => {
      const jan = await customerSignIn(DEMO.demo.janJansen.email);
      const invoices = '{ invoices(first: 1) { totalCount } }';
      expect((await gw().graphql(invoices, undefined, jan.headers)).status).toBe(200);

      await save('demo', { enabledFeatures: ['CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'] });
      for (const headers of [jan.headers, {}]) {
        const { status, body } = await gw().graphql(invoices, undefined, headers);
        expect(status).toBe(404);
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FEATURE_DISABLED']);
      }
      // Other features keep working.
      expect((await gw().graphql('{ orders(first: 1) { totalCount } }', undefined, jan.headers)).status).toBe(200);

      await save('demo', { enabledFeatures: null });
      expect((await gw().graphql(invoices, undefined, jan.headers)).status).toBe(200);
    });

    it('refuse B2B sign-in while B2B mode is off, and B2C while B2C mode is off', async () => {
      await save('demo', { b2bEnabled: false });
      expect((await gw().graphql('{ portal { b2bEnabled b2cEnabled } }')).body.data).toEqual({
        portal: { b2bEnabled: false, b2cEnabled: true },
      });
      const b2b = await customerSignIn(DEMO.demo.bakkerij.email);
      expect(b2b.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(b2b.headers).toEqual({});
      expect((await customerSignIn(DEMO.demo.janJansen.email)).body.data).toEqual({ signIn: { status: 'SIGNED_IN' } });

      await save('demo', { b2bEnabled: true, b2cEnabled: false });
      expect((await customerSignIn(DEMO.demo.janJansen.email)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await customerSignIn(DEMO.demo.bakkerij.email)).body.data).toEqual({ signIn: { status: 'SIGNED_IN' } });
      await save('demo', { b2cEnabled: true });
    });
  });

  describe('GET /portal/widget', () => {
    const widget = (tenant: string, headers: Record<string, string> = {}) =>
      fetch(`${gw().url}/portal/widget?tenant=${tenant}`, { headers: { 'sec-fetch-dest': 'iframe', ...headers } });

    it('is 404 for an unknown tenant', async () => {
      expect((await widget('no-such-tenant', { referer: 'https://www.bakker.example/' })).status).toBe(404);
    });

    it('is 403 with a Dutch message while widget mode is off', async () => {
      const response = await widget('demo', { referer: 'https://www.bakker.example/' });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Neem contact op met de beheerder van het klantportaal.');
    });

    it('serves allowed embedders with exactly their origins as frame-ancestors, and refuses others', async () => {
      await save('demo', { widgetEnabled: true, widgetAllowedOrigins: ['https://www.bakker.example', 'http://localhost:5173'] });

      const allowed = await widget('demo', { referer: 'https://www.bakker.example/contact' });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('content-security-policy')).toBe(
        'frame-ancestors https://www.bakker.example http://localhost:5173',
      );
      expect(allowed.headers.get('x-frame-options')).toBeNull();
      expect(allowed.headers.get('cache-control')).toBe('no-store');
      expect(allowed.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await allowed.text();
      expect(page).toContain('data-portal-widget');
      expect(page).toContain('"parentOrigin":"https://www.bakker.example"');
      expect(page).toContain("type: 'portal:resize'");

      const viaOrigin = await widget('demo', { origin: 'http://localhost:5173' });
      expect(viaOrigin.status).toBe(200);
      expect(await viaOrigin.text()).toContain('"parentOrigin":"http://localhost:5173"');

      const refused = await widget('demo', { referer: 'https://evil.example/page' });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
      );
      // A page the frame shows, and never one site's answer cached for another.
      expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(refused.headers.get('x-frame-options')).toBeNull();
      expect(await refused.text()).toContain(
        'Deze website is niet gemachtigd. Neem contact op met de beheerder van het klantportaal.',
      );

      // Opened directly (not in a frame): served, framing still limited by the header, no parent to post to.
      const direct = await widget('demo', { 'sec-fetch-dest': 'document', referer: 'https://evil.example/page' });
      expect(direct.status).toBe(200);
      expect(direct.headers.get('content-security-policy')).toBe(
        'frame-ancestors https://www.bakker.example http://localhost:5173',
      );
      expect(await direct.text()).toContain('"parentOrigin":null');
    });

    it('applies a removed or added origin at once, in the tenant’s language', async () => {
      await save('demo', { widgetAllowedOrigins: ['https://shop.bakker.example'], language: 'en' });
      const removed = await widget('demo', { referer: 'https://www.bakker.example/' });
      expect(removed.status).toBe(403);
      expect(await removed.text()).toContain('This website is not authorised to show the customer portal.');
      const added = await widget('demo', { referer: 'https://shop.bakker.example/' });
      expect(added.status).toBe(200);
      expect(added.headers.get('content-security-policy')).toBe('frame-ancestors https://shop.bakker.example');

      await save('demo', { widgetEnabled: false, language: null });
      expect((await widget('demo', { referer: 'https://shop.bakker.example/' })).status).toBe(403);
    });
  });
});

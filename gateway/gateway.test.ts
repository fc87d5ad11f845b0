import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_PASSWORD } from '../domain/accounts/demo-accounts.js';
import { DEMO } from '../nextcloud/simulator/demo-data.js';
import { useTestGateway } from '../test/gateway.js';

describe('the gateway over real HTTP', () => {
  const gw = useTestGateway();

  it('answers the public portal query with the defaults of an unconfigured tenant', async () => {
    const { status, body } = await gw().graphql(
      '{ portal { tenantId displayName primaryColor secondaryColor backgroundColor enabledFeatures b2bEnabled b2cEnabled widgetEnabled logoUrl } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.portal).toEqual({
      tenantId: 'demo',
      displayName: 'Klantportaal',
      primaryColor: '#21468B',
      secondaryColor: '#FFFFFF',
      backgroundColor: '#FFFFFF',
      enabledFeatures: ['INVOICES', 'CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'],
      b2bEnabled: true,
      b2cEnabled: true,
      widgetEnabled: false,
      logoUrl: null,
    });
  });

  it('lets no cache keep a GraphQL answer: public, signed in, refused or failed alike', async () => {
    const post = (query: string, headers: Record<string, string> = {}, variables?: unknown) =>
      fetch(`${gw().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo', ...headers },
        body: JSON.stringify({ query, variables }),
      });
    const signIn = await post(
      'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
      {},
      {
        input: { email: DEMO.demo.janJansen.email, password: DEMO_CUSTOMER_PASSWORD },
      },
    );
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('portal_session='))!
      .split(';')[0]!;
    const answers = [
      signIn,
      await post('{ portal { tenantId } }'),
      await post('{ viewer { __typename ... on CustomerViewer { account { email } } } }', { cookie }),
      await post('{ invoices(first: 1) { totalCount } }'),
      await post('{ nope }'),
    ];
    expect(answers.map((answer) => answer.headers.get('cache-control'))).toEqual(Array(answers.length).fill('no-store'));
    expect(answers.map((answer) => answer.headers.get('etag'))).toEqual(Array(answers.length).fill(null));
  });

  it('selects the tenant with ?tenant= and X-Portal-Tenant', async () => {
    const viaQuery = await fetch(`${gw().url}/graphql?tenant=other`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ portal { tenantId } }' }),
    });
    expect(await viaQuery.json()).toEqual({ data: { portal: { tenantId: 'other' } } });
    const viaHeader = await gw().graphql('{ portal { tenantId } }', undefined, { 'x-portal-tenant': 'other' });
    expect(viaHeader.body.data).toEqual({ portal: { tenantId: 'other' } });
  });

  it('answers 404 TENANT_NOT_FOUND for an unknown tenant', async () => {
    const response = await fetch(`${gw().url}/graphql?tenant=nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ portal { tenantId } }' }),
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('TENANT_NOT_FOUND');
    const viaHeader = await gw().graphql('{ portal { tenantId } }', undefined, { 'x-portal-tenant': 'nope' });
    expect(viaHeader.status).toBe(404);
  });

  it('is live and ready, and reports why per dependency', async () => {
    expect(await (await fetch(`${gw().url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${gw().url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', nextcloud: { demo: 'ok', other: 'ok' } });
  });

  it('stays ready while a tenant’s Nextcloud is down: one tenant must not take the process out of rotation', async () => {
    // The per-tenant status in the details (cached for 30 s here) has its own tests: tenant-readiness.test.ts.
    const other = gw().simulator.instance('other');
    other.setFaults({ down: true });
    try {
      const ready = await fetch(`${gw().url}/readyz`);
      expect(ready.status).toBe(200);
      const report = (await ready.json()) as { status: string; database: string; nextcloud: Record<string, string> };
      expect(report).toMatchObject({ status: 'ready', database: 'ok' });
      expect(report.nextcloud.demo).toBe('ok');
    } finally {
      other.resetFaults();
    }
  });

  it('exposes Prometheus metrics including upstream request counts', async () => {
    await fetch(`${gw().url}/readyz`);
    const text = await (await fetch(`${gw().url}/metrics`)).text();
    expect(text).toContain('# TYPE portal_upstream_requests_total counter');
    expect(text).toMatch(/portal_upstream_requests_total\{[^}]*tenant="demo"[^}]*\} \d+/);
    expect(text).toContain('portal_upstream_request_duration_seconds_bucket');
  });

  it('rejects malformed queries with BAD_USER_INPUT and no internals', async () => {
    const { status, body } = await gw().graphql('{ portal { noSuchField } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts/);
  });

  it('rejects a body that is not JSON with a clear message', async () => {
    const response = await fetch(`${gw().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('not valid JSON');
    expect(text).not.toMatch(/SyntaxError|node_modules|at /);
  });

  it('refuses GET queries without a CSRF-safe header (simple cross-site requests)', async () => {
    const url = `${gw().url}/graphql?query=${encodeURIComponent('{ portal { tenantId } }')}`;
    expect((await fetch(url)).status).toBe(400);
    const allowed = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
  });

  it('sends conservative security headers', async () => {
    const response = await fetch(`${gw().url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${gw().url}/nope`);
    expect(response.status).toBe(404);
  });
});

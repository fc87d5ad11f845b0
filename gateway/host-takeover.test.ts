import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestGateway, type GraphQLBody, type TestGateway } from '../test/gateway.js';
import { signInStaff } from '../test/staff.js';

const SAVE = `mutation ($tenantId: ID!, $input: TenantConfigInput!) {
  saveTenantConfig(tenantId: $tenantId, input: $input) { tenantId customDomain subdomain }
}`;

/** fetch() may not set Host; a tenant's host is exactly a Host header, so use node:http. */
function portalVia(gateway: TestGateway, host: string, search = ''): Promise<{ status: number; body: GraphQLBody }> {
  const url = new URL(gateway.url);
  const payload = JSON.stringify({ query: '{ portal { tenantId } }' });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `/graphql${search}`,
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as GraphQLBody }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('hosts cannot be taken over between tenants (PUBLIC_URL https://portal.example.nl)', () => {
  const gw = useTestGateway({ PUBLIC_URL: 'https://portal.example.nl' });
  const save = async (tenantId: string, input: Record<string, unknown>) =>
    (await gw().graphql(SAVE, { tenantId, input }, (await signInStaff(gw(), 'admin', tenantId)).headers)).body;
  const refusal = (body: GraphQLBody) => ({
    code: body.errors?.[0]?.extensions?.code,
    fields: (body.errors?.[0]?.extensions?.problems as Array<{ field: string }> | undefined)?.map((p) => p.field),
  });

  it("refuses another tenant's subdomain host as a custom domain, and the host keeps serving its tenant", async () => {
    expect((await save('demo', { subdomain: 'bakker' })).errors).toBeUndefined();
    expect((await portalVia(gw(), 'bakker.portal.example.nl')).body.data).toEqual({ portal: { tenantId: 'demo' } });

    const taken = await save('other', { customDomain: 'bakker.portal.example.nl' });
    expect(refusal(taken)).toEqual({ code: 'BAD_USER_INPUT', fields: ['customDomain'] });
    expect(taken.errors?.[0]?.message).toBe('Custom domain bakker.portal.example.nl is already used by tenant "demo".');
    expect((await portalVia(gw(), 'bakker.portal.example.nl')).body.data).toEqual({ portal: { tenantId: 'demo' } });
    expect((await save('other', { subdomain: 'bakker' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("refuses the gateway's own host through either field, so the default tenant keeps it", async () => {
    expect(refusal(await save('other', { subdomain: 'portal' }))).toEqual({ code: 'BAD_USER_INPUT', fields: ['subdomain'] });
    expect(refusal(await save('other', { customDomain: 'portal.example.nl' }))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['customDomain'],
    });
    expect((await portalVia(gw(), 'portal.example.nl')).body.data).toEqual({ portal: { tenantId: 'demo' } });
  });

  it('answers 404 when ?tenant= or X-Portal-Tenant names another tenant than the host belongs to', async () => {
    expect((await save('other', { customDomain: 'klanten.other.example' })).errors).toBeUndefined();
    const foreign = await portalVia(gw(), 'klanten.other.example', '?tenant=demo');
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('TENANT_NOT_FOUND');
    expect((await portalVia(gw(), 'klanten.other.example', '?tenant=other')).body.data).toEqual({
      portal: { tenantId: 'other' },
    });
    // On the gateway's own host the selector still chooses.
    expect((await portalVia(gw(), 'portal.example.nl', '?tenant=other')).body.data).toEqual({ portal: { tenantId: 'other' } });
  });

  it('lets only one of two admins saving the same host at the same moment have it', async () => {
    const [demoAdmin, otherAdmin] = [await signInStaff(gw(), 'admin', 'demo'), await signInStaff(gw(), 'admin', 'other')];
    const results = await Promise.all([
      gw().graphql(SAVE, { tenantId: 'demo', input: { customDomain: 'race.example.nl' } }, demoAdmin.headers),
      gw().graphql(SAVE, { tenantId: 'other', input: { customDomain: 'race.example.nl' } }, otherAdmin.headers),
    ]);
    const codes = results.map(({ body }) => body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'OK']);
    const winner = results.find(({ body }) => !body.errors)!.body.data!.saveTenantConfig as { tenantId: string };
    expect((await portalVia(gw(), 'race.example.nl')).body.data).toEqual({ portal: { tenantId: winner.tenantId } });
  });
});

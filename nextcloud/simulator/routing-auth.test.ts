import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type SimulatedNextcloud, type Simulator } from './index.js';
import { AS_ADMIN, AS_OUTSIDER, AS_SERVICE, getJson, WRONG_PASSWORD, type Loose } from './testing.js';

// Routing, identity resolution, auth and the error bodies of §14 items 1–5, against the demo data.
let sim: Simulator;
let demo: SimulatedNextcloud;
let other: SimulatedNextcloud;
const OR = '/index.php/apps/openregister/api';

beforeAll(async () => {
  sim = await startSimulator();
  demo = sim.instance('demo');
  other = sim.instance('other');
});
afterAll(() => sim.close());

describe('routing and identity (§14 items 1–2)', () => {
  it('serves the same list with and without /index.php, by slug (any case), numeric id and uuid', async () => {
    const register = demo.data.registers[0]!;
    const schema = demo.data.schemas.find((s) => s.slug === 'client')!;
    const paths = [
      `${OR}/objects/pipelinq/client`,
      `/apps/openregister/api/objects/pipelinq/client`,
      `${OR}/objects/PipeLinq/CLIENT`,
      `${OR}/objects/5/21`,
      `${OR}/objects/${register.uuid}/${schema.uuid}`,
    ];
    const totals = await Promise.all(paths.map(async (p) => (await getJson(`${demo.url}${p}?_limit=0`, AS_SERVICE)).body.total));
    expect(new Set(totals).size).toBe(1);
    expect(totals[0]).toBeGreaterThan(0);
  });

  it('gives each tenant its own register and schema ids', async () => {
    const demoReg = await getJson(`${demo.url}${OR}/registers/pipelinq`, AS_SERVICE);
    const otherReg = await getJson(`${other.url}${OR}/registers/pipelinq`, AS_SERVICE);
    expect(demoReg.body).toMatchObject({ id: 5, slug: 'pipelinq', schemas: [21, 22, 23, 24, 25] });
    expect(otherReg.body).toMatchObject({ id: 7, slug: 'pipelinq', schemas: [42, 43, 44, 45, 46, 47] });
    const row = (await getJson(`${other.url}${OR}/objects/pipelinq/client?_limit=1`, AS_SERVICE)).body.results[0];
    expect(row['@self']).toMatchObject({ register: '7', schema: '42' });
    expect(row['@self'].uri).toBe(`${other.url}/index.php/apps/openregister/api/objects/7/42/${row.id}`);
  });

  it('shows one object by uuid and by numeric id, with the §4.2 shape', async () => {
    const jan = demo.data.objects.find((o) => o.uuid === DEMO.demo.janJansen.clientId)!;
    const byUuid = await getJson(`${demo.url}${OR}/objects/pipelinq/client/${jan.uuid}`, AS_SERVICE);
    const byId = await getJson(`${demo.url}${OR}/objects/pipelinq/client/${jan.id}`, AS_SERVICE);
    expect(byUuid.status).toBe(200);
    expect(byId.body).toEqual(byUuid.body);
    expect(byUuid.body).toMatchObject({ name: 'Jan Jansen', type: 'person', email: 'jan.jansen@example.nl', id: jan.uuid });
    expect(byUuid.body['@self']).toMatchObject({
      id: jan.uuid,
      name: 'Jan Jansen',
      register: '5',
      schema: '21',
      organisation: DEMO.demo.organisationId,
    });
  });

  it('answers the exact 404 bodies', async () => {
    expect(await getJson(`${demo.url}${OR}/objects/nope/client`, AS_SERVICE)).toMatchObject({
      status: 404,
      body: { message: "Register not found: 'nope'" },
    });
    expect(await getJson(`${demo.url}${OR}/objects/pipelinq/nope`, AS_SERVICE)).toMatchObject({
      status: 404,
      body: { message: "Schema not found: 'nope'" },
    });
    expect(
      await getJson(`${demo.url}${OR}/objects/pipelinq/client/3f1d0c2e-0000-4000-8000-000000000000`, AS_SERVICE),
    ).toMatchObject({ status: 404, body: { error: 'Not Found' } });
    // An object that exists under another schema is not found through this one.
    expect(await getJson(`${demo.url}${OR}/objects/pipelinq/contact/${DEMO.demo.janJansen.clientId}`, AS_SERVICE)).toMatchObject({
      status: 404,
      body: { error: 'Not Found' },
    });
    expect(await getJson(`${demo.url}${OR}/registers/9999/schemas`, AS_SERVICE)).toMatchObject({
      status: 404,
      body: { error: 'Register not found' },
    });
    expect(await getJson(`${demo.url}${OR}/schemas/nope`, AS_SERVICE)).toMatchObject({
      status: 404,
      body: { error: 'Schema not found' },
    });
  });

  it('answers an unknown register on the show route with Nextcloud’s 500 HTML page', async () => {
    const response = await fetch(`${demo.url}${OR}/registers/nope`, { headers: AS_SERVICE });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('Internal Server Error');
  });

  it('serves the register and schema indexes with the §6 shapes', async () => {
    const registers = await getJson(`${demo.url}${OR}/registers`, AS_SERVICE);
    expect(Object.keys(registers.body)).toEqual(['results']);
    expect(registers.body.results[0]).toMatchObject({
      id: 5,
      slug: 'pipelinq',
      quota: { storage: null },
      usage: { storage: 0 },
      configuration: null,
    });
    const schemas = await getJson(`${demo.url}${OR}/registers/5/schemas`, AS_SERVICE);
    // Pipelinq's real register: `contract`, and no requestCategory schema.
    expect(schemas.body.total).toBe(5);
    const ids = DEMO.demo.schemaIds;
    expect(Object.fromEntries(schemas.body.results.map((s: Loose) => [s.slug, s.id]))).toEqual({
      client: ids.client,
      contact: ids.contact,
      request: ids.request,
      posTransaction: ids.posTransaction,
      contract: ids.contract,
    });
    const all = await getJson(`${demo.url}${OR}/schemas`, AS_SERVICE);
    expect(all.body.results[0]['@self']).toEqual({ extendedBy: [] });
    const one = await getJson(`${demo.url}${OR}/schemas/request`);
    expect(one.body.properties.status.enum).toEqual(['new', 'in_progress', 'completed', 'rejected', 'converted']);
  });
});

describe('auth (§14 items 3 and 5)', () => {
  const list = `${OR}/objects/pipelinq/posTransaction?_limit=0`;

  it('valid credentials see the organisation’s objects', async () => {
    const stored = demo.data.objects.filter((o) => o.schema === DEMO.demo.schemaIds.posTransaction).length;
    // Per customer: invoice transactions + order transactions + one open draft (Jan, Bakkerij, Sophie, Groen).
    expect(stored).toBe(26 + 11 + 1 + (30 + 12 + 1) + 2 * (6 + 3 + 1));
    expect((await getJson(`${demo.url}${list}`, AS_SERVICE)).body.total).toBe(stored);
  });

  it('wrong credentials are 401 {"message":""} on every route, public or not, known or not', async () => {
    for (const path of [
      list,
      `${OR}/registers`,
      `${OR}/schemas/client`,
      `${OR}/files/1/download`,
      '/index.php/apps/nothing/here',
    ]) {
      expect(await getJson(`${demo.url}${path}`, WRONG_PASSWORD)).toMatchObject({ status: 401, body: { message: '' } });
    }
    expect(await getJson(`${demo.url}${list}`, { authorization: 'Basic %%%' })).toMatchObject({ status: 401 });
  });

  it('no credentials: public routes answer the empty anonymous view, others 401', async () => {
    expect(await getJson(`${demo.url}${list}`)).toMatchObject({ status: 200, body: { total: 0, results: [] } });
    expect(await getJson(`${demo.url}${OR}/objects/pipelinq/client/${DEMO.demo.janJansen.clientId}`)).toMatchObject({
      status: 404,
      body: { error: 'Not Found' },
    });
    expect(await getJson(`${demo.url}${OR}/registers`)).toMatchObject({
      status: 401,
      body: { message: 'Current user is not logged in' },
    });
    const put = await fetch(`${demo.url}${OR}/objects/pipelinq/client/${DEMO.demo.janJansen.clientId}`, {
      method: 'PUT',
      body: '{}',
    });
    expect(put.status).toBe(401);
    expect(await put.json()).toEqual({ message: 'Current user is not logged in' });
  });

  it('a user outside the organisation sees nothing, without an error', async () => {
    expect(await getJson(`${demo.url}${list}`, AS_OUTSIDER)).toMatchObject({ status: 200, body: { total: 0 } });
    expect((await getJson(`${demo.url}${OR}/objects/pipelinq/client/${DEMO.demo.janJansen.clientId}`, AS_OUTSIDER)).status).toBe(
      404,
    );
  });

  it('the admin sees a client of a second organisation that the service account does not', async () => {
    const path = `${demo.url}${OR}/objects/pipelinq/client?_ids=${DEMO.demo.foreignOrganisationClientId}`;
    expect((await getJson(path, AS_ADMIN)).body.total).toBe(1);
    expect((await getJson(path, AS_SERVICE)).body.total).toBe(0);
  });

  it('a route without @NoCSRFRequired needs OCS-APIRequest (or a request token): 412 otherwise', async () => {
    const url = `${demo.url}/index.php/apps/pipelinq/api/settings`;
    expect(await getJson(url, AS_SERVICE)).toMatchObject({ status: 412, body: { message: 'CSRF check failed' } });
    const ok = await getJson(url, { ...AS_SERVICE, 'OCS-APIRequest': 'true' });
    expect(ok.body).toEqual({
      success: true,
      config: {
        register: '5',
        client_schema: '21',
        contact_schema: '22',
        request_schema: '23',
      },
    });
    expect((await getJson(`${url}?requesttoken=abc`, AS_SERVICE)).status).toBe(200);
  });

  it('object routes carry @NoCSRFRequired: no header needed', async () => {
    expect((await getJson(`${demo.url}${list}`, AS_SERVICE)).status).toBe(200);
  });
});

describe('headers (§14 item 19)', () => {
  it('every JSON answer has Cache-Control no-cache and an X-Request-Id, and no ETag', async () => {
    const responses = [
      await getJson(`${demo.url}${OR}/objects/pipelinq/client`, AS_SERVICE),
      await getJson(`${demo.url}${OR}/objects/x/y`, AS_SERVICE),
      await getJson(`${demo.url}/status.php`),
    ];
    const ids = new Set<string>();
    for (const r of responses) {
      expect(r.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
      expect(r.headers.get('x-request-id')).toMatch(/^[\w-]{20}$/);
      expect(r.headers.get('etag')).toBeNull();
      ids.add(r.headers.get('x-request-id')!);
    }
    expect(ids.size).toBe(3);
  });

  it('ignores If-None-Match: always a full 200', async () => {
    const r = await getJson(`${demo.url}${OR}/objects/pipelinq/client?_limit=1`, {
      ...AS_SERVICE,
      'if-none-match': '"anything"',
    });
    expect(r.status).toBe(200);
  });
});

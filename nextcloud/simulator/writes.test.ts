import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type SimulatedNextcloud, type Simulator } from './index.js';
import { AS_OUTSIDER, AS_SERVICE, getJson } from './testing.js';

// Writes (§7, §14 item 22): the gateway creates requests and updates contacts.
let sim: Simulator;
let demo: SimulatedNextcloud;
const base = () => `${demo.url}/index.php/apps/openregister/api/objects/pipelinq`;

beforeAll(async () => {
  sim = await startSimulator();
  demo = sim.instance('demo');
});
afterAll(() => sim.close());

async function send(method: string, url: string, body: unknown, headers: Record<string, string> = AS_SERVICE) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

describe('create', () => {
  it('answers 201 with the unstripped object, applies defaults and drops metadata keys', async () => {
    const created = await send('POST', `${base()}/request`, {
      title: 'Lekkage onder de ketel',
      client: DEMO.demo.janJansen.clientId,
      contact: DEMO.demo.janJansen.contactId,
      requestedAt: '2026-11-25T10:00:00+01:00',
      notes: [],
      uuid: 'forged',
      _secret: 1,
      '@type': 'x',
      register: 99,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Lekkage onder de ketel',
      status: 'new',
      priority: 'normal',
      description: null,
      notes: [],
    });
    expect(created.body).not.toHaveProperty('uuid');
    expect(created.body).not.toHaveProperty('_secret');
    expect(created.body['@self']).toMatchObject({
      register: '5',
      schema: '23',
      owner: 'portal-service',
      organisation: DEMO.demo.organisationId,
    });
    const shown = await getJson(`${base()}/request/${created.body.id}`, AS_SERVICE);
    expect(shown.body.title).toBe('Lekkage onder de ketel');
    expect(shown.body).not.toHaveProperty('description');
    const listed = await getJson(`${base()}/request?_ids=${created.body.id}`, AS_SERVICE);
    expect(listed.body.total).toBe(1);
  });

  it('answers a validation failure with 400 and a bare JSON string', async () => {
    const missing = await send('POST', `${base()}/request`, { description: 'no title' });
    expect(missing.status).toBe(400);
    expect(typeof missing.body).toBe('string');
    expect(missing.body).toContain('title');
    const wrongEnum = await send('POST', `${base()}/request`, { title: 'x', status: 'awaiting-customer' });
    expect(wrongEnum.status).toBe(400);
    expect(wrongEnum.body).toContain('status');
  });

  it('refuses anonymous creates with 403 {"error"} and answers 404 for an unknown schema', async () => {
    expect(await send('POST', `${base()}/request`, { title: 'x' }, {})).toMatchObject({
      status: 403,
      body: { error: expect.any(String) },
    });
    expect(await send('POST', `${base()}/nope`, { title: 'x' })).toMatchObject({
      status: 404,
      body: { message: "Schema not found: 'nope'" },
    });
  });
});

describe('update and delete', () => {
  it('PATCH merges, PUT replaces, both answer 200 with the object', async () => {
    const contactUrl = `${base()}/contact/${DEMO.demo.bakkerij.otherContactIds[0]}`;
    const patched = await send('PATCH', contactUrl, { phone: '+31 6 99999999' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Henk Bakker', phone: '+31 6 99999999', client: DEMO.demo.bakkerij.clientId });
    const replaced = await send('PUT', contactUrl, { name: 'Gepseudonimiseerd', client: DEMO.demo.bakkerij.clientId });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'Gepseudonimiseerd', email: null, phone: null });
    expect(replaced.body['@self'].version).toBe('1.0.2');
  });

  it('answers 404 {"error":"Not Found"} when updating an object the caller cannot see', async () => {
    expect(await send('PATCH', `${base()}/contact/${DEMO.demo.janJansen.contactId}`, { phone: '1' }, AS_OUTSIDER)).toMatchObject({
      status: 404,
      body: { error: 'Not Found' },
    });
  });

  it('DELETE answers 204 with no body, then the object is gone', async () => {
    const created = await send('POST', `${base()}/request`, { title: 'Weg ermee' });
    const url = `${base()}/request/${created.body.id}`;
    expect(await send('DELETE', url, undefined)).toEqual({ status: 204, body: null });
    expect(await getJson(url, AS_SERVICE)).toMatchObject({ status: 404, body: { error: 'Not Found' } });
    expect((await send('DELETE', url, undefined)).status).toBe(403);
  });
});

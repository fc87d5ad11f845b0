import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatedNextcloud, type Simulator } from './index.js';
import { AS_ADMIN, AS_OUTSIDER, AS_SERVICE, WRONG_PASSWORD } from './testing.js';

// OCS (§10, §14 item 21) and /status.php.
let sim: Simulator;
let demo: SimulatedNextcloud;
const OCS = { 'OCS-APIRequest': 'true' };

beforeAll(async () => {
  sim = await startSimulator();
  demo = sim.instance('demo');
});
afterAll(() => sim.close());

async function call(path: string, headers: Record<string, string>) {
  const response = await fetch(`${demo.url}${path}`, { headers });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
    headers: response.headers,
  };
}

describe('/cloud/user', () => {
  it('answers the v2 JSON envelope with statuscode 200 and the caller’s groups', async () => {
    const r = await call('/ocs/v2.php/cloud/user?format=json', { ...AS_ADMIN, ...OCS });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body.ocs.meta).toEqual({ status: 'ok', statuscode: 200, message: 'OK' });
    expect(body.ocs.data).toMatchObject({
      id: 'admin',
      enabled: true,
      groups: ['admin', 'openregister'],
      'display-name': 'Beheerder',
    });
    expect(typeof body.ocs.data.lastLogin).toBe('number');
  });

  it('answers JSON for Accept: application/json and XML otherwise', async () => {
    const json = await call('/ocs/v2.php/cloud/user', { ...AS_SERVICE, ...OCS, accept: 'application/json' });
    expect(json.type).toContain('application/json');
    expect(JSON.parse(json.text).ocs.data.id).toBe('portal-service');
    const xml = await call('/ocs/v2.php/cloud/user', { ...AS_SERVICE, ...OCS });
    expect(xml.type).toContain('application/xml');
    expect(
      xml.text.startsWith('<?xml version="1.0"?>\n<ocs>\n <meta>\n  <status>ok</status>\n  <statuscode>200</statuscode>'),
    ).toBe(true);
    expect(xml.text).toContain('<id>portal-service</id>');
    expect(xml.text).toContain('<groups>\n   <element>pipelinq-portal-service</element>');
  });

  it('uses statuscode 100 on v1', async () => {
    const r = await call('/ocs/v1.php/cloud/user?format=json', { ...AS_SERVICE, ...OCS });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).ocs.meta.statuscode).toBe(100);
  });

  it('answers 401 with statuscode 997 to an anonymous caller', async () => {
    const r = await call('/ocs/v2.php/cloud/user?format=json', OCS);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text)).toEqual({
      ocs: { meta: { status: 'failure', statuscode: 997, message: 'Current user is not logged in' }, data: [] },
    });
  });

  it('refuses wrong credentials before routing: 401, 997, WWW-Authenticate, XML unless ?format=json', async () => {
    const xml = await call('/ocs/v2.php/cloud/user', { ...WRONG_PASSWORD, ...OCS, accept: 'application/json' });
    expect(xml.status).toBe(401);
    expect(xml.type).toContain('application/xml');
    expect(xml.text).toContain('<statuscode>997</statuscode>');
    expect(xml.headers.get('www-authenticate')).toBe('Basic realm="Authorisation Required"');
    const json = await call('/ocs/v1.php/cloud/user?format=json', { ...WRONG_PASSWORD, ...OCS });
    expect(json.status).toBe(401);
    expect(JSON.parse(json.text).ocs.meta).toEqual({ status: 'failure', statuscode: 997, message: 'Unauthorised' });
  });

  it('needs OCS-APIRequest from a logged-in caller: 412 plain JSON', async () => {
    const r = await call('/ocs/v2.php/cloud/user?format=json', AS_SERVICE);
    expect(r.status).toBe(412);
    expect(JSON.parse(r.text)).toEqual({ message: 'CSRF check failed' });
  });
});

describe('/cloud/users/{id}/groups', () => {
  it('answers a user’s own groups, and any user’s groups to an admin', async () => {
    const own = await call('/ocs/v2.php/cloud/users/dpo/groups?format=json', { ...AS_ADMIN, ...OCS });
    expect(JSON.parse(own.text).ocs).toEqual({
      meta: { status: 'ok', statuscode: 200, message: 'OK' },
      data: { groups: ['dpo'] },
    });
    const self = await call('/ocs/v2.php/cloud/users/outsider/groups?format=json', { ...AS_OUTSIDER, ...OCS });
    expect(JSON.parse(self.text).ocs.data).toEqual({ groups: [] });
  });

  it('refuses another user’s groups to a non-admin and answers 404 for an unknown user', async () => {
    expect((await call('/ocs/v2.php/cloud/users/admin/groups?format=json', { ...AS_OUTSIDER, ...OCS })).status).toBe(401);
    const missing = await call('/ocs/v2.php/cloud/users/nobody/groups?format=json', { ...AS_ADMIN, ...OCS });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).ocs.meta).toEqual({ status: 'failure', statuscode: 404, message: '' });
  });
});

describe('/status.php', () => {
  it('is public and reports the version', async () => {
    const r = await call('/status.php', {});
    expect(JSON.parse(r.text)).toMatchObject({
      installed: true,
      maintenance: false,
      version: '31.0.5.1',
      versionstring: '31.0.5',
      productname: 'Nextcloud',
    });
  });
});

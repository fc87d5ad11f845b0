import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { failureOf, makeConnector, objectCalls, upstreamCount } from './connector.test-support.js';
import { NextcloudConfigurationError } from './errors.js';
import { DEMO } from './simulator/demo-data.js';
import { startSimulator, type SimulatedNextcloud, type Simulator } from './simulator/index.js';

/** Credentials: the service account check, the anonymous-fallback trap, staff sign-in. */

let sim: Simulator;
let nc: SimulatedNextcloud;
const jan = DEMO.demo.janJansen.clientId;
const WRONG = 'wrong-app-password-12345';

beforeAll(async () => {
  sim = await startSimulator();
  nc = sim.instance('demo');
});
afterAll(() => sim?.close());
beforeEach(() => nc.clearCalls());

describe('the service account', () => {
  it('is verified through OCS cloud/user before the first data call', async () => {
    const { connector } = makeConnector(nc);
    const user = await connector.verifyServiceAccount();
    expect(user).toMatchObject({ id: DEMO.users.service.login, groups: expect.arrayContaining(['openregister']) });
    await connector.listObjects('posTransaction', { filters: { client: jan }, limit: 1 });
    const calls = nc.calls();
    expect(calls[0]).toMatchObject({ path: '/ocs/v2.php/cloud/user', status: 200, user: DEMO.users.service.login });
    expect(new URLSearchParams(calls[0]!.query).get('format')).toBe('json');
    expect(calls.filter((c) => c.path === '/ocs/v2.php/cloud/user')).toHaveLength(1);
  });

  it('with a wrong app password: NOT_CONFIGURED (not an outage), reason logged, no data call, no retry storm', async () => {
    const { connector, logs, clock, metrics } = makeConnector(nc, { appPassword: WRONG });
    const error = await failureOf(connector.listObjects('posTransaction', { filters: { client: jan }, limit: 10 }));
    expect(error).toBeInstanceOf(NextcloudConfigurationError);
    expect(error.code).toBe(ErrorCode.NOT_CONFIGURED);
    expect(error.reason).toMatch(/rejected the service account/);
    expect(nc.calls()).toEqual([expect.objectContaining({ path: '/ocs/v2.php/cloud/user', status: 401 })]);
    expect(objectCalls(nc)).toHaveLength(0);
    expect(await upstreamCount(metrics, { tenant: 'demo', resource: 'ocs-user', outcome: 'client_error' })).toBe(1);
    const warning = logs.lines().find((l) => l.msg === 'nextcloud configuration error');
    expect(warning).toMatchObject({ level: 40, tenant: 'demo' });

    // Remembered for a while: Nextcloud's brute-force protection punishes repeated failed logins.
    await failureOf(connector.getObject('client', jan));
    expect(nc.calls()).toHaveLength(1);
    clock.advance(31_000);
    await failureOf(connector.getObject('client', jan));
    expect(nc.calls()).toHaveLength(2);
  });

  it('never puts the password (or the Basic header) in an error or a log line', async () => {
    const { connector, logs } = makeConnector(nc, { appPassword: WRONG });
    const error = await failureOf(connector.listObjects('client', { limit: 1 }));
    const basic = Buffer.from(`${DEMO.users.service.login}:${WRONG}`).toString('base64');
    const exposed = [
      error.message,
      JSON.stringify(error),
      JSON.stringify((error as { extensions?: unknown }).extensions),
      logs.text(),
    ];
    for (const text of exposed) {
      expect(text).not.toContain(WRONG);
      expect(text).not.toContain(basic);
    }
    expect(error.message).not.toMatch(/password|401|http:|ocs/i);
    expect((error as { extensions?: Record<string, unknown> }).extensions).toEqual({ code: ErrorCode.NOT_CONFIGURED });
  });

  it('the trap is real: without credentials the objects route answers 200 and empty', async () => {
    const res = await fetch(`${nc.url}/index.php/apps/openregister/api/objects/pipelinq/client?_limit=5`, {
      headers: { Accept: 'application/json', 'OCS-APIRequest': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ results: [], total: 0 });
  });

  it('a valid account that sees no data (outsider) is a configuration error, not an empty portal', async () => {
    const { connector, logs } = makeConnector(nc, {
      loginName: DEMO.users.outsider.login,
      appPassword: DEMO.users.outsider.appPassword,
    });
    expect((await connector.verifyServiceAccount()).id).toBe('outsider');
    const error = await failureOf(connector.listObjects('posTransaction', { filters: { client: jan }, limit: 10 }));
    expect(error.code).toBe(ErrorCode.NOT_CONFIGURED);
    expect(error.reason).toMatch(/sees no client records/);
    expect(logs.lines().some((l) => l.msg === 'nextcloud configuration error' && String(l.reason).includes('outsider'))).toBe(
      true,
    );
    // Only the visibility probe touched the objects API; the real query was never answered as "empty".
    expect(objectCalls(nc).every((c) => new URLSearchParams(c.query).get('_limit') === '0')).toBe(true);
    expect((await failureOf(connector.getObject('client', jan))).code).toBe(ErrorCode.NOT_CONFIGURED);
  });

  it('credentials revoked after verification: 401 becomes a configuration error and is remembered', async () => {
    const service = nc.data.users.find((u) => u.id === DEMO.users.service.login)!;
    const { connector } = makeConnector(nc);
    await connector.getObject('client', jan);
    service.appPassword = 'revoked';
    try {
      const error = await failureOf(connector.getObject('client', jan));
      expect(error).toBeInstanceOf(NextcloudConfigurationError);
      expect(error.code).toBe(ErrorCode.NOT_CONFIGURED);
      nc.clearCalls();
      await failureOf(connector.listObjects('client', { limit: 1 }));
      expect(nc.calls()).toHaveLength(0);
    } finally {
      service.appPassword = DEMO.users.service.appPassword;
    }
  });

  it('an unknown register or schema is a configuration error with a clear reason', async () => {
    const wrongRegister = makeConnector(nc, { register: 'pipelinq-typo' });
    const error = await failureOf(wrongRegister.connector.listObjects('client', { limit: 1 }));
    expect(error.code).toBe(ErrorCode.NOT_CONFIGURED);
    expect(error.reason).toMatch(/register 'pipelinq-typo' not found/);

    const wrongSchema = makeConnector(nc, { schemas: { posTransaction: 'invoices' } });
    const schemaError = await failureOf(wrongSchema.connector.listObjects('posTransaction', { limit: 1 }));
    expect(schemaError.reason).toMatch(/schema 'invoices'/);
    // Other resources of the same tenant keep working.
    expect((await wrongSchema.connector.getObject('client', jan))?.id).toBe(jan);
  });
});

describe('schema slugs are resolved within the register', () => {
  it('ignores a same-slug schema of another app that a global slug lookup would pick', async () => {
    const seeds = (await import('./simulator/demo-data.js')).demoSeeds();
    const demo = seeds.find((s) => s.name === 'demo')!;
    const pipelinqClient = demo.schemas.find((s) => s.slug === 'client')!;
    // Another app's register with its own `client` schema, listed first.
    demo.schemas.unshift({ ...structuredClone(pipelinqClient), id: 3, uuid: '3f1d0c2e-0000-4000-8000-000000000003' });
    demo.registers.push({
      ...structuredClone(demo.registers[0]!),
      id: 2,
      uuid: '3f1d0c2e-0000-4000-8000-000000000002',
      slug: 'crm-light',
      schemas: [3],
    });
    const collided = await startSimulator({ seeds: [demo] });
    try {
      const instance = collided.instance('demo');
      const bySlug = await fetch(`${instance.url}/index.php/apps/openregister/api/objects/pipelinq/client/${jan}`, {
        headers: {
          Accept: 'application/json',
          Authorization: `Basic ${Buffer.from('portal-service:demo-service-app-password').toString('base64')}`,
        },
      });
      expect(bySlug.status).toBe(404); // the slug path lands on the other app's empty schema

      const { connector } = makeConnector(instance);
      expect((await connector.getObject('client', jan))?.name).toBe('Jan Jansen');
      expect(instance.calls().at(-1)?.path).toContain(`/objects/5/${pipelinqClient.id}/`);
    } finally {
      await collided.close();
    }
  });
});

describe('staff sign-in (authenticateUser)', () => {
  it('returns the user with groups for valid credentials', async () => {
    const { connector } = makeConnector(nc);
    const admin = await connector.authenticateUser(DEMO.users.admin.login, DEMO.users.admin.appPassword);
    expect(admin).toMatchObject({ id: 'admin', groups: expect.arrayContaining(['admin']) });
    const dpo = await connector.authenticateUser(DEMO.users.dpo.login, DEMO.users.dpo.appPassword);
    expect(dpo?.groups).toContain('dpo');
    expect(dpo?.groups).not.toContain('admin');
    // Staff sign-in uses the staff member's credentials only, not the service account.
    expect(nc.calls().map((c) => c.user)).toEqual(['admin', 'dpo']);
  });

  it('returns null for wrong credentials and impossible logins, without calling for the latter', async () => {
    const { connector, breaker } = makeConnector(nc, {}, { failureThreshold: 1 });
    expect(await connector.authenticateUser('admin', WRONG)).toBeNull();
    expect(await connector.authenticateUser('nobody', WRONG)).toBeNull();
    expect(breaker.state).toBe('closed'); // a typo is not an outage
    nc.clearCalls();
    expect(await connector.authenticateUser('ad:min', 'x')).toBeNull();
    expect(await connector.authenticateUser('admin', '')).toBeNull();
    expect(nc.calls()).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { failureOf, makeConnector, upstreamCount } from './connector.test-support.js';
import { NextcloudConfigurationError } from './errors.js';
import { useProxiedSimulator, type RewritingProxy } from './rewriting-proxy.test-support.js';
import { DEMO } from './simulator/demo-data.js';
import type { SimulatedNextcloud } from './simulator/index.js';

/**
 * The checks before a tenant's first data call (service account, register, data visibility) and
 * the OCS user lookup behind them (reference §9, §10), against answers a real installation can
 * give that the simulator has no switch for: an OCS v1 rewrite, a proxy's page, a refused route.
 */
let nc: SimulatedNextcloud;
let proxy: RewritingProxy;

useProxiedSimulator((setup) => ({ nc, proxy } = setup));

const OCS_USER = '/ocs/v2.php/cloud/user';
const SERVICE = DEMO.users.service.login;
const GROUPS = `/ocs/v2.php/cloud/users/${SERVICE}/groups`;
const PROBE = `/index.php/apps/openregister/api/objects/${DEMO.demo.registerId}/${DEMO.demo.schemaIds.client}`;

const connect = (overrides: Parameters<typeof makeConnector>[1] = {}) => makeConnector(nc, { baseUrl: proxy.url, ...overrides });
const configurationLogs = (lines: Array<Record<string, unknown>>) =>
  lines.filter((l) => l.msg === 'nextcloud configuration error');

/** The OCS answer with its envelope changed by `change`. */
function ocs(
  answer: { json: unknown },
  change: (ocsBody: { meta: Record<string, unknown>; data: Record<string, unknown> }) => void,
) {
  const body = structuredClone(answer.json) as { ocs: { meta: Record<string, unknown>; data: Record<string, unknown> } };
  change(body.ocs);
  return body;
}

describe('the service account lookup', () => {
  it('names the HTTP status when the OCS route is not there (a wrong base URL)', async () => {
    const { connector, logs } = makeConnector(nc, { baseUrl: `${nc.url}/nextcloud` });
    const error = await failureOf(connector.verifyServiceAccount());
    expect(error).toBeInstanceOf(NextcloudConfigurationError);
    expect(error.reason).toBe('OCS cloud/user answered HTTP 404');
    expect(configurationLogs(logs.lines())).toEqual([expect.objectContaining({ tenant: 'demo', resource: 'ocs-user' })]);
  });

  it('says to check the base URL when a 200 answer is not an OCS envelope', async () => {
    proxy.rewrite((path) => (path === OCS_USER ? { status: 200, json: { status: 'ok' } } : undefined));
    const error = await failureOf(connect().connector.verifyServiceAccount());
    expect(error.reason).toBe('OCS cloud/user did not answer with an OCS envelope; check the base URL');
  });

  it('accepts the OCS v1 success code that some proxies rewrite to', async () => {
    proxy.rewrite((path, answer) =>
      path === OCS_USER ? { status: 200, json: ocs(answer, (o) => void (o.meta.statuscode = 100)) } : undefined,
    );
    expect(await connect().connector.verifyServiceAccount()).toMatchObject({ id: SERVICE });
  });

  it('treats a 401 without an OCS envelope (a reverse proxy’s own login) as rejected credentials', async () => {
    proxy.rewrite((path) => (path === OCS_USER ? { status: 401, json: { error: 'login required' } } : undefined));
    const error = await failureOf(connect().connector.verifyServiceAccount());
    expect(error.reason).toBe(
      "Nextcloud rejected the service account 'portal-service' (wrong login name or app password, or not an app password)",
    );
  });

  it('asks for the groups separately when the user answer leaves them out', async () => {
    proxy.rewrite((path, answer) =>
      path === OCS_USER ? { status: 200, json: ocs(answer, (o) => delete o.data.groups) } : undefined,
    );
    const { connector, metrics } = connect();
    const user = await connector.verifyServiceAccount();
    expect(user).toMatchObject({ id: SERVICE, groups: expect.arrayContaining(['openregister']) });
    expect(proxy.seen.filter((p) => p.startsWith(`GET ${GROUPS}?`))).toHaveLength(1);
    expect(new URLSearchParams(proxy.seen.find((p) => p.startsWith(`GET ${GROUPS}`))!.split('?')[1]).get('format')).toBe('json');
    expect(await upstreamCount(metrics, { tenant: 'demo', resource: 'ocs-user', outcome: 'ok' })).toBe(2);
  });

  it('does not ask for groups the user answer already has', async () => {
    await connect().connector.verifyServiceAccount();
    expect(proxy.seen.some((p) => p.startsWith(`GET ${GROUPS}`))).toBe(false);
  });

  it('names the status when the separate groups lookup is refused', async () => {
    proxy.rewrite((path, answer) => {
      if (path === OCS_USER) return { status: 200, json: ocs(answer, (o) => delete o.data.groups) };
      return path === GROUPS ? { status: 403, json: {} } : undefined;
    });
    const error = await failureOf(connect().connector.verifyServiceAccount());
    expect(error.reason).toBe('OCS groups lookup answered HTTP 403');
  });

  it('logs an unreadable user answer under the OCS resource', async () => {
    proxy.rewrite((path, answer) => (path === OCS_USER ? { status: 200, json: ocs(answer, (o) => (o.data = {})) } : undefined));
    const { connector, logs } = connect();
    const error = await failureOf(connector.verifyServiceAccount());
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(logs.lines()).toContainEqual(expect.objectContaining({ msg: 'unreadable nextcloud answer', resource: 'ocs-user' }));
  });
});

describe('the checks before the first data call', () => {
  it('logs an unreadable register index under the register resource', async () => {
    proxy.rewrite((path) => (path.endsWith('/api/registers') ? { status: 200, json: { unexpected: true } } : undefined));
    const { connector, logs } = connect();
    expect((await failureOf(connector.listObjects('contract', { limit: 1 }))).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(logs.lines()).toContainEqual(expect.objectContaining({ msg: 'unreadable nextcloud answer', resource: 'register' }));
  });

  it('probes data visibility once, counted as a client read', async () => {
    const { connector, metrics } = connect();
    await connector.listObjects('contract', { limit: 1 });
    await connector.listObjects('contract', { limit: 1 });
    const probes = proxy.seen.filter((p) => p.startsWith(`GET ${PROBE}?`));
    expect(probes).toHaveLength(1);
    expect(await upstreamCount(metrics, { tenant: 'demo', resource: 'client', outcome: 'ok' })).toBe(1);
  });

  it('calls a refused probe a configuration problem of the service account, not an outage', async () => {
    proxy.rewrite((path) => (path === PROBE ? { status: 403, json: { message: 'Forbidden' } } : undefined));
    const error = await failureOf(connect().connector.listObjects('contract', { limit: 1 }));
    expect(error).toBeInstanceOf(NextcloudConfigurationError);
    expect(error.reason).toBe("the service account cannot use object list of 'client' (HTTP 403)");
  });

  it('logs an unreadable probe answer, and an account that sees nothing, under the client resource', async () => {
    proxy.rewrite((path) => (path === PROBE ? { status: 200, json: { total: 3 } } : undefined));
    const unreadable = connect();
    expect((await failureOf(unreadable.connector.listObjects('contract', { limit: 1 }))).code).toBe(
      ErrorCode.UPSTREAM_UNAVAILABLE,
    );
    expect(unreadable.logs.lines()).toContainEqual(
      expect.objectContaining({ msg: 'unreadable nextcloud answer', resource: 'client' }),
    );

    proxy.rewrite((path) => (path === PROBE ? { status: 200, json: { results: [], total: 0 } } : undefined));
    const blind = connect();
    const error = await failureOf(blind.connector.listObjects('contract', { limit: 1 }));
    expect(error.reason).toMatch(/sees no client records/);
    expect(configurationLogs(blind.logs.lines())).toEqual([expect.objectContaining({ tenant: 'demo', resource: 'client' })]);
  });
});

describe('staff sign-in through the same lookup', () => {
  const staff = DEMO.users.service;

  it('is an outage, never a signed-in nobody, when Nextcloud’s answer is unusable', async () => {
    const wrongBase = makeConnector(nc, { baseUrl: `${nc.url}/nextcloud` }).connector;
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['no OCS route', () => wrongBase.authenticateUser(staff.login, staff.appPassword)],
      [
        'no OCS envelope',
        () => {
          proxy.rewrite((path) => (path === OCS_USER ? { status: 200, json: { status: 'ok' } } : undefined));
          return connect().connector.authenticateUser(staff.login, staff.appPassword);
        },
      ],
      [
        'groups refused',
        () => {
          proxy.rewrite((path, answer) => {
            if (path === OCS_USER) return { status: 200, json: ocs(answer, (o) => delete o.data.groups) };
            return path === GROUPS ? { status: 403, json: {} } : undefined;
          });
          return connect().connector.authenticateUser(staff.login, staff.appPassword);
        },
      ],
    ];
    for (const [name, signIn] of cases) {
      expect((await failureOf(signIn())).code, name).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    }
  });
});

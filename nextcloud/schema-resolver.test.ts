import { describe, expect, it } from 'vitest';
import { failureOf, makeConnector, upstreamCount } from './connector.test-support.js';
import { NextcloudConfigurationError, SchemaNotConfiguredError } from './errors.js';
import { useProxiedSimulator, type RewritingProxy } from './rewriting-proxy.test-support.js';
import { DEMO } from './simulator/demo-data.js';
import type { SimulatedNextcloud } from './simulator/index.js';
import type { ResourceKey } from './types.js';

/**
 * How a tenant's register and schema names become the numeric ids every object URL uses
 * (reference §6.3, §13.3), including the answers of servers that differ from the simulator: an
 * older OpenRegister without the nested schema route, a failing index, a register that lists
 * schemas of other apps. Those come from a proxy in front of the simulator that rewrites one route.
 */
let nc: SimulatedNextcloud;
let proxy: RewritingProxy;
const ids = DEMO.demo.schemaIds;
const REGISTER = DEMO.demo.registerId;

useProxiedSimulator((setup) => ({ nc, proxy } = setup));

const API = '/index.php/apps/openregister/api';
const SETTINGS = '/index.php/apps/pipelinq/api/settings';

function connect(overrides: Parameters<typeof makeConnector>[1] = {}) {
  return makeConnector(nc, { baseUrl: proxy.url, ...overrides });
}

const describeVia = (resource: string, overrides: Parameters<typeof makeConnector>[1] = {}) =>
  connect(overrides).connector.describeResource(resource as ResourceKey);

/** Runs `fn` with one demo schema temporarily carrying another slug. */
async function withSlug<T>(schemaId: number, slug: string | null, fn: () => Promise<T>): Promise<T> {
  const schema = nc.data.schemas.find((s) => s.id === schemaId)!;
  const before = schema.slug;
  (schema as { slug: string | null }).slug = slug;
  try {
    return await fn();
  } finally {
    schema.slug = before;
  }
}

describe('schema names the tenant configured', () => {
  it('accepts a schema id or a slug in any case, with stray spaces', async () => {
    for (const name of [String(ids.contract), ' contract ', 'Contract']) {
      expect(await describeVia('contract', { schemas: { contract: name } })).toMatchObject({
        registerId: REGISTER,
        schemaId: ids.contract,
        via: 'tenant setting',
        schema: { id: ids.contract },
      });
    }
  });

  it('reads a slug with digits in it as a slug, not as an id', async () => {
    for (const slug of ['contract2', '2contract']) {
      await withSlug(ids.contract, slug, async () => {
        expect(await describeVia('contract', { schemas: { contract: slug } })).toMatchObject({ schemaId: ids.contract });
      });
    }
  });

  it('refuses an id outside the register, and reports each missing schema once, not per request', async () => {
    const { connector, logs } = connect({ schemas: { contract: '9999' } });
    for (let i = 0; i < 3; i += 1) {
      const error = await failureOf(connector.describeResource('contract'));
      expect(error).toBeInstanceOf(NextcloudConfigurationError);
      expect(error.reason).toBe("schema '9999' for resource 'contract' is not part of register 'pipelinq'");
    }
    expect(logs.lines().filter((l) => l.msg === 'nextcloud configuration error')).toEqual([
      expect.objectContaining({ level: 40, tenant: 'demo', resource: 'contract', reason: expect.stringContaining("'9999'") }),
    ]);
  });

  it('refuses a resource Pipelinq does not have', async () => {
    const error = await failureOf(describeVia('invoice'));
    expect(error).toBeInstanceOf(NextcloudConfigurationError);
    expect(error.reason).toBe("no schema configured for resource 'invoice'");
  });
});

describe('schemas found the way Pipelinq finds them', () => {
  it('names what it looked for when a required schema is missing, and how to fix it', async () => {
    await withSlug(ids.contract, 'verkoopcontract', async () => {
      const error = await failureOf(describeVia('contract'));
      expect(error).toBeInstanceOf(NextcloudConfigurationError);
      expect(error).not.toBeInstanceOf(SchemaNotConfiguredError);
      expect(error.reason).toBe(
        "register 'pipelinq' has no schema for 'contract' (looked for the slugs 'contract', 'salesContract'); name it with tenant update --schema contract=SLUG_OR_ID",
      );
    });
  });

  it('calls a missing optional schema not configured, naming its one slug', async () => {
    const error = await failureOf(describeVia('requestCategory'));
    expect(error).toBeInstanceOf(SchemaNotConfiguredError);
    expect(error.reason).toBe("register 'pipelinq' has no requestCategory schema (looked for the slug 'requestCategory')");
  });

  it('ignores a schema without a slug when looking slugs up', async () => {
    await withSlug(ids.request, null, async () => {
      expect(await describeVia('contract')).toMatchObject({ schemaId: ids.contract });
      expect((await failureOf(describeVia('request'))).reason).toMatch(/has no schema for 'request'/);
    });
  });

  it("asks Pipelinq's settings once, without retries, as a hint only", async () => {
    proxy.rewrite((path) => (path === SETTINGS ? { status: 503, json: { message: 'busy' } } : undefined));
    expect(await describeVia('contract')).toMatchObject({ schemaId: ids.contract, via: 'slug' });
    expect(proxy.seen.filter((p) => p.startsWith(`GET ${SETTINGS}`))).toHaveLength(1);
  });

  it('counts the register, schema and settings reads under their own resources in the metrics', async () => {
    const { connector, metrics } = connect();
    await connector.describeResource('contract');
    for (const resource of ['pipelinq-settings', 'register', 'schema']) {
      expect(await upstreamCount(metrics, { tenant: 'demo', resource, outcome: 'ok' }), resource).toBe(1);
    }
  });
});

describe('the register', () => {
  it('is found by slug in any case and with spaces, by numeric id, and by uuid, among other apps’ registers', async () => {
    const uuid = nc.data.registers[0]!.uuid;
    proxy.rewrite((path, answer) => {
      if (path !== `${API}/registers`) return undefined;
      const results = (answer.json as { results: unknown[] }).results;
      return { status: 200, json: { results: [{ id: 98, uuid: 'u-98', slug: 'crm', schemas: [] }, ...results] } };
    });
    for (const register of [' Pipelinq ', String(REGISTER), uuid]) {
      expect(await describeVia('client', { register })).toMatchObject({ registerId: REGISTER, schemaId: ids.client });
    }
  });

  it('reads the whole register index, not its first page, and copes with registers without a slug', async () => {
    proxy.rewrite((path, answer) => {
      if (path !== `${API}/registers`) return undefined;
      const results = (answer.json as { results: unknown[] }).results;
      return { status: 200, json: { results: [{ id: 99, uuid: 'u-99', slug: null, schemas: [] }, ...results] } };
    });
    expect(await describeVia('client')).toMatchObject({ registerId: REGISTER });
    const index = proxy.seen.find((p) => p.startsWith(`GET ${API}/registers?`))!;
    expect(new URL(index.slice('GET '.length), 'http://x').searchParams.get('_limit')).toBe('1000');
  });

  it('is a configuration error, logged with the status, when the index is refused or lacks it', async () => {
    proxy.rewrite((path) => (path === `${API}/registers` ? { status: 403, json: { message: 'Forbidden' } } : undefined));
    const { connector, logs } = connect();
    const error = await failureOf(connector.describeResource('client'));
    expect(error).toBeInstanceOf(NextcloudConfigurationError);
    expect(error.reason).toBe('registers could not be read');
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        msg: 'nextcloud configuration error',
        tenant: 'demo',
        reason: 'registers could not be read',
        status: 403,
      }),
    );
    proxy.rewrite(() => undefined);
    expect((await failureOf(describeVia('client', { register: 'crm' }))).reason).toBe("register 'crm' not found");
  });
});

describe('the register’s schemas', () => {
  const foreignClient = { id: 900, slug: 'client', title: 'Other app client', properties: {}, required: [] };

  it('keeps only the schemas the register lists, even when the nested route answers more', async () => {
    proxy.rewrite((path, answer) => {
      if (path === SETTINGS) return { status: 403, json: {} };
      if (path !== `${API}/registers/${REGISTER}/schemas`) return undefined;
      const results = (answer.json as { results: unknown[] }).results;
      return { status: 200, json: { results: [...results, foreignClient] } };
    });
    expect(await describeVia('client')).toMatchObject({ schemaId: ids.client, via: 'slug' });
  });

  it('trusts the nested route when the register lists no schema ids', async () => {
    proxy.rewrite((path, answer) => {
      if (path !== `${API}/registers`) return undefined;
      const results = (answer.json as { results: Array<Record<string, unknown>> }).results;
      return { status: 200, json: { results: results.map((r) => ({ ...r, schemas: [] })) } };
    });
    expect(await describeVia('client')).toMatchObject({ schemaId: ids.client });
  });

  it('on an older server without the nested route, reads all schemas and keeps the register’s own', async () => {
    proxy.rewrite((path, answer) => {
      if (path === SETTINGS) return { status: 403, json: {} };
      if (path === `${API}/registers/${REGISTER}/schemas`) return { status: 404, json: { error: 'Not found' } };
      if (path === `${API}/schemas`) {
        const results = (answer.json as { results: unknown[] }).results;
        return { status: 200, json: { results: [...results, foreignClient] } };
      }
      return undefined;
    });
    const { connector, metrics } = connect();
    expect(await connector.describeResource('client')).toMatchObject({ schemaId: ids.client, via: 'slug' });
    expect(await upstreamCount(metrics, { tenant: 'demo', resource: 'schema', outcome: 'not_found' })).toBe(1);
    expect(await upstreamCount(metrics, { tenant: 'demo', resource: 'schema', outcome: 'ok' })).toBe(1);
    const all = proxy.seen.find((p) => p.startsWith(`GET ${API}/schemas?`))!;
    expect(new URL(all.slice('GET '.length), 'http://x').searchParams.get('_limit')).toBe('1000');
  });

  it('refuses to guess on an older server when the register lists no schemas', async () => {
    proxy.rewrite((path, answer) => {
      if (path === `${API}/registers/${REGISTER}/schemas`) return { status: 404, json: { error: 'Not found' } };
      if (path !== `${API}/registers`) return undefined;
      const results = (answer.json as { results: Array<Record<string, unknown>> }).results;
      return { status: 200, json: { results: results.map((r) => ({ ...r, schemas: [] })) } };
    });
    const error = await failureOf(describeVia('client'));
    expect(error.reason).toBe(`register ${REGISTER} lists no schemas`);
    expect(proxy.seen.some((p) => p.startsWith(`GET ${API}/schemas`))).toBe(false);
  });

  it('is a configuration error when either schema route is refused', async () => {
    proxy.rewrite((path) =>
      path === `${API}/registers/${REGISTER}/schemas` ? { status: 403, json: { message: 'Forbidden' } } : undefined,
    );
    expect((await failureOf(describeVia('client'))).reason).toBe(`schemas of register ${REGISTER} could not be read`);
    proxy.rewrite((path) => {
      if (path === `${API}/registers/${REGISTER}/schemas`) return { status: 404, json: { error: 'Not found' } };
      return path === `${API}/schemas` ? { status: 403, json: { message: 'Forbidden' } } : undefined;
    });
    expect((await failureOf(describeVia('client'))).reason).toBe('schemas could not be read');
  });
});

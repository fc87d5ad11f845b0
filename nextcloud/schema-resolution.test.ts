import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { failureOf, makeConnector } from './connector.test-support.js';
import { SchemaNotConfiguredError } from './errors.js';
import { DEMO } from './simulator/demo-data.js';
import { startSimulator, type Simulator } from './simulator/index.js';

/**
 * Finding each resource's schema the way Pipelinq does (reference nextcloud-api §13.3): the ids in
 * Pipelinq's app settings when they can be read and point into the tenant's register, else the
 * slugs Pipelinq uses (the contract schema is `contract`, or `salesContract` in some versions); a
 * register without the optional category catalogue is "not configured", never a failure.
 */

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.close());

describe('schema resolution', () => {
  it("finds the contract schema under Pipelinq's slug `contract` and under `salesContract`", async () => {
    const demo = await makeConnector(sim.instance('demo')).connector.describeResource('contract');
    expect(demo).toMatchObject({ schemaId: DEMO.demo.schemaIds.contract, schema: { slug: 'contract' } });
    const other = await makeConnector(sim.instance('other')).connector.describeResource('contract');
    expect(other).toMatchObject({ schemaId: DEMO.other.schemaIds.contract, schema: { slug: 'salesContract' } });
    expect(other.schema.properties.clientRef).toMatchObject({ type: 'string' });
    expect(other.schema.required).toContain('clientRef');
  });

  it("prefers the ids in Pipelinq's app settings over slugs", async () => {
    const nc = sim.instance('demo');
    const request = nc.data.schemas.find((s) => s.id === DEMO.demo.schemaIds.request)!;
    const slug = request.slug;
    // An installation whose request schema carries another slug: only the settings can name it.
    request.slug = 'verzoek';
    nc.data.pipelinqSettings = { register: String(DEMO.demo.registerId), request_schema: String(request.id) };
    try {
      const resolved = await makeConnector(nc).connector.describeResource('request');
      expect(resolved).toMatchObject({ schemaId: request.id, via: 'pipelinq settings' });
      const page = await makeConnector(nc).connector.listObjects('request', { limit: 1 });
      expect(page.total).toBeGreaterThan(0);
    } finally {
      request.slug = slug;
      delete nc.data.pipelinqSettings;
    }
  });

  it('ignores settings that point into another register, settings it may not read, and keys Pipelinq does not keep', async () => {
    const nc = sim.instance('demo');
    nc.data.pipelinqSettings = { register: '999', request_schema: String(DEMO.demo.schemaIds.client) };
    try {
      const resolved = await makeConnector(nc).connector.describeResource('request');
      expect(resolved).toMatchObject({ schemaId: DEMO.demo.schemaIds.request, via: 'slug' });
    } finally {
      delete nc.data.pipelinqSettings;
    }
    // Pipelinq names no contract schema in its settings: a `contract_schema` key is not Pipelinq's.
    nc.data.pipelinqSettings = { register: String(DEMO.demo.registerId), contract_schema: String(DEMO.demo.schemaIds.request) };
    try {
      const resolved = await makeConnector(nc).connector.describeResource('contract');
      expect(resolved).toMatchObject({ schemaId: DEMO.demo.schemaIds.contract, via: 'slug' });
    } finally {
      delete nc.data.pipelinqSettings;
    }
  });

  it('treats a missing category catalogue as not configured, and a missing required schema as a configuration error', async () => {
    const { connector } = makeConnector(sim.instance('demo'));
    const optional = await failureOf(connector.listObjects('requestCategory', { limit: 1 }));
    expect(optional).toBeInstanceOf(SchemaNotConfiguredError);
    expect(optional.code).toBe(ErrorCode.NOT_CONFIGURED);

    const wrong = makeConnector(sim.instance('demo'), { schemas: { contract: 'doesNotExist' } }).connector;
    const error = await failureOf(wrong.listObjects('contract', { limit: 1 }));
    expect(error).not.toBeInstanceOf(SchemaNotConfiguredError);
    expect(error.code).toBe(ErrorCode.NOT_CONFIGURED);
    expect(error.reason).toMatch(/schema 'doesNotExist' for resource 'contract'/);
    // The other resources still answer: one missing part takes down only what needs it.
    expect((await wrong.listObjects('posTransaction', { limit: 1 })).total).toBeGreaterThan(0);
  });
});

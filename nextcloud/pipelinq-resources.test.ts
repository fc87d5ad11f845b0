import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { failureOf, makeConnector } from './connector.test-support.js';
import { NextcloudConfigurationError, SchemaNotConfiguredError } from './errors.js';
import { DEMO } from './simulator/demo-data.js';
import { startSimulator, type Simulator } from './simulator/index.js';

/**
 * Every resource the portal reads is found the way Pipelinq finds it (PIPELINQ_RESOURCES, reference
 * nextcloud-api §13.3): by the schema id in Pipelinq's app settings where Pipelinq keeps one, else
 * by its slug. A required schema that cannot be found is a configuration error naming the
 * resource, so only the features that need it go dark; the category catalogue is optional.
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.close());

const REQUIRED = ['client', 'contact', 'request', 'posTransaction', 'contract'] as const;

/** Runs `check` while the resource's schema carries a slug Pipelinq does not use. */
async function withSchemaRenamed(resource: keyof typeof DEMO.demo.schemaIds, check: (schemaId: number) => Promise<void>) {
  const nc = sim.instance('demo');
  const schema = nc.data.schemas.find((s) => s.id === DEMO.demo.schemaIds[resource])!;
  const slug = schema.slug;
  schema.slug = `renamed-${resource}`;
  nc.data.pipelinqSettings = { register: String(DEMO.demo.registerId) };
  try {
    await check(schema.id);
  } finally {
    schema.slug = slug;
    delete nc.data.pipelinqSettings;
  }
}

describe("Pipelinq's resources", () => {
  /** Runs `check` on an installation whose settings name the register but no schema. */
  async function withoutSchemaSettings(instance: 'demo' | 'other', check: () => Promise<void>) {
    const nc = sim.instance(instance);
    nc.data.pipelinqSettings = { register: String(DEMO[instance].registerId) };
    try {
      await check();
    } finally {
      delete nc.data.pipelinqSettings;
    }
  }

  it.each(REQUIRED)('finds the %s schema by its Pipelinq slug', async (resource) => {
    await withoutSchemaSettings('demo', async () => {
      const resolved = await makeConnector(sim.instance('demo')).connector.describeResource(resource);
      expect(resolved).toMatchObject({ schemaId: DEMO.demo.schemaIds[resource], via: 'slug' });
    });
  });

  it('finds the category catalogue by its slug where the register has one', async () => {
    await withoutSchemaSettings('other', async () => {
      const resolved = await makeConnector(sim.instance('other')).connector.describeResource('requestCategory');
      expect(resolved).toMatchObject({ schemaId: DEMO.other.schemaIds.requestCategory, via: 'slug' });
    });
  });

  // The keys Pipelinq's SettingsService keeps (reference nextcloud-api §13.3).
  it.each([
    ['client', 'client_schema'],
    ['contact', 'contact_schema'],
    ['request', 'request_schema'],
  ] as const)("finds the %s schema under another slug through Pipelinq's setting %s", async (resource, key) => {
    await withSchemaRenamed(resource, async (schemaId) => {
      sim.instance('demo').data.pipelinqSettings = { register: String(DEMO.demo.registerId), [key]: String(schemaId) };
      const resolved = await makeConnector(sim.instance('demo')).connector.describeResource(resource);
      expect(resolved).toMatchObject({ schemaId, via: 'pipelinq settings' });
    });
  });

  it.each(REQUIRED)(
    'calls a missing %s schema a configuration error of that resource, not an absent option',
    async (resource) => {
      await withSchemaRenamed(resource, async () => {
        const error = await failureOf(makeConnector(sim.instance('demo')).connector.describeResource(resource));
        expect(error).toBeInstanceOf(NextcloudConfigurationError);
        expect(error).not.toBeInstanceOf(SchemaNotConfiguredError);
        expect(error).toMatchObject({ code: ErrorCode.NOT_CONFIGURED, resource });
        expect(error.reason).toContain(`has no schema for '${resource}'`);
      });
    },
  );

  it('calls a missing category catalogue not configured, naming the resource', async () => {
    const error = await failureOf(makeConnector(sim.instance('demo')).connector.describeResource('requestCategory'));
    expect(error).toBeInstanceOf(SchemaNotConfiguredError);
    expect(error).toMatchObject({ code: ErrorCode.NOT_CONFIGURED, resource: 'requestCategory' });
    expect(error.reason).toContain("has no requestCategory schema (looked for the slug 'requestCategory')");
  });
});

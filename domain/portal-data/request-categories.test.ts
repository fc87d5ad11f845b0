import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConnector } from '../../nextcloud/connector.test-support.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import { DEMO, startSimulator, type SimulatedNextcloud, type Simulator } from '../../nextcloud/simulator/index.js';
import type { ObjectQuery } from '../../nextcloud/types.js';
import { DEFAULT_FIELD_MAPPING, mergeFieldMapping, type PortalFieldMapping } from './field-mapping.js';
import type { PortalDataReader } from './portal-data-reader.js';
import { exposedCategories } from './request-writer.js';

/**
 * The categories a customer may file a request under, read from the tenant's catalogue in the
 * simulator (tenant `other` keeps one, `demo` has none). Which category a submission may use
 * follows from this list (request-writer.test.ts files them).
 */
let sim: Simulator;
let other: SimulatedNextcloud;
let connector: NextcloudConnector;

beforeAll(async () => {
  sim = await startSimulator();
  other = sim.instance('other');
  connector = makeConnector(other).connector;
});
afterAll(async () => {
  await sim?.close();
});

/** exposedCategories reads only the reader's mapping. */
const readerWith = (mapping: PortalFieldMapping = DEFAULT_FIELD_MAPPING) => ({ mapping }) as PortalDataReader;
const names = (categories: Array<{ name: string }> | null) => categories?.map((c) => c.name) ?? null;

describe('the request categories offered to customers', () => {
  it('are the ones the catalogue opens to customers, A to Z', async () => {
    expect(names(await exposedCategories(readerWith(), connector))).toEqual(['Facturatie', 'Garantie', 'Levering', 'Offerte']);
  });

  it('are re-checked row by row, so an upstream that ignores the filter cannot offer an internal one', async () => {
    const ignoringFilters = new Proxy(connector, {
      get: (target, key) =>
        key === 'listObjects'
          ? (resource: string, query: ObjectQuery) => target.listObjects(resource, { ...query, filters: {} })
          : Reflect.get(target, key, target),
    });
    expect(names(await exposedCategories(readerWith(), ignoringFilters))).toEqual([
      'Facturatie',
      'Garantie',
      'Levering',
      'Offerte',
    ]);
  });

  it('leave out a category without a name, and offer one stored with stray spaces as a customer can pick it', async () => {
    const schema = DEMO.other.schemaIds.requestCategory;
    const template = other.data.objects.find((o) => o.schema === schema && !o.deleted)!;
    const category = (name: string) => ({
      ...structuredClone(template),
      id: other.data.nextObjectId++,
      uuid: randomUUID(),
      data: { name, exposeToCustomer: true },
    });
    other.data.objects.push(category('  '), category('Montage '));
    try {
      // A submitted category is trimmed (request-input.ts): "Montage " could never be chosen.
      expect(names(await exposedCategories(readerWith(), connector))).toEqual([
        'Facturatie',
        'Garantie',
        'Levering',
        'Montage',
        'Offerte',
      ]);
    } finally {
      other.data.objects.splice(-2, 2);
    }
  });

  it('are not restricted where the register or the mapping has no catalogue', async () => {
    expect(await exposedCategories(readerWith(), makeConnector(sim.instance('demo')).connector)).toBeNull();
    expect(
      await exposedCategories(readerWith(mergeFieldMapping(DEFAULT_FIELD_MAPPING, { requestCategory: null })), connector),
    ).toBeNull();
  });

  it('are not given up when the catalogue cannot be read: an outage is no missing catalogue', async () => {
    const { connector: failing } = makeConnector(other, {}, { failureThreshold: 100 });
    // The schemas are known before the outage starts.
    expect(await exposedCategories(readerWith(), failing)).toHaveLength(4);
    other.setFaults({ errorRate: 1 });
    try {
      await expect(exposedCategories(readerWith(), failing)).rejects.toMatchObject({
        extensions: { code: 'UPSTREAM_UNAVAILABLE' },
      });
    } finally {
      other.resetFaults();
    }
  });
});

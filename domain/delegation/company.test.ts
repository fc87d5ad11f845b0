import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConnector } from '../../nextcloud/connector.test-support.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import { DEMO, startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import type { ObjectQuery } from '../../nextcloud/types.js';
import { DEFAULT_FIELD_MAPPING, fieldMappingFor } from '../portal-data/field-mapping.js';
import { createRecordLoaders } from '../portal-data/record-loaders.js';
import { loadColleagues, loadCompany } from './company.js';

/**
 * A company's colleague list shows its own contacts only. Against the simulator, once honestly and
 * once behind a connector that drops the client condition from the query, as an upstream that
 * ignores a filter would: the other customers' contacts must still stay out.
 */
let simulator: Simulator;
let connector: NextcloudConnector;
beforeAll(async () => {
  simulator = await startSimulator();
  connector = makeConnector(simulator.instance('demo')).connector;
});
afterAll(() => simulator.close());

const bakkerij = DEMO.demo.bakkerij;
const ownContacts = [bakkerij.contactId, ...bakkerij.otherContactIds].sort();

const ignoringClient = (): Pick<NextcloudConnector, 'listObjects'> => ({
  listObjects: (resource, query: ObjectQuery) => connector.listObjects(resource, { ...query, filters: {} }),
});

describe('loadColleagues', () => {
  it('lists the company’s contacts, and only those, even when upstream ignores the client condition', async () => {
    for (const source of [connector, ignoringClient()]) {
      const colleagues = await loadColleagues(source, DEFAULT_FIELD_MAPPING, bakkerij.clientId, [], bakkerij.contactId);
      expect(colleagues.map((c) => c.contactId).sort()).toEqual(ownContacts);
    }
  });

  it('names each contact’s portal state, the strongest of its accounts, and marks the viewer', async () => {
    const [directie, administratie, productie] = bakkerij.otherContactIds;
    const colleagues = await loadColleagues(
      connector,
      DEFAULT_FIELD_MAPPING,
      bakkerij.clientId,
      [
        { contactId: bakkerij.contactId, status: 'ACTIVE' },
        { contactId: directie!, status: 'BLOCKED' },
        { contactId: directie!, status: 'INVITED' },
        { contactId: administratie!, status: 'BLOCKED' },
        { contactId: productie!, status: 'CLOSED' },
      ],
      bakkerij.contactId,
    );
    const state = Object.fromEntries(colleagues.map((c) => [c.contactId, c.portalAccount]));
    expect(state).toEqual({
      [bakkerij.contactId]: 'ACTIVE',
      [directie!]: 'INVITED',
      [administratie!]: 'BLOCKED',
      [productie!]: 'NONE',
    });
    expect(colleagues.filter((c) => c.isYou).map((c) => c.contactId)).toEqual([bakkerij.contactId]);
    // Invitations are off unless the tenant allows them.
    expect(colleagues.some((c) => c.canInvite)).toBe(false);
  });
});

describe('colleague order and invitations', () => {
  it('lists colleagues by name; only those without an account and with an address can be invited', async () => {
    const colleagues = await loadColleagues(
      connector,
      DEFAULT_FIELD_MAPPING,
      bakkerij.clientId,
      [{ contactId: bakkerij.contactId, status: 'ACTIVE' }],
      bakkerij.contactId,
      true,
    );
    const names = colleagues.map((c) => c.name ?? '');
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(colleagues.find((c) => c.contactId === bakkerij.contactId)?.canInvite).toBe(false);
    expect(colleagues.some((c) => c.canInvite)).toBe(true);
  });
});

describe('loadCompany', () => {
  const tenant = { id: 'demo', nextcloud: {} } as unknown as Parameters<typeof createRecordLoaders>[0];

  it('reads the company card of the asked client, and nothing for an unknown or mismatched one', async () => {
    const mapping = fieldMappingFor(tenant);
    const company = await loadCompany(createRecordLoaders(tenant, connector), mapping, bakkerij.clientId);
    expect(company?.id).toBe(bakkerij.clientId);
    expect(company?.name).toMatch(/Bakker/);
    expect(await loadCompany(createRecordLoaders(tenant, connector), mapping, '00000000-0000-4000-8000-00000000abcd')).toBeNull();
    // Upstream answers the company's id with another client's record: not this company's card.
    const swapping: Parameters<typeof createRecordLoaders>[1] = {
      getObjectsByIds: async (resource, ids) => {
        const other = await connector.getObjectsByIds(resource, [DEMO.demo.janJansen.clientId]);
        return new Map(ids.map((id) => [id, other.get(DEMO.demo.janJansen.clientId)!]));
      },
    };
    expect(await loadCompany(createRecordLoaders(tenant, swapping), mapping, bakkerij.clientId)).toBeNull();
  });
});

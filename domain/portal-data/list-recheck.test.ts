import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import type { ObjectQuery } from '../../nextcloud/types.js';
import { useTestDatabase } from '../../test/db.js';
import { useAccountTestKit } from '../accounts/account.test-support.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { fieldMappingFor, type RecordKind } from './field-mapping.js';
import { PortalDataReader } from './portal-data-reader.js';
import type { Viewer } from './viewer.js';

/**
 * The owner filter goes into the upstream query, and every row that comes back is checked again.
 * Here the real simulator sits behind a connector that drops the owner conditions from list
 * queries, as an upstream that ignores a filter would: only the per-row re-check then stands
 * between Jan and everybody else's records.
 */
const kit = useAccountTestKit(useTestDatabase());
const jan = DEMO.demo.janJansen;
const viewer = (): Viewer => ({
  tenantId: 'demo',
  accountId: 'acc-jan',
  accountType: 'B2C',
  clientId: jan.clientId,
  contactId: jan.contactId,
  scopes: null,
});

function readers() {
  const tenant = kit().tenant();
  const connector = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) }).for('demo');
  const mapping = fieldMappingFor(tenant);
  const ownerFields = new Set<string>();
  for (const kind of ['invoice', 'order', 'contract', 'request'] as const) {
    ownerFields.add(mapping[kind].owner.client);
    if (mapping[kind].owner.contact) ownerFields.add(mapping[kind].owner.contact);
  }
  const ignoringOwner = new Proxy(connector, {
    get: (target, key) =>
      key === 'listObjects'
        ? (resource: Parameters<typeof connector.listObjects>[0], query: ObjectQuery) =>
            target.listObjects(resource, {
              ...query,
              filters: Object.fromEntries(Object.entries(query.filters ?? {}).filter(([field]) => !ownerFields.has(field))),
            })
        : Reflect.get(target, key, target),
  });
  const logger = createLogger({ level: 'silent' });
  return {
    honest: new PortalDataReader(tenant, viewer(), connector, logger),
    leaky: new PortalDataReader(tenant, viewer(), ignoringOwner, logger),
  };
}

describe('the per-row owner check on lists', () => {
  it.each<RecordKind>(['invoice', 'contract', 'request'])(
    'keeps other customers’ %s rows out when upstream ignores the owner filter',
    async (kind) => {
      const { honest, leaky } = readers();
      const window = { offset: 0, limit: 100 };
      const own = (await honest.list(kind, {}, window, { withFiles: false })).items.map((r) => r.id);
      const shown = (await leaky.list(kind, {}, window, { withFiles: false })).items.map((r) => r.id);
      expect(own.length).toBeGreaterThan(0);
      for (const id of shown) expect(own).toContain(id);
    },
  );
});

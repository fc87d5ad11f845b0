import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import type { NcObject, ObjectQuery } from '../../nextcloud/types.js';
import { useTestDatabase } from '../../test/db.js';
import { useAccountTestKit } from '../accounts/account.test-support.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { fieldMappingFor, upstreamFixedFilters, type RecordKind } from './field-mapping.js';
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

/** A connector whose `_ids` reads are recorded and, optionally, tampered with on the way back. */
function detailReader(tamper?: (asked: readonly string[], found: Map<string, NcObject>) => Promise<Map<string, NcObject>>) {
  const tenant = kit().tenant();
  const connector = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) }).for('demo');
  const batches: Array<{ resource: string; ids: readonly string[]; options: Parameters<typeof connector.getObjectsByIds>[2] }> =
    [];
  const recording = new Proxy(connector, {
    get: (target, key) =>
      key === 'getObjectsByIds'
        ? async (...args: Parameters<typeof connector.getObjectsByIds>) => {
            batches.push({ resource: args[0], ids: args[1], options: args[2] });
            const found = await target.getObjectsByIds(...args);
            return tamper ? tamper(args[1], found) : found;
          }
        : Reflect.get(target, key, target),
  });
  const reader = new PortalDataReader(tenant, viewer(), recording, createLogger({ level: 'silent' }));
  return { reader, batches, connector, mapping: fieldMappingFor(tenant) };
}

describe('the owner check on records read by id', () => {
  it('finds the viewer’s own records by id, with their files, and asks upstream with the owner condition where it can', async () => {
    const { reader, batches, mapping } = detailReader();
    const invoice = (await reader.list('invoice', {}, { offset: 0, limit: 1 }, { withFiles: false })).items[0]!;
    const contract = (await reader.list('contract', {}, { offset: 0, limit: 1 }, { withFiles: false })).items[0]!;
    expect(invoice.files).toBeNull();
    // Rows listed without their files are not taken for complete records: the detail is fetched.
    const detail = await reader.get('invoice', invoice.id);
    expect(detail?.id).toBe(invoice.id);
    expect(detail?.files).not.toBeNull();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.options?.extend).toEqual(['@self.files']);
    // Invoices belong to the client or to the own contact: two conditions, so only the fixed one
    // goes upstream (one owner condition there would hide the contact's own invoices).
    expect(batches[0]!.options?.filters).toEqual(upstreamFixedFilters(mapping.invoice.fixedFilters));
    expect((await reader.get('contract', contract.id))?.id).toBe(contract.id);
    expect(batches[1]!.options?.filters).toEqual({ [mapping.contract.owner.client]: jan.clientId });
  });

  it('answers records listed with their files from that list, without another call', async () => {
    const { reader, batches } = detailReader();
    const listed = (await reader.list('invoice', {}, { offset: 0, limit: 3 }, { withFiles: true })).items;
    expect(listed.length).toBeGreaterThan(0);
    for (const record of listed) expect((await reader.get('invoice', record.id))?.files).toEqual(record.files);
    expect(batches).toHaveLength(0);
  });

  it('never returns another customer’s record, even when upstream ignores the owner condition', async () => {
    const { connector, mapping } = detailReader();
    const others = (await connector.listObjects(mapping.contract.resource, { limit: 100 })).results.filter(
      (row) => row[mapping.contract.owner.client] && row[mapping.contract.owner.client] !== jan.clientId,
    );
    expect(others.length).toBeGreaterThan(0);
    const { reader } = detailReader(async (asked) => {
      // Upstream drops the owner filter: the foreign rows come back as asked.
      const unfiltered = await connector.getObjectsByIds(mapping.contract.resource, asked);
      return unfiltered;
    });
    for (const row of others.slice(0, 3)) expect(await reader.get('contract', row.id)).toBeNull();
  });

  it('never returns a row other than the one asked for', async () => {
    const { reader: honest } = detailReader();
    const [first, second] = (await honest.list('contract', {}, { offset: 0, limit: 2 }, { withFiles: false })).items;
    expect(second).toBeDefined();
    // Upstream answers the id of one of Jan's contracts with another of Jan's contracts.
    const { reader } = detailReader(async (asked, found) => {
      const swapped = new Map<string, NcObject>();
      for (const id of asked) {
        const other = [...found.values()].find((row) => row.id !== id);
        if (other) swapped.set(id, other);
      }
      return swapped.size ? swapped : found;
    });
    const both = await Promise.all([reader.get('contract', first!.id), reader.get('contract', second!.id)]);
    expect(both).toEqual([null, null]);
  });
});

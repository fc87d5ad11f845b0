import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useTestDatabase } from '../../test/db.js';
import { useAccountTestKit } from '../accounts/account.test-support.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { collectExportData } from './export-collector.js';

/**
 * What the export gathers from Nextcloud (Art. 15), against the real simulator: the right of
 * access is not shaped by the portal's feature switches, and it is not cut at a page size.
 */
const kit = useAccountTestKit(useTestDatabase());
const logger = createLogger({ level: 'silent' });
const connector = () => new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) }).for('demo');
const janInvoices = () =>
  kit()
    .simulator.instance('demo')
    .data.objects.filter(
      (o) => o.data.client === DEMO.demo.janJansen.clientId && typeof o.data.invoiceNumber === 'string' && o.deleted === null,
    );

describe('collectExportData', () => {
  it('exports every section even when the tenant switched all features off', async () => {
    const account = await kit().createAccount();
    const everything = await collectExportData(kit().tenant(), account, connector(), logger);
    const switchedOff = await collectExportData(kit().tenant({ enabledFeatures: [] }), account, connector(), logger);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    for (const kind of ['invoice', 'order', 'contract', 'request'] as const) {
      expect(everything.records[kind].length, kind).toBeGreaterThan(0);
      // The whole records, attached files (the documents section) included.
      expect([...switchedOff.records[kind]].sort(byId), kind).toEqual([...everything.records[kind]].sort(byId));
    }
    expect(everything.records.invoice.some((r) => (r.files ?? []).length > 0)).toBe(true);
  });

  it('gathers more than one page (250) of a kind', async () => {
    const objects = kit().simulator.instance('demo').data.objects;
    const template = janInvoices()[0]!;
    const maxId = Math.max(...objects.map((o) => o.id));
    const extra = Array.from({ length: 260 }, (_, i) => ({
      ...structuredClone(template),
      id: maxId + 1 + i,
      uuid: randomUUID(),
      slug: null,
      data: { ...structuredClone(template.data), invoiceNumber: `EXPORT-${i}` },
    }));
    objects.push(...extra);
    try {
      const account = await kit().createAccount();
      const collected = await collectExportData(kit().tenant(), account, connector(), logger);
      const ids = new Set(collected.records.invoice.map((r) => r.id));
      expect(ids.size).toBeGreaterThan(260);
      for (const object of extra) expect(ids.has(object.uuid)).toBe(true);
    } finally {
      objects.splice(objects.length - extra.length, extra.length);
    }
  });
});

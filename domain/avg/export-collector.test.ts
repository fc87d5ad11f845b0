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

  it('holds the person, their contact and their organisation with the fields a customer gets, nothing empty', async () => {
    const objects = kit().simulator.instance('demo').data.objects;
    const client = objects.find((o) => o.uuid === DEMO.demo.janJansen.clientId)!;
    const saved = structuredClone(client.data);
    // An internal CRM property and empty values on the record: neither may reach the export.
    Object.assign(client.data, { notes: 'internal CRM remark', website: '', industry: null });
    try {
      const b2c = await collectExportData(kit().tenant(), await kit().createAccount(), connector(), logger);
      expect(b2c.person).toMatchObject({ id: DEMO.demo.janJansen.clientId, name: saved.name, email: saved.email });
      expect(
        Object.keys(b2c.person!).every((key) => ['id', 'name', 'type', 'email', 'phone', 'address', 'role'].includes(key)),
      ).toBe(true);
      expect(b2c.contact).toMatchObject({ id: DEMO.demo.janJansen.contactId });
      expect(b2c.organisation).toBeNull();
    } finally {
      client.data = saved;
    }
    const b2b = await collectExportData(kit().tenant(), await kit().createAccount({ type: 'B2B' }), connector(), logger);
    expect(b2b.person).toBeNull();
    expect(b2b.organisation).toMatchObject({ id: DEMO.demo.bakkerij.clientId, name: 'Bakkerij Bakker B.V.' });
    expect(b2b.contact).toMatchObject({ id: DEMO.demo.bakkerij.contactId });
    const withoutContact = await collectExportData(
      kit().tenant(),
      await kit().createAccount({ contactId: null }),
      connector(),
      logger,
    );
    expect(withoutContact.contact).toBeNull();
  });

  it("adds the internal notes on the customer's requests, unless the tenant states a ground for leaving them out", async () => {
    const objects = kit().simulator.instance('demo').data.objects;
    const template = objects.find(
      (o) => o.data.client === DEMO.demo.janJansen.clientId && Array.isArray(o.data.notes) && o.deleted === null,
    )!;
    const request: typeof template = {
      ...structuredClone(template),
      id: Math.max(...objects.map((o) => o.id)) + 1,
      uuid: randomUUID(),
      slug: null,
      data: {
        ...structuredClone(template.data),
        notes: [
          { visibility: 'customer', author: 'Service', message: 'Visible to the customer', createdAt: '2026-01-01T10:00:00Z' },
          { visibility: 'internal', author: 'Sales', message: 'Internal remark', createdAt: '2026-01-02T10:00:00Z' },
          { message: 'No visibility stated: internal' },
          { visibility: 'internal', author: 'Sales', message: 42 },
        ],
      },
    };
    objects.push(request);
    try {
      const account = await kit().createAccount();
      const collected = await collectExportData(kit().tenant(), account, connector(), logger);
      expect(collected.internalNotesExcluded).toBeNull();
      expect(collected.internalNotes![request.uuid]).toEqual([
        { author: 'Sales', message: 'Internal remark', createdAt: '2026-01-02T10:00:00Z' },
        { author: null, message: 'No visibility stated: internal', createdAt: null },
      ]);
      // Every request of the customer has its entry, and only theirs.
      expect(Object.keys(collected.internalNotes!).sort()).toEqual(collected.records.request.map((r) => r.id).sort());

      const ground = 'Notes of our staff are excluded under Art. 15(4) GDPR.';
      const excluded = await collectExportData(
        kit().tenant({ internalNotesExportExclusion: ground }),
        account,
        connector(),
        logger,
      );
      expect(excluded.internalNotes).toBeNull();
      expect(excluded.internalNotesExcluded).toBe(ground);
    } finally {
      objects.splice(objects.indexOf(request), 1);
    }
  });
});

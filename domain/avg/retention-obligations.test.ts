import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import type { NcObject } from '../../nextcloud/types.js';
import { useTestDatabase } from '../../test/db.js';
import { useAccountTestKit } from '../accounts/account.test-support.js';
import { fieldMappingFor } from '../portal-data/field-mapping.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { listAll, readPersonRecords, retentionFactsOf, type FactsConnector } from './retention-facts.js';

/**
 * Obligations that keep a closed account from being pseudonymised, each on its own: an open
 * request that names the person only as its contact, and a contract that runs until a future end
 * date whatever its status says.
 */
const kit = useAccountTestKit(useTestDatabase());
const bakkerij = DEMO.demo.bakkerij;

describe('retention obligations', () => {
  it('an open request filed through the contact of an organisation holds the employee', async () => {
    const tenant = kit().tenant();
    const mapping = fieldMappingFor(tenant);
    const connector = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) }).for('demo');
    const contactField = mapping.request.owner.contact!;
    const statusField = mapping.request.statusField;
    const data = kit().simulator.instance('demo').data;
    // An open request naming the contact and no client: only the contact lookup can find it.
    const request = data.objects.find(
      (o) => o.data[contactField] === bakkerij.contactId && ['new', 'in_progress'].includes(String(o.data[statusField])),
    );
    expect(request, 'the demo data has an open request of the Bakkerij contact').toBeDefined();
    const records = await readPersonRecords(connector, mapping, {
      accountId: 'acc-bakkerij',
      type: 'B2B',
      clientId: bakkerij.clientId,
      contactId: bakkerij.contactId,
    });
    expect(records.requests.map((r) => r.id)).toContain(request!.uuid);
    expect(retentionFactsOf(records, mapping, new Date()).openRequests).toBeGreaterThan(0);
  });

  it('a contract running until a future end date holds, whatever its status', () => {
    const mapping = fieldMappingFor(kit().tenant());
    const now = new Date('2026-06-01T00:00:00Z');
    const contract = (endDate: string): NcObject =>
      ({
        id: `c-${endDate}`,
        [mapping.contract.statusField]: 'cancelled',
        [mapping.contract.fields.endDate[0]!]: endDate,
        '@self': { id: `c-${endDate}`, schema: null },
      }) as unknown as NcObject;
    const facts = (endDate: string) =>
      retentionFactsOf({ transactions: [], contracts: [contract(endDate)], requests: [] }, mapping, now);
    expect(facts('2026-12-31').activeContracts).toBe(1);
    expect(facts('2026-01-31').activeContracts).toBe(0);
  });

  it('gives up on a person with more rows than the guard allows, rather than deciding on part of them', async () => {
    // An upstream that keeps announcing more pages: the cleanup must fail (and keep the person), not loop or guess.
    let calls = 0;
    const endless: FactsConnector = {
      listObjects: async () => {
        calls++;
        return { results: [{ id: `r-${calls}` } as unknown as NcObject], total: 1_000_000, page: calls, pages: 1_000_000 };
      },
    } as unknown as FactsConnector;
    await expect(listAll(endless, 'request', { client: 'c-1' })).rejects.toThrow();
    expect(calls).toBe(100);
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { usePortalDataHarness, type Loose } from './test-support.js';

/**
 * The dashboard — first five of every list with totals, each invoice's documents and each
 * contract's client — costs at most one upstream call per resource and owner condition, asserted on
 * the simulator's call log. (Transactions and requests get a second, parallel call: "names only the
 * own contact, no client" cannot be OR-ed into one OpenRegister query.)
 */
const h = usePortalDataHarness();

export const DASHBOARD = `{
  invoices(first: 5) { totalCount edges { node { id number date amount currency status documents { id name size } } } }
  orders(first: 5) { totalCount edges { node { id number date amount status } } }
  contracts(first: 5) { totalCount edges { node { id number title status client { name } documents { id name } } } }
  requests(first: 5) { totalCount edges { node { id subject status notes { author message } } } }
  documents(first: 5) { totalCount edges { node { id name source } } }
}`;

const ids = DEMO.demo.schemaIds;
const path = (schemaId: number) => `/index.php/apps/openregister/api/objects/${DEMO.demo.registerId}/${schemaId}`;

describe('dashboard', () => {
  for (const who of ['jan', 'bakkerij'] as const) {
    it(`${who}: one upstream call per resource, owner filter in every query, complete answer`, async () => {
      const principal = h().customer(who);
      const instance = h().simulator.instance('demo');
      // The connector's one-time checks (credentials, register and schema ids) happen on first use.
      await h().run(principal, '{ invoices(first: 1) { totalCount } }');
      instance.clearCalls();

      const result = await h().run(principal, DASHBOARD);
      expect(result.errors).toBeUndefined();
      const calls = instance.calls();
      const count = (schemaId: number) => calls.filter((c) => c.path === path(schemaId)).length;
      expect(count(ids.posTransaction), 'posTransaction (invoices, orders, their documents)').toBe(2);
      expect(count(ids.contract), 'contract').toBe(1);
      expect(count(ids.client), 'client').toBe(1);
      expect(count(ids.request), 'request').toBe(2);
      expect(
        calls.filter((c) => c.path.includes('/files')),
        'no per-object file lists',
      ).toEqual([]);
      expect(calls.length).toBeLessThanOrEqual(6);

      const clientId = who === 'jan' ? DEMO.demo.janJansen.clientId : DEMO.demo.bakkerij.clientId;
      for (const call of calls) {
        const query = new URLSearchParams(call.query);
        const owner = query.get('client') ?? query.get('clientRef') ?? query.get('_ids');
        expect(owner, `${call.path}?${call.query}`).toBeTruthy();
        const contactOnly = query.has('contact') || query.has('customer');
        if (!query.has('_ids')) expect(owner).toBe(contactOnly ? 'IS NULL' : clientId);
      }

      const data = result.data!;
      expect(data.invoices.edges).toHaveLength(5);
      expect(data.invoices.edges.every((e: Loose) => e.node.documents.length === 1)).toBe(true);
      expect(data.orders.edges).toHaveLength(5);
      expect(data.contracts.edges.every((e: Loose) => e.node.client.name)).toBe(true);
      expect(data.requests.totalCount).toBe(6);
      expect(data.documents.edges).toHaveLength(5);
      expect(data.invoices.totalCount).toBe(who === 'jan' ? 26 : 30);
    });
  }

  it('a list on its own goes upstream with its page, filters and sort in the query', async () => {
    const instance = h().simulator.instance('demo');
    instance.clearCalls();
    await h().run(h().customer('jan'), '{ invoices(first: 3, filter: { status: ["settled"] }) { totalCount } }');
    const calls = instance.calls().map((call) => new URLSearchParams(call.query));
    expect(calls).toHaveLength(2);
    for (const query of calls) {
      expect(query.get('_limit')).toBe('3');
      expect(query.get('status')).toBe('settled');
      expect(query.get('invoiceNumber')).toBe('IS NOT NULL');
      expect(query.get('_order[confirmedAt]')).toBe('desc');
      expect(query.has('_extend')).toBe(false);
    }
    const [byClient, byContact] = [calls.find((q) => !q.has('customer'))!, calls.find((q) => q.has('customer'))!];
    expect(byClient.get('client')).toBe(DEMO.demo.janJansen.clientId);
    expect(byContact.get('customer')).toBe(DEMO.demo.janJansen.contactId);
    expect(byContact.get('client')).toBe('IS NULL');
  });

  it('by-id lookups of many records are batched into one _ids call', async () => {
    const instance = h().simulator.instance('demo');
    const own = instance.data.objects
      .filter(
        (o) => o.schema === ids.posTransaction && o.data.client === DEMO.demo.janJansen.clientId && Boolean(o.data.invoiceNumber),
      )
      .slice(0, 4);
    instance.clearCalls();
    const query = `{ ${own.map((o, i) => `i${i}: invoice(id: "${o.uuid}") { id documents { id } }`).join(' ')} }`;
    const result = await h().run(h().customer('jan'), query);
    expect(result.errors).toBeUndefined();
    const calls = instance.calls();
    expect(calls).toHaveLength(1);
    expect(new URLSearchParams(calls[0]!.query).get('_ids')!.split(',').sort()).toEqual(own.map((o) => o.uuid).sort());
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/index.js';
import type { SimObject } from '../../nextcloud/simulator/types.js';
import { DEMO_CUSTOMERS, signInCustomer } from '../../test/customers.js';
import { useTestGateway, type TestGateway } from '../../test/gateway.js';

/**
 * Every demo customer, signed in over real HTTP with the default field mapping, sees exactly the
 * records Pipelinq's own data model assigns to them (reference pipelinq-schemas.md). The expected
 * sets are worked out here from the simulator's stored objects with the rules written out again,
 * independently of the gateway's mapping:
 * - a transaction is the customer's when its `client` is theirs, or it names no client and its
 *   `customer` is their contact; invoices are those with an `invoiceNumber`, orders those not in
 *   draft;
 * - a contract is theirs when its `clientRef` is theirs;
 * - a request is theirs when its `client` is theirs, or it names no client and its `contact` is theirs.
 */

type Who = keyof typeof DEMO_CUSTOMERS;

/** The client and contact each demo account belongs to (the demo accounts are made from these). */
const PARTIES: Record<Who, { clientId: string; contactId: string | null }> = {
  jan: DEMO.demo.janJansen,
  bakkerij: DEMO.demo.bakkerij,
  piet: DEMO.other.pietDeVries,
};

const LIST = (field: string) => `query ($after: String) {
  ${field}(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;

async function allIds(gateway: TestGateway, headers: Record<string, string>, field: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const { body } = await gateway.graphql(LIST(field), { after }, headers);
    expect(body.errors).toBeUndefined();
    const connection = body.data![field] as {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { id: string } }>;
    };
    ids.push(...connection.edges.map((edge) => edge.node.id));
    if (!connection.pageInfo.hasNextPage) return ids;
    after = connection.pageInfo.endCursor;
  }
  throw new Error(`${field}: more pages than expected`);
}

function expectedFor(gateway: TestGateway, who: Who, clientId: string, contactId: string | null) {
  const instance = gateway.simulator.instance(DEMO_CUSTOMERS[who].tenant);
  const slugOf = new Map(instance.data.schemas.map((schema) => [schema.id, schema.slug]));
  const objects = (...slugs: string[]) =>
    instance.data.objects.filter((object) => !object.deleted && slugs.includes(slugOf.get(object.schema) ?? ''));
  const has = (object: SimObject, key: string) =>
    object.data[key] !== undefined && object.data[key] !== null && object.data[key] !== '';
  const ownedThroughClientOrContact = (object: SimObject, contactKey: string) =>
    object.data.client === clientId || (!has(object, 'client') && contactId !== null && object.data[contactKey] === contactId);
  const transactions = objects('posTransaction').filter((tx) => ownedThroughClientOrContact(tx, 'customer'));
  return {
    invoices: transactions.filter((tx) => has(tx, 'invoiceNumber')).map((tx) => tx.uuid),
    orders: transactions.filter((tx) => tx.data.status !== 'draft').map((tx) => tx.uuid),
    contracts: objects('contract', 'salesContract')
      .filter((contract) => contract.data.clientRef === clientId)
      .map((contract) => contract.uuid),
    requests: objects('request')
      .filter((request) => ownedThroughClientOrContact(request, 'contact'))
      .map((request) => request.uuid),
    drafts: transactions.filter((tx) => tx.data.status === 'draft').map((tx) => tx.uuid),
    customerOnly: transactions.filter((tx) => !has(tx, 'client')).map((tx) => tx.uuid),
  };
}

describe("Pipelinq's data model, as each demo customer sees it", () => {
  const gateway = useTestGateway();

  it.each(Object.keys(DEMO_CUSTOMERS) as Who[])('shows %s exactly their transactions, contracts and requests', async (who) => {
    const { headers } = await signInCustomer(gateway(), who);
    const expected = expectedFor(gateway(), who, PARTIES[who].clientId, PARTIES[who].contactId);
    // The demo data must exercise the rules, or this test proves nothing.
    expect(expected.invoices.length).toBeGreaterThanOrEqual(6);
    expect(expected.drafts.length).toBeGreaterThanOrEqual(1);

    const [invoices, orders, contracts, requests] = await Promise.all(
      ['invoices', 'orders', 'contracts', 'requests'].map((field) => allIds(gateway(), headers, field)),
    );
    expect([...invoices!].sort()).toEqual([...expected.invoices].sort());
    expect([...orders!].sort()).toEqual([...expected.orders].sort());
    expect([...contracts!].sort()).toEqual([...expected.contracts].sort());
    expect([...requests!].sort()).toEqual([...expected.requests].sort());
    for (const draft of expected.drafts) expect([...invoices!, ...orders!]).not.toContain(draft);
  });

  it('shows a B2C customer the transactions that name only their contact, in lists and in detail', async () => {
    const { headers } = await signInCustomer(gateway(), 'jan');
    const { customerOnly, invoices } = expectedFor(gateway(), 'jan', PARTIES.jan.clientId, PARTIES.jan.contactId);
    const customerOnlyInvoice = customerOnly.find((id) => invoices.includes(id));
    expect(customerOnlyInvoice).toBeDefined();
    const detail = await gateway().graphql(
      'query ($id: ID!) { invoice(id: $id) { id number paymentState tax taxLines { rate amount } documents { name } } }',
      { id: customerOnlyInvoice },
      headers,
    );
    expect(detail.body.errors).toBeUndefined();
    expect(detail.body.data!.invoice).toMatchObject({ id: customerOnlyInvoice });
  });

  it("never shows another customer's contact-only transaction", async () => {
    const { customerOnly, invoices } = expectedFor(gateway(), 'jan', PARTIES.jan.clientId, PARTIES.jan.contactId);
    const janInvoice = customerOnly.find((id) => invoices.includes(id))!;
    const bakkerij = await signInCustomer(gateway(), 'bakkerij');
    const foreign = await gateway().graphql('query ($id: ID!) { invoice(id: $id) { id } }', { id: janInvoice }, bakkerij.headers);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

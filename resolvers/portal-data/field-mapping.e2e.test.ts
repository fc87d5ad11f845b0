import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { signInCustomer } from '../../test/customers.js';
import { useTestGateway } from '../../test/gateway.js';

describe('a tenant’s field-mapping override, end to end', () => {
  const gw = useTestGateway();

  it('changes which Nextcloud property becomes an invoice number, without a restart', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    const query = '{ invoices(first: 3) { edges { node { id number } } } }';
    const numbersOf = async () =>
      (
        (await gw().graphql(query, undefined, jan.headers)).body.data!.invoices as {
          edges: Array<{ node: { id: string; number: string } }>;
        }
      ).edges.map((edge) => edge.node);

    const before = await numbersOf();
    expect(before[0]!.number).toMatch(/^F-\d{4}-\d{5}$/);

    await gw().services.tenants.upsert({
      id: 'demo',
      nextcloud: {
        baseUrl: gw().simulator.instance('demo').url,
        loginName: DEMO.users.service.login,
        appPassword: DEMO.users.service.appPassword,
        fieldMapping: { invoice: { fields: { number: ['reference'] } } },
      },
    });
    const after = await numbersOf();
    const stored = gw()
      .simulator.instance('demo')
      .data.objects.find((object) => object.uuid === after[0]!.id)!;
    expect(after[0]!.number).toBe(stored.data.reference);
    expect(after[0]!.number).not.toMatch(/^F-/);
  });

  it('replaces a fixed-filter set whole, and list and detail (the lookup downloads use) follow the same conditions', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    const setMapping = (fieldMapping: Record<string, unknown>) =>
      gw().services.tenants.upsert({
        id: 'demo',
        nextcloud: {
          baseUrl: gw().simulator.instance('demo').url,
          loginName: DEMO.users.service.login,
          appPassword: DEMO.users.service.appPassword,
          fieldMapping,
        },
      });
    const ordersOnly = gw()
      .simulator.instance('demo')
      .data.objects.find(
        (o) =>
          o.schema === DEMO.demo.schemaIds.posTransaction &&
          o.data.client === DEMO.demo.janJansen.clientId &&
          !o.data.invoiceNumber &&
          o.data.status === 'parked',
      )!;
    const LIST = '{ invoices(first: 100) { totalCount edges { node { id } } } }';
    const DETAIL = 'query ($id: ID!) { invoice(id: $id) { id number } }';
    const listed = async () =>
      (
        (await gw().graphql(LIST, undefined, jan.headers)).body.data!.invoices as { edges: Array<{ node: { id: string } }> }
      ).edges.map((e) => e.node.id);

    // Defaults: a transaction without an invoice number is no invoice, in the list and by id.
    await setMapping({});
    expect(await listed()).not.toContain(ordersOnly.uuid);
    expect((await gw().graphql(DETAIL, { id: ordersOnly.uuid }, jan.headers)).body.errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );

    // An empty set removes the default condition (a merge would have kept it): now it is an invoice everywhere.
    await setMapping({ invoice: { fixedFilters: {} } });
    expect(await listed()).toContain(ordersOnly.uuid);
    const detail = await gw().graphql(DETAIL, { id: ordersOnly.uuid }, jan.headers);
    expect(detail.body.errors).toBeUndefined();
    expect((detail.body.data!.invoice as { id: string }).id).toBe(ordersOnly.uuid);
    await setMapping({});
  });
});

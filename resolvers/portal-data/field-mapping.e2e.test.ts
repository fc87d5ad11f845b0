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
});

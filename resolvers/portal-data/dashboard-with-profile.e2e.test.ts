import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { signInCustomer } from '../../test/customers.js';
import { useTestGateway } from '../../test/gateway.js';

/** The whole dashboard with the profile, over HTTP: people records still cost one call each. */
const WITH_PROFILE = `{
  profile { email displayName phone organisation { name } }
  invoices(first: 5) { totalCount edges { node { id number date amount currency status documents { id name size } } } }
  orders(first: 5) { totalCount edges { node { id number date amount status } } }
  contracts(first: 5) { totalCount edges { node { id number title status client { name } documents { id name } } } }
  requests(first: 5) { totalCount edges { node { id subject status notes { author message } } } }
  documents(first: 5) { totalCount edges { node { id name source } } }
}`;

const path = (schemaId: number) => `/index.php/apps/openregister/api/objects/${DEMO.demo.registerId}/${schemaId}`;

describe('dashboard with profile', () => {
  const gw = useTestGateway();

  it('asks Nextcloud at most once per resource, the profile sharing the client and contact loaders', async () => {
    const bakkerij = await signInCustomer(gw(), 'bakkerij');
    await gw().graphql('{ invoices(first: 1) { totalCount } }', undefined, bakkerij.headers);
    const instance = gw().simulator.instance('demo');
    instance.clearCalls();

    const { body } = await gw().graphql(WITH_PROFILE, undefined, bakkerij.headers);
    expect(body.errors).toBeUndefined();
    expect(body.data!.profile).toMatchObject({
      email: 'inkoop@bakkerij-bakker.example',
      organisation: { name: 'Bakkerij Bakker B.V.' },
    });
    const calls = instance.calls();
    const count = (schemaId: number) => calls.filter((call) => call.path === path(schemaId)).length;
    const ids = DEMO.demo.schemaIds;
    expect(count(ids.client), 'client (contracts’ client and the organisation)').toBe(1);
    expect(count(ids.contact), 'contact (the profile’s person)').toBe(1);
    // One query per owner condition: through the client, and naming only the contact.
    expect(count(ids.posTransaction)).toBe(2);
    expect(count(ids.contract)).toBe(1);
    expect(count(ids.request)).toBe(2);
  });
});

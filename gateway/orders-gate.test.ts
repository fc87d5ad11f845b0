import { describe, expect, it } from 'vitest';
import { signInCustomer } from '../test/customers.js';
import { useTestGateway } from '../test/gateway.js';
import { signInStaff } from '../test/staff.js';

/** Orders have their own feature switch: with ORDERS off, both order queries answer FEATURE_DISABLED. */
const gw = useTestGateway();

describe('the ORDERS feature gate', () => {
  it('switching ORDERS off closes orders and order, and leaves invoices open', async () => {
    const admin = await signInStaff(gw(), 'admin');
    const save = (enabledFeatures: string[]) =>
      gw().graphql(
        'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { tenantId } }',
        { input: { enabledFeatures } },
        admin.headers,
      );
    const jan = await signInCustomer(gw(), 'jan');
    expect((await gw().graphql('{ orders { totalCount } }', {}, jan.headers)).status).toBe(200);
    expect((await save(['INVOICES', 'CONTRACTS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'])).body.errors).toBeUndefined();
    try {
      const list = await gw().graphql('{ orders { totalCount } }', {}, jan.headers);
      expect(list.body.errors?.[0]?.extensions?.code).toBe('FEATURE_DISABLED');
      const one = await gw().graphql('{ order(id: "any") { id } }', {}, jan.headers);
      expect(one.body.errors?.[0]?.extensions?.code).toBe('FEATURE_DISABLED');
      const invoices = await gw().graphql('{ invoices { totalCount } }', {}, jan.headers);
      expect(invoices.body.errors).toBeUndefined();
    } finally {
      await save(['INVOICES', 'CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE']);
    }
  });
});

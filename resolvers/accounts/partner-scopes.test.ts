import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import { describe, expect, it } from 'vitest';
import { META, useAccountTestKit } from '../../domain/accounts/account.test-support.js';
import type { Principal } from '../../domain/principal.js';
import { useTestDatabase } from '../../test/db.js';
import { isCustomerOrPartnerWith } from '../rules.js';

/**
 * The scope limit of partner tokens, end to end from the secret to a field decision: a token is
 * authenticated by the real service, and fields guarded by the shared rule answer FORBIDDEN when
 * its scopes lack theirs. (The data fields themselves belong to the portal-data resolvers.)
 */
const kit = useAccountTestKit(useTestDatabase());

const schema = applyMiddleware(
  makeExecutableSchema({
    typeDefs: `type Query { invoices: Boolean  contracts: Boolean  submitRequest: Boolean }`,
    resolvers: { Query: { invoices: () => true, contracts: () => true, submitRequest: () => true } },
  }),
  shield(
    {
      Query: {
        '*': deny,
        invoices: isCustomerOrPartnerWith('read:invoices'),
        contracts: isCustomerOrPartnerWith('read:contracts'),
        submitRequest: isCustomerOrPartnerWith('write:requests'),
      },
    },
    { allowExternalErrors: true },
  ),
);

async function ask(principal: Principal, field: string) {
  const result = await graphql({ schema, source: `{ ${field} }`, contextValue: { principal } });
  return result.errors ? result.errors[0]!.extensions.code : result.data?.[field];
}

describe('partner token scopes', () => {
  it('a token reaches exactly the fields its scopes name', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const { secret } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:contracts'] },
      META,
    );
    const partner = (await kit().services.apiTokens.authenticate(kit().tenant(), secret))!;
    expect(await ask(partner, 'contracts')).toBe(true);
    expect(await ask(partner, 'invoices')).toBe('FORBIDDEN');
    expect(await ask(partner, 'submitRequest')).toBe('FORBIDDEN');
  });

  it('the account itself (customer session) is not limited by scopes', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    expect(await ask(kit().customer(account), 'invoices')).toBe(true);
    expect(await ask({ kind: 'anonymous' }, 'invoices')).toBe('UNAUTHENTICATED');
  });
});

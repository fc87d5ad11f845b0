import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { shield } from 'graphql-shield';
import { describe, expect, it } from 'vitest';
import type { CustomerPrincipal, Principal, StaffPrincipal, StaffRole } from '../domain/principal.js';
import { FEATURES } from '../domain/tenants/portal-settings.js';
import { featureEnabled, isCustomerOrPartnerWith, isStaffOfTenant, isStaffOfThisTenant } from './rules.js';

/**
 * The parameterised rules are shared per parameter (graphql-shield refuses two rule objects of one
 * name), so each parameter must get its own: a rule shared across role lists or features would
 * answer one field with another field's verdict. Each test builds its schema itself, so the rules
 * are made and asked within the same test. The whole API's matrix: resolvers/permissions.test.ts.
 */
const FIELDS = ['adminOnly', 'dpoOnly', 'adminHere', 'dpoHere', 'requests', 'alsoRequests', 'invoices', 'readsRequests'];

function guardedSchema() {
  return applyMiddleware(
    makeExecutableSchema({
      typeDefs: `type Query { ${FIELDS.map((field) => `${field}(tenantId: ID): Boolean`).join(' ')} }`,
      resolvers: { Query: Object.fromEntries(FIELDS.map((field) => [field, () => true])) },
    }),
    shield(
      {
        Query: {
          adminOnly: isStaffOfTenant('ADMIN'),
          dpoOnly: isStaffOfTenant('DPO'),
          adminHere: isStaffOfThisTenant('ADMIN'),
          dpoHere: isStaffOfThisTenant('DPO'),
          // Asking for the same rule twice must give the same object, or shield refuses the ruleset.
          requests: featureEnabled('REQUESTS'),
          alsoRequests: featureEnabled('REQUESTS'),
          invoices: featureEnabled('INVOICES'),
          readsRequests: isCustomerOrPartnerWith('read:requests'),
        },
      },
      { allowExternalErrors: true },
    ),
  );
}

const staff = (roles: StaffRole[]): StaffPrincipal => ({ kind: 'staff', tenantId: 't1', loginName: 'x', roles, sessionId: 's' });
const customer = (extra: Partial<CustomerPrincipal> = {}): CustomerPrincipal => ({
  kind: 'customer',
  tenantId: 't1',
  accountId: 'acc-1',
  accountType: 'B2B',
  sessionId: 's',
  enrolmentOnly: false,
  clientId: 'client-1',
  contactId: null,
  ...extra,
});

/** Each field's answer: true, or the code the client sees. */
async function answers(principal: Principal, options: { features?: readonly string[]; uses?: unknown[][] } = {}) {
  const schema = guardedSchema();
  const verdicts: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const result = await graphql({
      schema,
      source: `{ ${field}(tenantId: "t1") }`,
      contextValue: {
        principal,
        tenant: { id: 't1', portal: { enabledFeatures: options.features ?? FEATURES, b2bEnabled: true, b2cEnabled: true } },
        delegations: { recordUse: async (...use: unknown[]) => void options.uses?.push(use) },
      },
    });
    verdicts[field] = result.errors?.length ? result.errors[0]!.extensions.code : result.data?.[field];
  }
  return verdicts;
}

describe('parameterised rules', () => {
  it('keep each role list apart, for fields with and without a tenantId', async () => {
    expect(await answers(staff(['DPO']))).toMatchObject({
      adminOnly: 'FORBIDDEN',
      dpoOnly: true,
      adminHere: 'FORBIDDEN',
      dpoHere: true,
    });
    expect(await answers(staff(['ADMIN']))).toMatchObject({
      adminOnly: true,
      dpoOnly: 'FORBIDDEN',
      adminHere: true,
      dpoHere: 'FORBIDDEN',
    });
  });

  it('keep each feature apart', async () => {
    expect(await answers(customer(), { features: ['INVOICES'] })).toMatchObject({
      requests: 'FEATURE_DISABLED',
      alsoRequests: 'FEATURE_DISABLED',
      invoices: true,
    });
    expect(await answers(customer(), { features: ['REQUESTS'] })).toMatchObject({
      requests: true,
      alsoRequests: true,
      invoices: 'FEATURE_DISABLED',
    });
  });

  it('record the use of a delegated scope only for a customer acting for a company', async () => {
    const uses: unknown[][] = [];
    await answers(customer(), { uses });
    await answers(
      {
        kind: 'partner',
        tenantId: 't1',
        accountId: 'acc-1',
        tokenId: 'tok',
        scopes: ['read:requests'],
        clientId: 'c',
        contactId: null,
      },
      { uses },
    );
    expect(uses).toEqual([]);
    const acting = customer({
      actingFor: { delegationId: 'd-1', grantorAccountId: 'acc-0', clientId: 'client-0', scopes: ['read:invoices'] },
    });
    expect((await answers(acting, { uses })).readsRequests).toBe('FORBIDDEN');
    expect(uses).toEqual([['read:requests', 'readsRequests', false]]);
    const granted = customer({
      actingFor: { delegationId: 'd-2', grantorAccountId: 'acc-0', clientId: 'client-0', scopes: ['read:requests'] },
    });
    expect((await answers(granted, { uses })).readsRequests).toBe(true);
    expect(uses.at(-1)).toEqual(['read:requests', 'readsRequests', true]);
  });
});

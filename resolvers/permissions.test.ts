import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, graphql, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors.js';
import { projectRoot } from '../core/paths.js';
import type { Principal, StaffRole } from '../domain/principal.js';
import {
  customerPrincipal as customer,
  partnerPrincipal as partner,
  staffPrincipal as staff,
} from '../domain/principal.test-support.js';
import { FEATURES, type Feature } from '../domain/tenants/portal-settings.js';
import { authorizationMiddleware } from './permissions.js';

/**
 * The authorization matrix of the API: for every root field, who may call it, with which
 * features on, in which account mode. The ruleset (permissions.ts) is applied to a schema with
 * the API's root field names, each answering `true`, so what comes back is the ruleset's verdict
 * alone: true, or the code the client sees (UNAUTHENTICATED, FORBIDDEN, FEATURE_DISABLED).
 */
type Guard =
  /** Public steps (signing in, confirming by a mailed link). */
  | { who: 'anyone' }
  | { who: 'staff'; roles: StaffRole[] }
  /** A signed-in customer with a full session, whatever features are on. */
  | { who: 'customer' }
  /** Any customer session, including one that may only finish MFA enrolment. */
  | { who: 'customerSession' }
  /** A customer as above whose account mode (B2B/B2C) is on. */
  | { who: 'customerInMode' }
  /** Customer data: the features on, a customer or a partner token with the scopes, the mode on. */
  | { who: 'data'; features: Feature[]; scopes: string[] }
  /** The customer's own profile: PROFILE on, a customer (partner tokens have none), the mode on. */
  | { who: 'ownProfile' }
  /** Anyone, but only while the feature is on. */
  | { who: 'featureOnly'; feature: Feature }
  /** A business (B2B) customer as themselves, B2B mode on. */
  | { who: 'b2bAsSelf' };

const ADMIN_OR_DPO: Guard = { who: 'staff', roles: ['ADMIN', 'DPO'] };
const ADMIN: Guard = { who: 'staff', roles: ['ADMIN'] };
const data = (features: Feature[], ...scopes: string[]): Guard => ({ who: 'data', features, scopes });

const QUERY: Record<string, Guard> = {
  portal: { who: 'anyone' },
  viewer: { who: 'anyone' },
  auditEvents: ADMIN_OR_DPO,
  verifyAuditTrail: ADMIN_OR_DPO,
  auditEventTypes: ADMIN_OR_DPO,
  dataSubjectReport: { who: 'staff', roles: ['DPO'] },
  tenantConfig: ADMIN,
  portalAccounts: ADMIN,
  searchClients: ADMIN,
  tenantConnectionCheck: ADMIN,
  tenantReadiness: ADMIN,
  myAuditEvents: { who: 'customer' },
  apiTokens: { who: 'customer' },
  mySessions: { who: 'customer' },
  dataExports: { who: 'customer' },
  delegationsGranted: { who: 'customer' },
  delegationsReceived: { who: 'customer' },
  invoices: data(['INVOICES'], 'read:invoices'),
  invoice: data(['INVOICES'], 'read:invoices'),
  orders: data(['ORDERS'], 'read:orders'),
  order: data(['ORDERS'], 'read:orders'),
  contracts: data(['CONTRACTS'], 'read:contracts'),
  contract: data(['CONTRACTS'], 'read:contracts'),
  requests: data(['REQUESTS'], 'read:requests'),
  request: data(['REQUESTS'], 'read:requests'),
  requestCategories: data(['REQUESTS'], 'write:requests'),
  documents: data(['DOCUMENTS'], 'read:documents'),
  document: data(['DOCUMENTS'], 'read:documents'),
  profile: { who: 'ownProfile' },
  colleagues: { who: 'b2bAsSelf' },
};

const MUTATION: Record<string, Guard> = {
  staffSignIn: { who: 'anyone' },
  signIn: { who: 'anyone' },
  signOut: { who: 'anyone' },
  activateAccount: { who: 'anyone' },
  requestPasswordReset: { who: 'anyone' },
  resetPassword: { who: 'anyone' },
  confirmAccountClosure: { who: 'anyone' },
  saveTenantConfig: ADMIN,
  setPortalAccountStatus: ADMIN,
  invitePortalAccount: ADMIN,
  runRetentionCleanup: ADMIN,
  beginMfaEnrollment: { who: 'customerSession' },
  confirmMfaEnrollment: { who: 'customerSession' },
  disableMfa: { who: 'customer' },
  changePassword: { who: 'customer' },
  revokeSession: { who: 'customer' },
  signOutOtherSessions: { who: 'customer' },
  revokeApiToken: { who: 'customer' },
  requestDataExport: { who: 'customer' },
  requestAccountClosure: { who: 'customer' },
  revokeDelegation: { who: 'customer' },
  switchContext: { who: 'customer' },
  createApiToken: { who: 'customerInMode' },
  submitRequest: data(['REQUESTS'], 'write:requests'),
  replyToRequest: data(['REQUESTS'], 'write:requests'),
  requestContractCancellation: data(['CONTRACTS', 'REQUESTS'], 'read:contracts', 'write:requests'),
  createDocumentDownload: data(['DOCUMENTS'], 'read:documents'),
  updateProfile: { who: 'ownProfile' },
  confirmEmailChange: { who: 'featureOnly', feature: 'PROFILE' },
  grantDelegation: { who: 'b2bAsSelf' },
  inviteColleague: { who: 'b2bAsSelf' },
};

/** Fields the ruleset does not list: deny by default must refuse them to everybody. */
const UNLISTED = { Query: 'someNewQuery', Mutation: 'someNewMutation' } as const;

/** The two audit trails answer events, whose actor is guarded on its own (AuditEvent.actorLabel). */
const returnsEvents = (field: string) => field === 'auditEvents' || field === 'myAuditEvents';

const rootFields = (fields: Record<string, Guard>, unlisted: string) =>
  [...Object.keys(fields), unlisted].map((name) => `${name}(tenantId: ID): ${returnsEvents(name) ? 'AuditEvent' : 'Boolean'}`);

// Built on first use inside a test rather than on import, so a ruleset that fails to apply fails
// the tests instead of leaving a file with no tests in it.
let guarded: GraphQLSchema | undefined;
function schema(): GraphQLSchema {
  if (!guarded) {
    const bare = buildSchema(`
      type AuditEvent { actorLabel: String }
      type Query { ${rootFields(QUERY, UNLISTED.Query).join('\n')} }
      type Mutation { ${rootFields(MUTATION, UNLISTED.Mutation).join('\n')} }
    `);
    guarded = applyMiddleware(bare, authorizationMiddleware(bare));
  }
  return guarded;
}

const everyFieldAnswers = Object.fromEntries(
  [...Object.keys(QUERY), ...Object.keys(MUTATION), UNLISTED.Query, UNLISTED.Mutation].map((name) => [
    name,
    returnsEvents(name) ? { actorLabel: 'admin@example.org' } : true,
  ]),
);

interface Portal {
  enabledFeatures: Feature[];
  b2bEnabled: boolean;
  b2cEnabled: boolean;
}
const ALL_ON: Portal = { enabledFeatures: [...FEATURES], b2bEnabled: true, b2cEnabled: true };

const anonymous: Principal = { kind: 'anonymous' };
const ALL_SCOPES = ['read:invoices', 'read:orders', 'read:contracts', 'read:requests', 'write:requests', 'read:documents'];

interface Ask {
  principal: Principal;
  portal?: Portal;
  /** The tenant named in the field's argument (staff fields); the request's own tenant is t1. */
  tenantId?: string;
}

async function run(source: string, { principal, portal = ALL_ON }: Ask, rootValue: object = everyFieldAnswers) {
  return graphql({
    schema: schema(),
    source,
    rootValue,
    contextValue: { principal, tenant: { id: 't1', portal }, delegations: { recordUse: async () => {} } },
  });
}

/** One root field as `principal`: true when it is answered, else the error code. */
async function ask(field: string, asking: Ask): Promise<unknown> {
  const operation = field in MUTATION || field === UNLISTED.Mutation ? 'mutation' : 'query';
  const selection = returnsEvents(field) ? '{ __typename }' : '';
  const result = await run(`${operation} { ${field}(tenantId: "${asking.tenantId ?? 't1'}") ${selection} }`, asking);
  if (result.errors?.length) return result.errors[0]!.extensions.code;
  return Boolean(result.data?.[field]);
}

const without = <T>(list: readonly T[], item: T) => list.filter((each) => each !== item);
const portalWith = (change: Partial<Portal>): Portal => ({ ...ALL_ON, ...change });

/** Each guard's cases: who asks, in which tenant, and what they get. */
function casesFor(guard: Guard): [string, Ask, unknown][] {
  switch (guard.who) {
    case 'anyone':
      return [
        ['anonymous, every feature off', { principal: anonymous, portal: portalWith({ enabledFeatures: [] }) }, true],
        ['a customer', { principal: customer() }, true],
      ];
    case 'staff':
      return [
        ...guard.roles.map((role): [string, Ask, unknown] => [`staff with ${role}`, { principal: staff([role]) }, true]),
        ...(['ADMIN', 'DPO'] as const)
          .filter((role) => !guard.roles.includes(role))
          .map((role): [string, Ask, unknown] => [`staff with only ${role}`, { principal: staff([role]) }, 'FORBIDDEN']),
        ['staff of another tenant', { principal: staff(['ADMIN', 'DPO'], 't2'), tenantId: 't1' }, 'FORBIDDEN'],
        ['staff naming another tenant', { principal: staff(['ADMIN', 'DPO']), tenantId: 't2' }, 'FORBIDDEN'],
        ['a customer', { principal: customer() }, 'FORBIDDEN'],
        ['a partner token', { principal: partner(ALL_SCOPES) }, 'FORBIDDEN'],
        ['anonymous', { principal: anonymous }, 'UNAUTHENTICATED'],
      ];
    case 'customer':
    case 'customerSession':
    case 'customerInMode':
      return [
        ['a customer, every feature off', { principal: customer(), portal: portalWith({ enabledFeatures: [] }) }, true],
        [
          'an enrolment-only session',
          { principal: customer({ enrolmentOnly: true }) },
          guard.who === 'customerSession' ? true : 'FORBIDDEN',
        ],
        [
          'a B2C customer with B2C switched off',
          { principal: customer(), portal: portalWith({ b2cEnabled: false }) },
          guard.who === 'customerInMode' ? 'FORBIDDEN' : true,
        ],
        ['a partner token', { principal: partner(ALL_SCOPES) }, 'FORBIDDEN'],
        ['staff', { principal: staff(['ADMIN', 'DPO']) }, 'FORBIDDEN'],
        ['anonymous', { principal: anonymous }, 'UNAUTHENTICATED'],
      ];
    case 'data':
      return [
        ['a customer', { principal: customer() }, true],
        ['a partner token with exactly these scopes', { principal: partner(guard.scopes) }, true],
        ...guard.scopes.map((scope): [string, Ask, unknown] => [
          `a partner token lacking ${scope}`,
          { principal: partner(without(ALL_SCOPES, scope)) },
          'FORBIDDEN',
        ]),
        ...guard.features.map((feature): [string, Ask, unknown] => [
          `a customer while ${feature} is off`,
          { principal: customer(), portal: portalWith({ enabledFeatures: without(FEATURES, feature) }) },
          'FEATURE_DISABLED',
        ]),
        ...guard.features.map((feature): [string, Ask, unknown] => [
          `anonymous while ${feature} is off (as if it did not exist)`,
          { principal: anonymous, portal: portalWith({ enabledFeatures: without(FEATURES, feature) }) },
          'FEATURE_DISABLED',
        ]),
        [
          'a B2C customer with B2C switched off',
          { principal: customer(), portal: portalWith({ b2cEnabled: false }) },
          'FORBIDDEN',
        ],
        [
          'a partner token with B2B switched off',
          { principal: partner(ALL_SCOPES), portal: portalWith({ b2bEnabled: false }) },
          'FORBIDDEN',
        ],
        ['an enrolment-only session', { principal: customer({ enrolmentOnly: true }) }, 'FORBIDDEN'],
        ['staff', { principal: staff(['ADMIN', 'DPO']) }, 'FORBIDDEN'],
        ['anonymous', { principal: anonymous }, 'UNAUTHENTICATED'],
      ];
    case 'ownProfile':
      return [
        ['a customer', { principal: customer() }, true],
        [
          'a customer while PROFILE is off',
          { principal: customer(), portal: portalWith({ enabledFeatures: without(FEATURES, 'PROFILE') }) },
          'FEATURE_DISABLED',
        ],
        [
          'a B2C customer with B2C switched off',
          { principal: customer(), portal: portalWith({ b2cEnabled: false }) },
          'FORBIDDEN',
        ],
        ['a partner token', { principal: partner(ALL_SCOPES) }, 'FORBIDDEN'],
        ['staff', { principal: staff(['ADMIN', 'DPO']) }, 'FORBIDDEN'],
        ['anonymous', { principal: anonymous }, 'UNAUTHENTICATED'],
      ];
    case 'featureOnly':
      return [
        ['anonymous', { principal: anonymous, portal: portalWith({ enabledFeatures: [guard.feature] }) }, true],
        [
          'anonymous while the feature is off',
          { principal: anonymous, portal: portalWith({ enabledFeatures: without(FEATURES, guard.feature) }) },
          'FEATURE_DISABLED',
        ],
      ];
    case 'b2bAsSelf':
      return [
        ['a B2B customer', { principal: customer({ accountType: 'B2B' }) }, true],
        [
          'a B2B customer with B2B switched off',
          { principal: customer({ accountType: 'B2B' }), portal: portalWith({ b2bEnabled: false }) },
          'FORBIDDEN',
        ],
        ['a B2C customer', { principal: customer() }, 'FORBIDDEN'],
        ['a partner token', { principal: partner(ALL_SCOPES) }, 'FORBIDDEN'],
        ['anonymous', { principal: anonymous }, 'UNAUTHENTICATED'],
      ];
  }
}

const matrix = (fields: Record<string, Guard>) =>
  Object.entries(fields).flatMap(([field, guard]) =>
    casesFor(guard).map(([who, asking, expected]) => ({ field, who, asking, expected })),
  );

describe('the authorization ruleset', () => {
  it('has a row in this matrix for every root field of the API, so none is added unreviewed', () => {
    const api = buildSchema(readFileSync(path.join(projectRoot, 'schema', 'schema.graphql'), 'utf8'));
    const names = (type: GraphQLObjectType | null | undefined) => Object.keys(type?.getFields() ?? {}).sort();
    expect(names(api.getQueryType())).toEqual(Object.keys(QUERY).sort());
    expect(names(api.getMutationType())).toEqual(Object.keys(MUTATION).sort());
  });

  it.each(matrix(QUERY))('query $field as $who: $expected', async ({ field, asking, expected }) => {
    expect(await ask(field, asking)).toBe(expected);
  });

  it.each(matrix(MUTATION))('mutation $field as $who: $expected', async ({ field, asking, expected }) => {
    expect(await ask(field, asking)).toBe(expected);
  });

  it('refuses a root field it does not list, to everybody (deny by default)', async () => {
    for (const field of Object.values(UNLISTED)) {
      expect(await ask(field, { principal: anonymous })).toBe('FORBIDDEN');
      expect(await ask(field, { principal: customer({ accountType: 'B2B' }) })).toBe('FORBIDDEN');
      expect(await ask(field, { principal: staff(['ADMIN', 'DPO']) })).toBe('FORBIDDEN');
    }
  });

  it("shows an audit event's actor to the tenant's staff only, not to a customer reading their own trail", async () => {
    for (const role of ['ADMIN', 'DPO'] as const) {
      const asStaff = await run('{ auditEvents(tenantId: "t1") { actorLabel } }', { principal: staff([role]) });
      expect(asStaff.errors).toBeUndefined();
      expect(asStaff.data).toEqual({ auditEvents: { actorLabel: 'admin@example.org' } });
    }

    const asCustomer = await run('{ myAuditEvents { actorLabel } }', { principal: customer() });
    expect(asCustomer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(asCustomer.errors?.[0]?.path).toEqual(['myAuditEvents', 'actorLabel']);
    expect(asCustomer.data).toEqual({ myAuditEvents: { actorLabel: null } });
  });

  it("passes a resolver's own refusal through unchanged once the caller is allowed", async () => {
    const missing = { ...everyFieldAnswers, invoice: () => Promise.reject(new NotFoundError()) };
    const result = await run('{ invoice(tenantId: "t1") }', { principal: customer() }, missing);
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});

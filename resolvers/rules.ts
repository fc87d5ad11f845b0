import { rule } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import {
  accountModeVerdict,
  anyCustomerSession,
  b2bCustomerAsSelf,
  customerOrPartnerWith,
  customerWithFullSession,
  featureVerdict,
  mayGrantDelegation,
  staffOfTenant,
} from '../domain/policy.js';
import type { StaffRole } from '../domain/principal.js';
import type { Feature } from '../domain/tenants/portal-settings.js';
import type { RequestContext } from './context.js';

/**
 * The shield rules of the ruleset (resolvers/permissions.ts): each wraps one predicate of the
 * policy module (domain/policy.ts), which the REST routes ask too, and answers true or the error
 * the client should see.
 */

/**
 * A verdict that depends on the request alone (not on the field's arguments) is worked out once
 * per request; one that reads the field's arguments, once per set of arguments.
 */
const perRequest = { cache: 'contextual' } as const;
const perArguments = { cache: 'strict' } as const;

/**
 * Shield refuses two rule objects with the same name, so each parameterised rule is made once
 * and shared by every field that uses it.
 */
const made = new Map<string, IRule>();
function once(name: string, make: (name: string) => IRule): IRule {
  let existing = made.get(name);
  if (!existing) {
    existing = make(name);
    made.set(name, existing);
  }
  return existing;
}

/** A customer with a full session (not one that may only finish MFA enrolment). */
export const isCustomer = rule(perRequest)((_parent, _args, { principal }: RequestContext) => customerWithFullSession(principal));

/** Any customer session, including one limited to MFA enrolment. */
export const isCustomerSession = rule(perRequest)((_parent, _args, { principal }: RequestContext) =>
  anyCustomerSession(principal),
);

/**
 * A customer, or a partner token carrying `scope` (read:invoices, write:requests, …). A customer
 * acting for a company needs the scope from the delegation, and each use (or refusal) of it is
 * audited on behalf of the company.
 */
export const isCustomerOrPartnerWith = (scope: string) =>
  once(`isCustomerOrPartnerWith:${scope}`, (name) =>
    rule(
      name,
      perRequest,
    )(async (_parent, _args, ctx: RequestContext, info: { fieldName: string }) => {
      const verdict = customerOrPartnerWith(ctx.principal, scope);
      if (ctx.principal.kind === 'customer' && ctx.principal.actingFor)
        await ctx.delegations.recordUse(scope, info.fieldName, verdict === true);
      return verdict;
    }),
  );

/** A B2B customer acting as themselves may grant access to the company (no re-delegation). */
export const mayGrantDelegations = rule(perRequest)((_parent, _args, { principal }: RequestContext) =>
  mayGrantDelegation(principal),
);

/** A B2B customer as themselves: their own company's colleagues. */
export const isB2bCustomerAsSelf = rule(perRequest)((_parent, _args, { principal }: RequestContext) =>
  b2bCustomerAsSelf(principal),
);

/** Staff of the tenant named in the field's `tenantId` argument, holding one of `roles`. */
export const isStaffOfTenant = (...roles: StaffRole[]) =>
  once(`isStaffOfTenant:${roles.join(',')}`, (name) =>
    rule(
      name,
      perArguments,
    )((_parent, args: { tenantId?: string }, { principal }: RequestContext) => staffOfTenant(principal, roles, args.tenantId)),
  );

/** Staff of the request's own tenant holding one of `roles`: for nested fields, which carry no `tenantId`. */
export const isStaffOfThisTenant = (...roles: StaffRole[]) =>
  once(`isStaffOfThisTenant:${roles.join(',')}`, (name) =>
    rule(name, perRequest)((_parent, _args, { principal, tenant }: RequestContext) => staffOfTenant(principal, roles, tenant.id)),
  );

/** The tenant has `feature` switched on; otherwise the field answers as if it did not exist. */
export const featureEnabled = (feature: Feature) =>
  once(`featureEnabled:${feature}`, (name) =>
    rule(name, perRequest)((_parent, _args, { tenant }: RequestContext) => featureVerdict(tenant, feature)),
  );

/** The caller's account type (B2B/B2C) is switched on for the tenant. */
export const accountModeEnabled = rule(perRequest)((_parent, _args, { principal, tenant }: RequestContext) =>
  accountModeVerdict(tenant, principal),
);

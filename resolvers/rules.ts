import { rule } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import { FeatureDisabledError, ForbiddenError, UnauthenticatedError } from '../core/errors.js';
import type { StaffRole } from '../domain/principal.js';
import type { Feature } from '../domain/tenants/portal-settings.js';
import type { RequestContext } from './context.js';

/**
 * Named predicates for the shield ruleset (resolvers/permissions.ts). Each answers true or the
 * error the client should see: UNAUTHENTICATED when nobody (valid) is signed in, FORBIDDEN when
 * someone is but may not, FEATURE_DISABLED when the tenant switched the feature off.
 */

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

/** Nobody signed in: UNAUTHENTICATED. Someone else signed in (staff, partner, …): FORBIDDEN. */
const refusal = (principal: RequestContext['principal']) =>
  principal.kind === 'anonymous' ? new UnauthenticatedError() : new ForbiddenError();

/** A customer with a full session (not one that may only finish MFA enrolment). */
export const isCustomer = rule({ cache: 'contextual' })((_parent, _args, { principal }: RequestContext) => {
  if (principal.kind !== 'customer') return refusal(principal);
  return principal.enrolmentOnly ? new ForbiddenError('Finish setting up two-step verification first.') : true;
});

/** Any customer session, including one limited to MFA enrolment. */
export const isCustomerSession = rule({ cache: 'contextual' })((_parent, _args, { principal }: RequestContext) =>
  principal.kind === 'customer' ? true : refusal(principal),
);

/** A customer, or a partner token carrying `scope` (read:invoices, write:requests, …). */
export const isCustomerOrPartnerWith = (scope: string) =>
  once(`isCustomerOrPartnerWith:${scope}`, (name) =>
    rule(name, { cache: 'contextual' })((_parent, _args, { principal }: RequestContext) => {
      if (principal.kind === 'customer') return principal.enrolmentOnly ? new ForbiddenError() : true;
      if (principal.kind === 'partner')
        return principal.scopes.includes(scope) ? true : new ForbiddenError(`This token lacks the ${scope} scope.`);
      return refusal(principal);
    }),
  );

/** Staff of the tenant named in the field's `tenantId` argument, holding one of `roles`. */
export const isStaffOfTenant = (...roles: StaffRole[]) =>
  once(`isStaffOfTenant:${roles.join(',')}`, (name) =>
    rule(name, { cache: 'strict' })((_parent, args: { tenantId?: string }, { principal }: RequestContext) => {
      if (principal.kind !== 'staff') return refusal(principal);
      if (args.tenantId !== undefined && args.tenantId !== principal.tenantId) return new ForbiddenError();
      return principal.roles.some((role) => roles.includes(role)) ? true : new ForbiddenError();
    }),
  );

/** The tenant has `feature` switched on; otherwise the field answers as if it did not exist. */
export const featureEnabled = (feature: Feature) =>
  once(`featureEnabled:${feature}`, (name) =>
    rule(name, { cache: 'contextual' })((_parent, _args, { tenant }: RequestContext) =>
      tenant.portal.enabledFeatures.includes(feature) ? true : new FeatureDisabledError(),
    ),
  );

/** The caller's account type (B2B/B2C) is switched on for the tenant. */
export const accountModeEnabled = rule({ cache: 'contextual' })((_parent, _args, { principal, tenant }: RequestContext) => {
  if (principal.kind === 'partner')
    return tenant.portal.b2bEnabled ? true : new ForbiddenError('B2B access is switched off for this portal.');
  if (principal.kind !== 'customer') return true;
  const enabled = principal.accountType === 'B2B' ? tenant.portal.b2bEnabled : tenant.portal.b2cEnabled;
  return enabled ? true : new ForbiddenError(`${principal.accountType} access is switched off for this portal.`);
});

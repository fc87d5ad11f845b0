import { FeatureDisabledError, ForbiddenError, PortalError, UnauthenticatedError } from '../core/errors.js';
import type { AccountType, CustomerPrincipal, Principal, StaffRole } from './principal.js';
import type { Feature } from './tenants/portal-settings.js';
import type { Tenant } from './tenants/tenant-directory.js';

/**
 * The one policy module for every transport (issue 11, item 3): small named predicates, denied by
 * default. The GraphQL shield rules (resolvers/rules.ts), the REST routes (audit export,
 * downloads) and the domain's own second checks (scoping, sign-in) all ask these, so "feature
 * off", "mode off", "lacks the scope" and "not ADMIN or DPO" mean one thing everywhere.
 *
 * A verdict is `true` or the error the client should see: UNAUTHENTICATED when nobody (valid) is
 * signed in, FORBIDDEN when someone is but may not, FEATURE_DISABLED when the tenant switched the
 * feature off (answered as if it did not exist).
 */
export type Verdict = true | PortalError;

type PortalOf = Pick<Tenant, 'portal'>;

/** Whether a tenant has a part of the portal switched on. */
export function isFeatureEnabled(tenant: PortalOf, feature: Feature): boolean {
  return tenant.portal.enabledFeatures.includes(feature);
}

/** Whether accounts of a type may use the tenant's portal (B2B and B2C mode). */
export function isAccountModeEnabled(tenant: PortalOf, accountType: AccountType): boolean {
  return accountType === 'B2B' ? tenant.portal.b2bEnabled : tenant.portal.b2cEnabled;
}

/** Whether a caller's scopes cover `scope`; null scopes are a customer session, which holds them all. */
export function holdsScope(scopes: Iterable<string> | null, scope: string): boolean {
  return scopes === null || [...scopes].includes(scope);
}

/** Nobody signed in: UNAUTHENTICATED. Someone else signed in (staff, partner, …): FORBIDDEN. */
export const refusalFor = (principal: Principal): PortalError =>
  principal.kind === 'anonymous' ? new UnauthenticatedError() : new ForbiddenError();

/** The customer, when the caller is one with a full session; otherwise the refusal. */
function fullSessionCustomer(principal: Principal): CustomerPrincipal | PortalError {
  if (principal.kind !== 'customer') return refusalFor(principal);
  return principal.enrolmentOnly ? new ForbiddenError('Finish setting up two-step verification first.') : principal;
}

/** A customer with a full session (not one that may only finish MFA enrolment). */
export function customerWithFullSession(principal: Principal): Verdict {
  const customer = fullSessionCustomer(principal);
  return customer instanceof PortalError ? customer : true;
}

/** Any customer session, including one limited to MFA enrolment. */
export function anyCustomerSession(principal: Principal): Verdict {
  return principal.kind === 'customer' ? true : refusalFor(principal);
}

/** A customer, or a partner token carrying `scope` (read:invoices, write:requests, …). */
export function customerOrPartnerWith(principal: Principal, scope: string): Verdict {
  if (principal.kind === 'customer')
    return principal.enrolmentOnly ? new ForbiddenError() : delegatedScopeVerdict(principal, scope);
  if (principal.kind === 'partner')
    return holdsScope(principal.scopes, scope) ? true : new ForbiddenError(`This token lacks the ${scope} scope.`);
  return refusalFor(principal);
}

/**
 * Staff of `tenantId` (when one is named) holding one of `roles`. A staff token is bound to its
 * own tenant, so another tenant's staff never passes.
 */
export function staffOfTenant(
  principal: Principal,
  roles: readonly StaffRole[],
  tenantId: string | undefined,
  refusal = 'You are not allowed to do this.',
): Verdict {
  if (principal.kind !== 'staff')
    return principal.kind === 'anonymous' ? new UnauthenticatedError() : new ForbiddenError(refusal);
  if (tenantId !== undefined && tenantId !== principal.tenantId) return new ForbiddenError(refusal);
  return principal.roles.some((role) => roles.includes(role)) ? true : new ForbiddenError(refusal);
}

/** The tenant has `feature` switched on; otherwise it answers as if it did not exist. */
export function featureVerdict(tenant: PortalOf, feature: Feature): Verdict {
  return isFeatureEnabled(tenant, feature) ? true : new FeatureDisabledError();
}

/** The caller's account type (B2B/B2C) is switched on for the tenant; staff and anonymous pass. */
export function accountModeVerdict(tenant: PortalOf, principal: Principal): Verdict {
  if (principal.kind === 'partner')
    return isAccountModeEnabled(tenant, 'B2B') ? true : new ForbiddenError('B2B access is switched off for this portal.');
  if (principal.kind !== 'customer') return true;
  // Acting for a company (a delegation) is B2B access, whatever the person's own account is.
  if (principal.actingFor)
    return isAccountModeEnabled(tenant, 'B2B') ? true : new ForbiddenError('B2B access is switched off for this portal.');
  return isAccountModeEnabled(tenant, principal.accountType)
    ? true
    : new ForbiddenError(`${principal.accountType} access is switched off for this portal.`);
}

/**
 * A customer's data access in its current context (issue 16). As themselves: everything their
 * account sees. Acting for a company: only the data scopes the delegation grants (the partner
 * token names, see domain/delegation/delegation.scopes.ts). A context that ended since the last
 * request is refused outright, never answered with the person's own records instead.
 */
export function delegatedScopeVerdict(principal: CustomerPrincipal, scope: string): Verdict {
  if (principal.actingLapsed)
    return new ForbiddenError('The company you were acting for no longer gives you access. You are back to your own account.');
  if (!principal.actingFor) return true;
  return holdsScope(principal.actingFor.scopes, scope)
    ? true
    : new ForbiddenError('The access this company gave you does not include this.');
}

/**
 * Who may grant delegated access: a B2B customer with a full session, acting as themselves. A
 * grantee acting for a company never passes it on (no re-delegation).
 */
export function mayGrantDelegation(principal: Principal): Verdict {
  const customer = fullSessionCustomer(principal);
  if (customer instanceof PortalError) return customer;
  if (customer.actingFor || customer.actingLapsed)
    return new ForbiddenError('Access given to you cannot be passed on. Switch back to your own account to grant access.');
  return customer.accountType === 'B2B' ? true : new ForbiddenError('Only business accounts can grant access.');
}

/** Colleagues and the company card: a B2B customer as themselves (the company is their own). */
export function b2bCustomerAsSelf(principal: Principal): Verdict {
  const customer = fullSessionCustomer(principal);
  if (customer instanceof PortalError) return customer;
  return customer.accountType === 'B2B' ? true : new ForbiddenError('This is for business accounts.');
}

import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import {
  accountModeVerdict,
  anyCustomerSession,
  b2bCustomerAsSelf,
  customerOrPartnerWith,
  customerWithFullSession,
  delegatedScopeVerdict,
  featureVerdict,
  holdsScope,
  mayGrantDelegation,
  staffOfTenant,
  type Verdict,
} from './policy.js';
import { anonymous, type CustomerPrincipal } from './principal.js';
import { customerPrincipal as customer, partnerPrincipal as partner, staffPrincipal as staff } from './principal.test-support.js';
import type { Feature } from './tenants/portal-settings.js';

const portal = (enabledFeatures: Feature[], b2bEnabled = true, b2cEnabled = true) => ({
  portal: { enabledFeatures, b2bEnabled, b2cEnabled } as never,
});
const code = (verdict: Verdict) => (verdict === true ? true : verdict.code);
const message = (verdict: Verdict) => (verdict === true ? null : verdict.message);
/** A B2C person acting for a company under a delegation granting `scopes`. */
const actingFor = (scopes: string[], extra: Partial<CustomerPrincipal> = {}) =>
  customer({ actingFor: { delegationId: 'd1', grantorAccountId: 'g1', clientId: 'c9', scopes }, ...extra });

/** The predicates every transport asks (shield rules, REST routes, the domain's second checks). */
describe('the policy module', () => {
  it('tells nobody (UNAUTHENTICATED) from somebody who may not (FORBIDDEN)', () => {
    expect(code(customerWithFullSession(anonymous))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(code(customerWithFullSession(staff(['ADMIN'])))).toBe(ErrorCode.FORBIDDEN);
    expect(code(customerWithFullSession(customer()))).toBe(true);
  });

  it('lets an enrolment-only session finish MFA and nothing else', () => {
    const enrolling = customer({ enrolmentOnly: true });
    expect(code(anyCustomerSession(enrolling))).toBe(true);
    expect(code(customerWithFullSession(enrolling))).toBe(ErrorCode.FORBIDDEN);
    expect(code(customerOrPartnerWith(enrolling, 'read:invoices'))).toBe(ErrorCode.FORBIDDEN);
  });

  it('lets a partner token through only with the scope it carries', () => {
    expect(code(customerOrPartnerWith(partner(['read:invoices']), 'read:invoices'))).toBe(true);
    const lacking = customerOrPartnerWith(partner(['read:invoices']), 'read:orders');
    expect(code(lacking)).toBe(ErrorCode.FORBIDDEN);
    expect(lacking !== true && lacking.message).toContain('read:orders');
    expect(holdsScope(null, 'read:orders')).toBe(true);
    expect(holdsScope(new Set(['read:documents']), 'read:orders')).toBe(false);
  });

  it('admits staff of the named tenant with one of the roles, and no one else', () => {
    expect(code(staffOfTenant(staff(['DPO']), ['ADMIN', 'DPO'], 't1'))).toBe(true);
    expect(code(staffOfTenant(staff(['DPO']), ['ADMIN'], 't1'))).toBe(ErrorCode.FORBIDDEN);
    expect(code(staffOfTenant(staff(['ADMIN'], 't2'), ['ADMIN'], 't1'))).toBe(ErrorCode.FORBIDDEN);
    expect(code(staffOfTenant(anonymous, ['ADMIN'], 't1'))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(message(staffOfTenant(customer(), ['ADMIN'], 't1'))).toBe('You are not allowed to do this.');
    const refused = staffOfTenant(customer(), ['ADMIN', 'DPO'], 't1', 'Only admins and DPOs.');
    expect(refused !== true && [refused.code, refused.message]).toEqual([ErrorCode.FORBIDDEN, 'Only admins and DPOs.']);
  });

  it('answers a switched-off feature as if it did not exist, and a switched-off mode as FORBIDDEN', () => {
    expect(code(featureVerdict(portal(['INVOICES']), 'INVOICES'))).toBe(true);
    expect(code(featureVerdict(portal(['INVOICES']), 'ORDERS'))).toBe(ErrorCode.FEATURE_DISABLED);
    expect(code(accountModeVerdict(portal([], true, false), customer()))).toBe(ErrorCode.FORBIDDEN);
    expect(code(accountModeVerdict(portal([], false, true), customer()))).toBe(true);
    expect(code(accountModeVerdict(portal([], false, true), partner(['read:invoices'])))).toBe(ErrorCode.FORBIDDEN);
    expect(code(accountModeVerdict(portal([], false, false), staff(['ADMIN'])))).toBe(true);
  });

  it('tells an enrolment-only session what to do, and names the mode that is switched off', () => {
    expect(message(customerWithFullSession(customer({ enrolmentOnly: true })))).toMatch(/two-step verification/);
    expect(message(anyCustomerSession(staff(['ADMIN'])))).toBe(message(customerWithFullSession(staff(['ADMIN']))));
    expect(code(anyCustomerSession(anonymous))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(message(accountModeVerdict(portal([], true, false), customer()))).toMatch(/^B2C access/);
    expect(message(accountModeVerdict(portal([], false, true), customer({ accountType: 'B2B' })))).toMatch(/^B2B access/);
    expect(message(accountModeVerdict(portal([], false, true), partner(['read:invoices'])))).toMatch(/^B2B access/);
    expect(code(accountModeVerdict(portal([], true, false), partner(['read:invoices'])))).toBe(true);
    expect(code(accountModeVerdict(portal([], false, false), anonymous))).toBe(true);
    // A refused partner's and a refused staff member's messages say why.
    expect(message(staffOfTenant(staff(['DPO']), ['ADMIN'], 't1', 'Admins only.'))).toBe('Admins only.');
    expect(message(staffOfTenant(staff(['ADMIN'], 't2'), ['ADMIN'], 't1', 'Admins only.'))).toBe('Admins only.');
    expect(code(staffOfTenant(staff(['ADMIN'], 't2'), ['ADMIN'], undefined))).toBe(true);
    // Every role of the caller need not be allowed: one is enough.
    expect(code(staffOfTenant(staff(['ADMIN', 'DPO']), ['DPO'], 't1'))).toBe(true);
  });

  it('counts acting for a company as B2B access, whatever the person’s own account type', () => {
    expect(code(accountModeVerdict(portal([], false, true), actingFor(['read:invoices'])))).toBe(ErrorCode.FORBIDDEN);
    expect(message(accountModeVerdict(portal([], false, true), actingFor(['read:invoices'])))).toMatch(/^B2B access/);
    expect(code(accountModeVerdict(portal([], true, false), actingFor(['read:invoices'])))).toBe(true);
  });

  it('limits a person acting for a company to the delegated scopes, and refuses a lapsed context outright', () => {
    expect(code(delegatedScopeVerdict(customer(), 'read:orders'))).toBe(true);
    expect(code(delegatedScopeVerdict(actingFor(['read:invoices']), 'read:invoices'))).toBe(true);
    const outside = delegatedScopeVerdict(actingFor(['read:invoices']), 'read:orders');
    expect(code(outside)).toBe(ErrorCode.FORBIDDEN);
    expect(message(outside)).toMatch(/does not include this/);
    const lapsed = delegatedScopeVerdict(customer({ actingLapsed: true }), 'read:orders');
    expect(code(lapsed)).toBe(ErrorCode.FORBIDDEN);
    expect(message(lapsed)).toMatch(/no longer gives you access/);
    // The same through the transport-facing predicate.
    expect(code(customerOrPartnerWith(actingFor(['read:contracts']), 'read:contracts'))).toBe(true);
    expect(code(customerOrPartnerWith(actingFor(['read:contracts']), 'write:requests'))).toBe(ErrorCode.FORBIDDEN);
    expect(code(customerOrPartnerWith(staff(['ADMIN']), 'read:contracts'))).toBe(ErrorCode.FORBIDDEN);
    expect(code(customerOrPartnerWith(anonymous, 'read:contracts'))).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it('lets only a B2B customer acting as themselves grant access or see the company card', () => {
    const business = customer({ accountType: 'B2B' });
    expect(code(mayGrantDelegation(business))).toBe(true);
    expect(code(b2bCustomerAsSelf(business))).toBe(true);
    expect(message(mayGrantDelegation(customer()))).toMatch(/Only business accounts/);
    expect(message(b2bCustomerAsSelf(customer()))).toMatch(/business accounts/);
    // No re-delegation: neither while acting for a company nor with a lapsed context.
    for (const acting of [
      actingFor(['read:invoices'], { accountType: 'B2B' }),
      customer({ accountType: 'B2B', actingLapsed: true }),
    ]) {
      expect(code(mayGrantDelegation(acting))).toBe(ErrorCode.FORBIDDEN);
      expect(message(mayGrantDelegation(acting))).toMatch(/cannot be passed on/);
    }
    for (const predicate of [mayGrantDelegation, b2bCustomerAsSelf]) {
      expect(code(predicate(anonymous))).toBe(ErrorCode.UNAUTHENTICATED);
      expect(code(predicate(staff(['ADMIN'])))).toBe(ErrorCode.FORBIDDEN);
      expect(code(predicate(partner(['read:invoices'])))).toBe(ErrorCode.FORBIDDEN);
      expect(message(predicate(customer({ accountType: 'B2B', enrolmentOnly: true })))).toMatch(/two-step verification/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import {
  accountModeVerdict,
  anyCustomerSession,
  customerOrPartnerWith,
  customerWithFullSession,
  featureVerdict,
  holdsScope,
  staffOfTenant,
  type Verdict,
} from './policy.js';
import { anonymous, type CustomerPrincipal, type PartnerPrincipal, type StaffPrincipal } from './principal.js';
import type { Feature } from './tenants/portal-settings.js';

const customer = (extra: Partial<CustomerPrincipal> = {}): CustomerPrincipal => ({
  kind: 'customer',
  tenantId: 't1',
  accountId: 'a1',
  accountType: 'B2C',
  sessionId: 's1',
  enrolmentOnly: false,
  clientId: 'c1',
  contactId: null,
  ...extra,
});
const partner = (scopes: string[]): PartnerPrincipal => ({
  kind: 'partner',
  tenantId: 't1',
  accountId: 'a2',
  tokenId: 'tok',
  scopes,
  clientId: 'c2',
  contactId: 'p2',
});
const staff = (roles: StaffPrincipal['roles'], tenantId = 't1'): StaffPrincipal => ({
  kind: 'staff',
  tenantId,
  loginName: 'admin',
  roles,
  sessionId: 'ss',
});
const portal = (enabledFeatures: Feature[], b2bEnabled = true, b2cEnabled = true) => ({
  portal: { enabledFeatures, b2bEnabled, b2cEnabled } as never,
});
const code = (verdict: Verdict) => (verdict === true ? true : verdict.code);

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
});

import type { CustomerPrincipal, PartnerPrincipal, StaffPrincipal } from './principal.js';

/**
 * Principals for tests of who may do what, all of tenant t1: a B2C customer with a full session,
 * a partner token of another account, and staff. Each test overrides only what it is about.
 */
export const customerPrincipal = (extra: Partial<CustomerPrincipal> = {}): CustomerPrincipal => ({
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

export const partnerPrincipal = (scopes: string[], extra: Partial<PartnerPrincipal> = {}): PartnerPrincipal => ({
  kind: 'partner',
  tenantId: 't1',
  accountId: 'a2',
  tokenId: 'tok1',
  scopes,
  clientId: 'c2',
  contactId: null,
  ...extra,
});

export const staffPrincipal = (roles: StaffPrincipal['roles'] = ['ADMIN'], tenantId = 't1'): StaffPrincipal => ({
  kind: 'staff',
  tenantId,
  loginName: 'admin',
  roles,
  sessionId: 'ss1',
});

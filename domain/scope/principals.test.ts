import { describe, expect, it } from 'vitest';
import { anonymous, type CustomerPrincipal, type StaffPrincipal } from '../principal.js';
import { customerOf, staffOf } from './principals.js';

const customer: CustomerPrincipal = {
  kind: 'customer',
  tenantId: 't1',
  accountId: 'acc-1',
  accountType: 'B2C',
  sessionId: 's-1',
  enrolmentOnly: false,
  clientId: 'client-1',
  contactId: null,
};
const staff: StaffPrincipal = { kind: 'staff', tenantId: 't1', loginName: 'beheerder', roles: ['ADMIN'], sessionId: 's-2' };

/** A façade reached with the wrong principal stops rather than acting for someone else. */
describe('principal narrowing', () => {
  it('passes the right kind through and refuses every other kind', () => {
    expect(customerOf(customer, 'x')).toBe(customer);
    expect(staffOf(staff, 'x')).toBe(staff);
    expect(() => customerOf(staff, 'changePassword')).toThrow('changePassword reached without a customer principal');
    expect(() => customerOf(anonymous, 'changePassword')).toThrow('changePassword reached without a customer principal');
    expect(() => staffOf(customer, 'tenantConfig')).toThrow('tenantConfig reached without a staff principal');
    expect(() => staffOf(anonymous, 'tenantConfig')).toThrow('tenantConfig reached without a staff principal');
  });
});

import { describe, expect, it } from 'vitest';
import { anonymous } from '../principal.js';
import { customerPrincipal, staffPrincipal } from '../principal.test-support.js';
import { customerOf, staffOf } from './principals.js';

const customer = customerPrincipal();
const staff = staffPrincipal();

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

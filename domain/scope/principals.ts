import type { CustomerPrincipal, Principal, StaffPrincipal } from '../principal.js';

/**
 * The shield rules decide who reaches a field; these only narrow the type for the façade behind
 * it. Reaching one with the wrong principal is a bug in the ruleset, so it is a plain (masked) error.
 */
export function customerOf(principal: Principal, what: string): CustomerPrincipal {
  if (principal.kind !== 'customer') throw new Error(`${what} reached without a customer principal`);
  return principal;
}

export function staffOf(principal: Principal, what: string): StaffPrincipal {
  if (principal.kind !== 'staff') throw new Error(`${what} reached without a staff principal`);
  return principal;
}

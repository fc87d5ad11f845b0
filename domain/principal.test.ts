import { describe, expect, it } from 'vitest';
import { accountIdOf, actorOf, anonymous } from './principal.js';
import { customerPrincipal, partnerPrincipal, staffPrincipal } from './principal.test-support.js';

const customer = customerPrincipal();
const partner = partnerPrincipal([]);
const staff = staffPrincipal();

/** How the audit trail names who acted, and whose account an action belongs to. */
describe('principals', () => {
  it('are named in the audit trail by account, token or staff login; anonymous by nothing', () => {
    expect(actorOf(customer)).toBe('account:a1');
    expect(actorOf(partner)).toBe('token:tok1');
    expect(actorOf(staff)).toBe('staff:admin');
    expect(actorOf(anonymous)).toBeNull();
    expect(anonymous).toEqual({ kind: 'anonymous' });
  });

  it('belong to an account only as a customer or a partner token', () => {
    expect(accountIdOf(customer)).toBe('a1');
    expect(accountIdOf(partner)).toBe('a2');
    expect(accountIdOf(staff)).toBeNull();
    expect(accountIdOf(anonymous)).toBeNull();
  });
});

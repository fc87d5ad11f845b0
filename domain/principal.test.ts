import { describe, expect, it } from 'vitest';
import {
  accountIdOf,
  actorOf,
  anonymous,
  type CustomerPrincipal,
  type PartnerPrincipal,
  type StaffPrincipal,
} from './principal.js';

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
const partner: PartnerPrincipal = {
  kind: 'partner',
  tenantId: 't1',
  accountId: 'acc-2',
  tokenId: 'tok-1',
  scopes: [],
  clientId: 'client-2',
  contactId: null,
};
const staff: StaffPrincipal = { kind: 'staff', tenantId: 't1', loginName: 'beheerder', roles: ['ADMIN'], sessionId: 's-2' };

/** How the audit trail names who acted, and whose account an action belongs to. */
describe('principals', () => {
  it('are named in the audit trail by account, token or staff login; anonymous by nothing', () => {
    expect(actorOf(customer)).toBe('account:acc-1');
    expect(actorOf(partner)).toBe('token:tok-1');
    expect(actorOf(staff)).toBe('staff:beheerder');
    expect(actorOf(anonymous)).toBeNull();
    expect(anonymous).toEqual({ kind: 'anonymous' });
  });

  it('belong to an account only as a customer or a partner token', () => {
    expect(accountIdOf(customer)).toBe('acc-1');
    expect(accountIdOf(partner)).toBe('acc-2');
    expect(accountIdOf(staff)).toBeNull();
    expect(accountIdOf(anonymous)).toBeNull();
  });
});

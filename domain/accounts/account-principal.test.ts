import { describe, expect, it } from 'vitest';
import { customerPrincipalOf } from './account-principal.js';
import { emptyMfa, type Account } from './account.types.js';

const account: Account = {
  id: 'acc-1',
  tenantId: 'demo',
  email: 'inkoop@example.test',
  type: 'B2B',
  status: 'ACTIVE',
  clientId: 'client-1',
  contactId: 'contact-1',
  locale: 'nl',
  passwordHash: 'hash',
  passwordChangedAt: null,
  mfa: emptyMfa(),
  failuresResetAt: null,
  invitedBy: 'admin',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  activatedAt: null,
  lastSignInAt: null,
};

describe('the principal an account acts as', () => {
  it('is a customer with the account data scope and the caller session, with full access unless enrolling', () => {
    expect(customerPrincipalOf(account, 'session-1')).toEqual({
      kind: 'customer',
      tenantId: 'demo',
      accountId: 'acc-1',
      accountType: 'B2B',
      clientId: 'client-1',
      contactId: 'contact-1',
      sessionId: 'session-1',
      enrolmentOnly: false,
    });
    expect(customerPrincipalOf(account, 'session-2', true)).toMatchObject({ sessionId: 'session-2', enrolmentOnly: true });
  });
});

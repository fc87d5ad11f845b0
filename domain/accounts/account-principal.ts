import type { CustomerPrincipal } from '../principal.js';
import type { Account } from './account.types.js';

/** The principal an account acts as: its data scope comes from the account, the session from the caller. */
export function customerPrincipalOf(account: Account, sessionId: string, enrolmentOnly = false): CustomerPrincipal {
  return {
    kind: 'customer',
    tenantId: account.tenantId,
    accountId: account.id,
    accountType: account.type,
    clientId: account.clientId,
    contactId: account.contactId,
    sessionId,
    enrolmentOnly,
  };
}

import type { Account } from '../accounts/account.types.js';

/**
 * What the GDPR work needs to know about an account's state. A pseudonymised account is marked
 * by its address alone (`pseudonymised-<id>@invalid`, a reserved TLD that can never receive
 * mail), so the check needs no extra field on the account model and survives a partial run.
 */

export function pseudonymisedEmail(accountId: string): string {
  return `pseudonymised-${accountId.toLowerCase()}@invalid`;
}

export function isPseudonymised(account: Pick<Account, 'id' | 'email'>): boolean {
  return account.email === pseudonymisedEmail(account.id);
}

/**
 * Whether an account may get and download its own data export: only while ACTIVE. Closure
 * revokes the mailed links (the archive is the person's complete data, and a link in an old
 * mailbox must not outlive the account; the person can still ask the tenant directly), and a
 * BLOCKED account may not either: an admin blocks an account they believe is misused.
 */
export function canUseExport(account: Account): boolean {
  return account.status === 'ACTIVE' && !isPseudonymised(account);
}

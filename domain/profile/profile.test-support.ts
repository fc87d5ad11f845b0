import type { AccountTestKit } from '../accounts/account.test-support.js';
import type { ProfileServiceOptions } from './profile-services.js';

/** What every profile service test takes from the account kit; each adds its own Nextcloud, mailer and logger. */
export function profileDependencies(kit: AccountTestKit): Omit<ProfileServiceOptions, 'nextcloud' | 'mailer' | 'logger'> {
  return {
    connection: kit.connection,
    accounts: kit.services.accounts.repository,
    tokens: kit.services.accountTokens,
    rateLimiter: kit.services.rateLimiter,
    identity: kit.services.identity,
    audit: kit.audit,
    now: kit.clock.now,
  };
}

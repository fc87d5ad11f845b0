import type { Logger } from '../../core/logger.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { AccountRepository } from './account.repository.js';
import { normaliseEmail } from './account.types.js';
import { personNameOf } from './linked-records.js';
import { isPseudonymName } from './pseudonyms.js';

/** The name a mail to `address` greets, or null for the neutral greeting. */
export type RecipientNameLookup = (tenant: Tenant, address: string) => Promise<string | null>;

/**
 * Looks the name up where it lives: the portal keeps no names, so it is the contact's (else the
 * person client's) name in the tenant's Nextcloud, for the account that has this address. Null —
 * and "Beste klant," — when no account has it (a new address being confirmed, a closed account),
 * the record is pseudonymised, or Nextcloud does not answer: a greeting is never worth a lost mail.
 */
export function recipientNameLookup(deps: {
  accounts: Pick<AccountRepository, 'findByEmail'>;
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  logger?: Logger;
}): RecipientNameLookup {
  return async (tenant, address) => {
    try {
      const account = await deps.accounts.findByEmail(tenant.id, normaliseEmail(address));
      if (!account) return null;
      const name = await personNameOf(deps.nextcloud.for(tenant.id), account);
      return name && !isPseudonymName(name) ? name : null;
    } catch (error) {
      deps.logger?.warn({ err: error, tenantId: tenant.id }, 'mail greeting: name lookup failed, greeting neutrally');
      return null;
    }
  };
}

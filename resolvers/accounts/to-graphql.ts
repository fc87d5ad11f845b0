import type { Account } from '../../domain/accounts/account.types.js';
import type { ApiTokenView } from '../../domain/api-tokens/api-token.service.js';
import { AccountStatus, AccountType, Locale } from '../../schema/accounts/account.enums.js';
import type { ApiToken } from '../../schema/accounts/api-token.types.js';
import type { PortalAccount } from '../../schema/accounts/portal-account.type.js';

/** The account as GraphQL shows it: no hashes, secrets or MFA internals. */
export function toPortalAccount(account: Account, contactName?: string | null): PortalAccount {
  return {
    id: account.id,
    email: account.email,
    type: AccountType[account.type],
    status: AccountStatus[account.status],
    locale: account.locale === 'en' ? Locale.EN : Locale.NL,
    mfaEnabled: account.mfa.enabled,
    createdAt: account.createdAt,
    activatedAt: account.activatedAt,
    lastSignInAt: account.lastSignInAt,
    ...(contactName !== undefined ? { contactName } : {}),
    tenantId: account.tenantId,
    clientId: account.clientId,
    contactId: account.contactId,
  };
}

export function toApiToken(token: ApiTokenView): ApiToken {
  return {
    id: token.id,
    name: token.name,
    scopes: [...token.scopes],
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
  };
}

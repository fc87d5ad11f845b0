import type { Account } from '../../domain/accounts/account.types.js';
import type { ApiTokenScope as StoredScope } from '../../domain/api-tokens/api-token.scopes.js';
import type { ApiTokenView } from '../../domain/api-tokens/api-token.service.js';
import { AccountStatus, AccountType, Locale } from '../../schema/accounts/account.enums.js';
import { ApiTokenScope } from '../../schema/accounts/api-token.enums.js';
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

/**
 * The enum member of each stored scope. The mapped type makes each entry the one member whose
 * value is that scope, so a scope the domain gains without a GraphQL value (or a mix-up) fails
 * the type check instead of failing the `scopes` field at run time.
 */
const GRAPHQL_SCOPE: { [S in StoredScope]: Extract<ApiTokenScope, S> } = {
  'read:invoices': ApiTokenScope.READ_INVOICES,
  'read:contracts': ApiTokenScope.READ_CONTRACTS,
  'read:orders': ApiTokenScope.READ_ORDERS,
  'read:requests': ApiTokenScope.READ_REQUESTS,
  'read:documents': ApiTokenScope.READ_DOCUMENTS,
  'write:requests': ApiTokenScope.WRITE_REQUESTS,
};

const toGraphqlScope = (scope: StoredScope): ApiTokenScope => GRAPHQL_SCOPE[scope];

/**
 * An enum member's value is the stored scope itself, so no lookup is needed going in; the return
 * type makes the compiler prove that every member of the GraphQL enum is a scope the domain knows.
 */
export const toStoredScopes = (scopes: readonly ApiTokenScope[]): readonly StoredScope[] => scopes;

export function toApiToken(token: ApiTokenView): ApiToken {
  return {
    id: token.id,
    name: token.name,
    scopes: token.scopes.map(toGraphqlScope),
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
  };
}

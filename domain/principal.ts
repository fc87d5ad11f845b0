/**
 * Who is calling. Built once per request at the edge (gateway/context) and passed explicitly into
 * every domain call; nothing reads it from module state.
 */
export type StaffRole = 'ADMIN' | 'DPO';
export type AccountType = 'B2B' | 'B2C';

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

/**
 * Whose data a customer or partner may see: the Pipelinq `client` the account belongs to (a
 * person for B2C, an organisation for B2B) and the person's own `contact`. Carried in the
 * principal so the data layer scopes every upstream query without another account lookup.
 */
export interface DataScope {
  clientId: string;
  contactId: string | null;
}

export interface CustomerPrincipal extends DataScope {
  kind: 'customer';
  tenantId: string;
  accountId: string;
  accountType: AccountType;
  sessionId: string;
  /** A session that may only finish MFA enrolment (tenant enforces MFA, account has none yet). */
  enrolmentOnly: boolean;
  /**
   * The company this session acts for through a delegation (domain/delegation), or absent/null
   * for "myself". While set, the data layer sees the company's records within the granted scopes.
   */
  actingFor?: ActingFor | null;
  /**
   * The session had chosen a company whose delegation ended (revoked, expired, grantor blocked or
   * closed). This request is refused (FORBIDDEN) rather than silently showing the person's own
   * records; the session is already back on "myself" for the next one.
   */
  actingLapsed?: boolean;
}

/** A live delegation a customer session acts under (see CustomerPrincipal.actingFor). */
export interface ActingFor {
  delegationId: string;
  grantorAccountId: string;
  /** The grantor's company: the Pipelinq `client` whose records the grantee sees. */
  clientId: string;
  /** The delegated scopes as data scopes (the partner-token names: read:invoices, write:requests, …). */
  scopes: readonly string[];
}

/** A partner system acting for a B2B account, limited to the token's scopes. */
export interface PartnerPrincipal extends DataScope {
  kind: 'partner';
  tenantId: string;
  accountId: string;
  tokenId: string;
  scopes: readonly string[];
}

export interface StaffPrincipal {
  kind: 'staff';
  tenantId: string;
  loginName: string;
  roles: readonly StaffRole[];
  sessionId: string;
}

export type Principal = AnonymousPrincipal | CustomerPrincipal | PartnerPrincipal | StaffPrincipal;

export const anonymous: AnonymousPrincipal = { kind: 'anonymous' };

/** How a principal is named in the audit trail's `actor` field. */
export function actorOf(principal: Principal): string | null {
  switch (principal.kind) {
    case 'customer':
      return `account:${principal.accountId}`;
    case 'partner':
      return `token:${principal.tokenId}`;
    case 'staff':
      return `staff:${principal.loginName}`;
    default:
      return null;
  }
}

export function accountIdOf(principal: Principal): string | null {
  return principal.kind === 'customer' || principal.kind === 'partner' ? principal.accountId : null;
}

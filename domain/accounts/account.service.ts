import { BadUserInputError, NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { audited, type AuditEventType, type AuditWriter } from '../audit/index.js';
import type { RequestMeta } from '../request-meta.js';
import type { Principal } from '../principal.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { AccountRepository } from './account.repository.js';
import { closureMinimisation } from './account-minimisation.js';
import type { AccountTokens } from './account-tokens.js';
import type { ApiTokenRevocation, SessionRevocation } from './credential-revocation.js';
import type { Account, AccountStatus } from './account.types.js';
import { personNameOf } from './linked-records.js';

/** Which status changes make sense; CLOSED is final (pseudonymisation follows). */
const ALLOWED: Record<AccountStatus, readonly AccountStatus[]> = {
  INVITED: ['BLOCKED', 'CLOSED'],
  ACTIVE: ['BLOCKED', 'CLOSED'],
  BLOCKED: ['ACTIVE', 'CLOSED'],
  CLOSED: [],
};

export interface AccountServiceDeps {
  accounts: AccountRepository;
  sessions: SessionRevocation;
  apiTokens: ApiTokenRevocation;
  /** Single-use links (reset, email change, activation, closure): closure deletes them all. */
  linkTokens: Pick<AccountTokens, 'revokeEverything'>;
  /** The key for the address fingerprint a closed account keeps (emailFingerprintKey). */
  emailKey: Buffer;
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  audit: AuditWriter;
  logger?: Logger;
}

/** Reading accounts and changing their status; blocking or closing ends every credential. */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  get repository(): AccountRepository {
    return this.deps.accounts;
  }

  async get(tenant: Tenant, accountId: string): Promise<Account | null> {
    const account = await this.deps.accounts.findById(accountId);
    return account && account.tenantId === tenant.id ? account : null;
  }

  /**
   * Moves the account to `status`, audited (default event `account.status-changed`; the closure
   * flow passes `account.closed`). BLOCKED and CLOSED revoke all sessions and API tokens in the
   * same audited action; an INVITED account cannot be re-activated by hand (it has no password).
   * CLOSED also minimises the account in that same update: password hash, MFA secret, recovery
   * codes and the plain address go, every open link is deleted and the address is free for a new
   * account; a keyed hash of the address and the client/contact links stay for the retention.
   */
  async setStatus(
    tenant: Tenant,
    accountId: string,
    status: AccountStatus,
    by: { principal: Principal; meta: RequestMeta; auditType?: AuditEventType },
  ): Promise<Account> {
    const account = await this.get(tenant, accountId);
    if (!account) throw new NotFoundError('The account');
    if (account.status === status) return account;
    if (!ALLOWED[account.status].includes(status) || (status === 'ACTIVE' && !account.passwordHash)) {
      throw new BadUserInputError(`An account that is ${account.status} cannot become ${status}.`, [
        {
          field: 'status',
          code: 'STATUS_CHANGE_NOT_ALLOWED',
          message: 'Not allowed from the current status.',
          params: { from: account.status, to: status },
        },
      ]);
    }
    await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: by.auditType ?? 'account.status-changed',
        principal: by.principal,
        accountId: account.id,
        target: { type: 'account', id: account.id },
        details: { from: account.status, to: status },
        client: by.meta,
      },
      async () => {
        const set = status === 'CLOSED' ? { status, ...closureMinimisation(this.deps.emailKey, account) } : { status };
        const changed = await this.deps.accounts.updateIfStatus(account.id, account.status, set);
        if (!changed) throw new BadUserInputError('The account changed meanwhile; reload and try again.');
        if (status === 'CLOSED') {
          await this.deps.accounts.releaseEmail(account);
          await this.deps.linkTokens.revokeEverything(account.id);
        }
        if (status === 'BLOCKED' || status === 'CLOSED') {
          const reason = status === 'BLOCKED' ? 'blocked' : 'closed';
          await this.deps.sessions.revokeAllForAccount(account.id, reason);
          await this.deps.apiTokens.revokeAllForAccount(account.id);
        }
      },
      { logger: this.deps.logger },
    );
    return status === 'CLOSED'
      ? { ...account, status, ...closureMinimisation(this.deps.emailKey, account) }
      : { ...account, status };
  }

  /** The person's name from Nextcloud for display; null when unknown or unreachable. */
  async contactNameOf(tenant: Tenant, account: Pick<Account, 'type' | 'clientId' | 'contactId'>): Promise<string | null> {
    try {
      return await personNameOf(this.deps.nextcloud.for(tenant.id), account);
    } catch (error) {
      this.deps.logger?.warn({ err: error, tenantId: tenant.id }, 'contact name lookup failed');
      return null;
    }
  }
}

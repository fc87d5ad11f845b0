import type { Logger } from '../../core/logger.js';
import { BadUserInputError } from '../../core/errors.js';
import type { AccountMail } from '../accounts/account-mail.js';
import { InvalidLinkError, type AccountTokens } from '../accounts/account-tokens.js';
import type { AccountService } from '../accounts/account.service.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { RequestMeta } from '../request-meta.js';
import { customerPrincipalOf } from '../accounts/account-principal.js';
import type { CustomerPrincipal } from '../principal.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { ExportService } from './export.service.js';

/** How long the confirmation link works. */
export const CLOSURE_TTL_MS = 24 * 60 * 60 * 1000;
/** Confirmation mails per account: enough for a lost mail, too few to flood a mailbox. */
export const CLOSURE_MAIL_LIMIT: RateLimitRule = { limit: 3, windowMs: 60 * 60 * 1000 };

export interface ClosureServiceDeps {
  accounts: AccountService;
  tokens: AccountTokens;
  rateLimiter: Pick<RateLimiter, 'enforce'>;
  audit: AuditWriter;
  mail: AccountMail;
  exports: Pick<ExportService, 'revokeAtClosure'>;
  /** Deletes what the portal store keeps for the account besides credentials (a pending new address). */
  forgetLeftovers: (accountId: string) => Promise<void>;
  logger?: Logger;
}

/**
 * Closing an account (GDPR Art. 17), in two steps so a stolen session alone cannot do it: the
 * signed-in customer asks, and the mailed single-use link (24 h) confirms. Confirming closes the
 * account (AccountService.setStatus, audited `account.closed`: sessions, API tokens, links and
 * credentials go) and revokes the mailed export links. The person's records in Nextcloud stay: the retention cleanup pseudonymises
 * them once the law no longer requires them.
 */
export class ClosureService {
  constructor(private readonly deps: ClosureServiceDeps) {}

  async request(tenant: Tenant, principal: CustomerPrincipal, meta: RequestMeta & { publicUrl: string }): Promise<true> {
    const account = await this.deps.accounts.get(tenant, principal.accountId);
    if (!account || account.status !== 'ACTIVE') throw new BadUserInputError('This account cannot be closed.');
    await this.deps.rateLimiter.enforce(
      `closure:account:${account.id}`,
      CLOSURE_MAIL_LIMIT,
      'A confirmation mail was sent already. Check your inbox, or try again later.',
    );
    await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: 'account.closure-requested',
        principal,
        target: { type: 'account', id: account.id },
        client: meta,
      },
      async () => {
        // Only the newest link works, so an older mail lying around cannot close the account.
        await this.deps.tokens.revokeAll(account.id, 'account-closure');
        const { token } = await this.deps.tokens.issue('account-closure', account, CLOSURE_TTL_MS);
        await this.deps.mail.send(tenant, account.email, account.locale, 'account-closure-confirmation', {
          confirmUrl: `${meta.publicUrl}/portal/confirm-closure?token=${encodeURIComponent(token)}`,
          validForMinutes: CLOSURE_TTL_MS / 60_000,
        });
      },
      { logger: this.deps.logger },
    );
    return true;
  }

  /** Public: the token is the credential (the link may be opened in a browser without a session). */
  async confirm(tenant: Tenant, token: string, meta: RequestMeta): Promise<true> {
    const link = await this.deps.tokens.peek('account-closure', tenant.id, token);
    const account = await this.deps.accounts.get(tenant, link.accountId);
    if (!account || account.status !== 'ACTIVE') throw new InvalidLinkError();
    await this.deps.tokens.consume(link);
    // The audit trail names the account as the actor: holding its mailed link is acting as it.
    const principal = customerPrincipalOf(account, 'closure-link');
    await this.deps.accounts.setStatus(tenant, account.id, 'CLOSED', { principal, meta, auditType: 'account.closed' });
    // A mailed export link would hand the whole archive to whoever reads that old mail.
    await this.deps.exports.revokeAtClosure(tenant.id, account.id);
    await this.deps.forgetLeftovers(account.id);
    // The address read before closing is the last use of it: the account no longer holds it.
    await this.deps.mail.notify(tenant, account.email, account.locale, 'account-closed', {});
    return true;
  }
}

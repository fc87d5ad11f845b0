import type { Logger } from '../../core/logger.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { RequestMeta } from '../request-meta.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { AccountMail } from './account-mail.js';
import type { AccountRepository } from './account.repository.js';
import type { ApiTokenRevocation, SessionRevocation } from './credential-revocation.js';
import { InvalidLinkError, type AccountTokens } from './account-tokens.js';
import { normaliseEmail } from './account.types.js';
import type { InvitationService } from './invitation.service.js';
import type { PasswordHasher } from './password-hasher.js';
import { assertStrongPassword } from './password-policy.js';

export const RESET_TTL_MS = 30 * 60 * 1000;
/** Requests (and reset attempts) from one network address. */
export const RESET_IP_LIMIT: RateLimitRule = { limit: 10, windowMs: 15 * 60 * 1000 };
/** Reset mails to one account: enough for a lost mail, too few to flood a mailbox. */
export const RESET_MAIL_LIMIT: RateLimitRule = { limit: 3, windowMs: 60 * 60 * 1000 };

export interface PasswordResetDeps {
  accounts: AccountRepository;
  tokens: AccountTokens;
  hasher: PasswordHasher;
  sessions: SessionRevocation;
  /** Partner tokens die with the old password: a thief may have minted them. */
  apiTokens: ApiTokenRevocation;
  invitations: Pick<InvitationService, 'passwordContext'>;
  rateLimiter: RateLimiter;
  audit: AuditWriter;
  mail: AccountMail;
  logger?: Logger;
  now?: () => Date;
}

/**
 * Forgotten passwords. The request always answers the same, immediately: the lookup and the mail
 * happen after the answer, so neither the reply nor its timing tells whether the address has an
 * account. The reset itself ends every session, every other reset link and every partner API
 * token of the account (the mail says so), and lifts a lockout (the person just proved they read the account's mail).
 */
export class PasswordResetService {
  private readonly now: () => Date;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: PasswordResetDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async request(tenant: Tenant, email: string, meta: RequestMeta & { publicUrl: string }): Promise<true> {
    if (meta.ip) await this.deps.rateLimiter.enforce(`reset:ip:${meta.ip}`, RESET_IP_LIMIT);
    const work = this.sendResetMail(tenant, normaliseEmail(email ?? ''), meta.publicUrl).catch((error: unknown) =>
      this.deps.logger?.warn({ err: error, tenantId: tenant.id }, 'password reset mail not sent'),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return true;
  }

  /** Resolves when every reset mail started so far has been handled (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  async reset(tenant: Tenant, token: string, newPassword: string, meta: RequestMeta): Promise<true> {
    if (meta.ip) await this.deps.rateLimiter.enforce(`reset:ip:${meta.ip}`, RESET_IP_LIMIT);
    const link = await this.deps.tokens.peek('password-reset', tenant.id, token);
    const account = await this.deps.accounts.findById(link.accountId);
    if (!account || account.tenantId !== tenant.id || account.status !== 'ACTIVE') throw new InvalidLinkError();
    assertStrongPassword(newPassword, await this.deps.invitations.passwordContext(tenant, account), 'newPassword');
    const passwordHash = await this.deps.hasher.hash(newPassword);
    await this.deps.tokens.consume(link);
    const now = this.now();
    const apiTokensRevoked = await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: 'password.reset',
        accountId: account.id,
        actor: `account:${account.id}`,
        target: { type: 'account', id: account.id },
        client: meta,
      },
      async () => {
        await this.deps.accounts.update(account.id, { passwordHash, passwordChangedAt: now, failuresResetAt: now });
        await this.deps.sessions.revokeAllForAccount(account.id, 'password-reset');
        await this.deps.tokens.revokeAll(account.id, 'password-reset');
        return this.deps.apiTokens.revokeAllForAccount(account.id);
      },
      { logger: this.deps.logger },
    );
    await this.deps.mail.notify(tenant, account.email, account.locale, 'password-changed', { occurredAt: now, apiTokensRevoked });
    return true;
  }

  private async sendResetMail(tenant: Tenant, email: string, publicUrl: string): Promise<void> {
    const account = await this.deps.accounts.findByEmail(tenant.id, email);
    if (!account || account.status !== 'ACTIVE') return;
    const allowed = await this.deps.rateLimiter.hit(`reset:account:${account.id}`, RESET_MAIL_LIMIT);
    if (!allowed.allowed) return;
    const { token } = await this.deps.tokens.issue('password-reset', account, RESET_TTL_MS);
    await this.deps.mail.send(tenant, account.email, account.locale, 'password-reset', {
      resetUrl: `${publicUrl}/portal/reset-password?token=${encodeURIComponent(token)}`,
      validForMinutes: RESET_TTL_MS / 60_000,
    });
  }
}

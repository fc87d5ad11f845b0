import { BadUserInputError, inputProblem } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountMail } from '../accounts/account-mail.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { InvalidLinkError, type AccountTokens } from '../accounts/account-tokens.js';
import type { Account } from '../accounts/account.types.js';
import { audited, recordDenied, type AuditWriter } from '../audit/index.js';
import type { RequestMeta } from '../request-meta.js';
import type { CustomerPrincipal } from '../principal.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { EmailClaims } from './email-claims.js';
import type { PendingEmailDocument, PendingEmailModel } from './pending-email.model.js';
import type { PersonWriter } from './person-records.js';
import type { PendingEmail } from './profile.types.js';
import { collectionOf } from '../../store/collection.js';

export const EMAIL_CHANGE_TTL_MS = 30 * 60 * 1000;
/** Confirmation mails per account: enough for a typo and a lost mail, too few to spam a stranger. */
export const EMAIL_CHANGE_LIMIT: RateLimitRule = { limit: 5, windowMs: 60 * 60 * 1000 };

export class EmailTakenError extends BadUserInputError {
  constructor() {
    super('This email address is already used by another account in this portal.', [
      inputProblem('email', 'EMAIL_IN_USE', 'This address is already in use.'),
    ]);
  }
}

export interface EmailChangeDeps {
  accounts: AccountRepository;
  tokens: AccountTokens;
  pending: PendingEmailModel;
  rateLimiter: Pick<RateLimiter, 'enforce'>;
  person: PersonWriter;
  audit: AuditWriter;
  mail: AccountMail;
  logger?: Logger;
  now: () => Date;
}

/**
 * Changing the sign-in address. A request only stages the new address and mails a single-use link
 * (30 minutes) to it, plus a notice to the current address; nothing about signing in changes
 * until the link is used, so a typo or a hijacked session cannot lock the owner out.
 */
export class EmailChangeService {
  readonly claims: EmailClaims;

  constructor(private readonly deps: EmailChangeDeps) {
    this.claims = new EmailClaims(deps.accounts);
  }

  async pendingOf(accountId: string): Promise<PendingEmail | null> {
    const doc = await collectionOf<PendingEmailDocument>(this.deps.pending).findOne<{ email: string; expiresAt: Date }>({
      _id: accountId,
    });
    return doc && doc.expiresAt.getTime() > this.deps.now().getTime() ? { email: doc.email, expiresAt: doc.expiresAt } : null;
  }

  /** Counts a request against the per-account limit; call before changing anything else. */
  enforceLimit(account: Account): Promise<void> {
    return this.deps.rateLimiter.enforce(
      `email-change:account:${account.id}`,
      EMAIL_CHANGE_LIMIT,
      'Too many email changes; try again later.',
    );
  }

  /** `email` is normalised, valid, different from the current one and was free when checked. */
  async request(
    tenant: Tenant,
    principal: CustomerPrincipal,
    account: Account,
    email: string,
    meta: RequestMeta & { publicUrl: string },
  ): Promise<PendingEmail> {
    const requestedAt = this.deps.now();
    const pending = await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: 'email.change-requested',
        principal,
        target: { type: 'account', id: account.id },
        // Neither address: the trail is kept for years and read by staff.
        details: { validForMinutes: EMAIL_CHANGE_TTL_MS / 60_000 },
        client: meta,
      },
      async () => {
        // One open change per account: an earlier link stops working.
        await this.deps.tokens.revokeAll(account.id, 'email-change');
        const { token, expiresAt } = await this.deps.tokens.issue('email-change', account, EMAIL_CHANGE_TTL_MS, { email });
        await this.deps.pending.replaceOne(
          { _id: account.id },
          { _id: account.id, tenantId: tenant.id, email, requestedAt, expiresAt },
          { upsert: true },
        );
        try {
          await this.deps.mail.send(tenant, email, account.locale, 'email-change-confirmation', {
            newEmail: email,
            confirmUrl: `${meta.publicUrl}/portal/confirm-email?token=${encodeURIComponent(token)}`,
            validForMinutes: EMAIL_CHANGE_TTL_MS / 60_000,
          });
        } catch (error) {
          // Without the mail the link is useless; leave nothing pending that nobody can confirm.
          await this.deps.tokens.revokeAll(account.id, 'email-change').catch(() => {});
          await this.deps.pending.deleteOne({ _id: account.id }).catch(() => {});
          throw error;
        }
        return { email, expiresAt };
      },
      { logger: this.deps.logger },
    );
    await this.deps.mail.notify(tenant, account.email, account.locale, 'email-change-notice', { newEmail: email });
    return pending;
  }

  /**
   * Uses a confirmation link: the account (and the person's Nextcloud record) take the new
   * address. Public: the token is the credential. Expired → LINK_EXPIRED; used or unknown →
   * BAD_USER_INPUT; the address taken meanwhile → BAD_USER_INPUT naming the email field.
   */
  async confirm(tenant: Tenant, token: string, meta: RequestMeta): Promise<void> {
    const link = await this.deps.tokens.peek('email-change', tenant.id, token);
    const account = await this.deps.accounts.findById(link.accountId);
    const email = link.data?.email;
    if (!account || account.tenantId !== tenant.id || account.status !== 'ACTIVE' || !email) throw new InvalidLinkError();
    const event = {
      tenantId: tenant.id,
      type: 'email.changed' as const,
      accountId: account.id,
      actor: `account:${account.id}`,
      target: { type: 'account', id: account.id },
      client: meta,
    };
    if (!(await this.claims.isFree(tenant.id, email))) {
      await recordDenied(this.deps.audit, { ...event, details: { reason: 'address-in-use' } });
      throw new EmailTakenError();
    }

    await audited(
      this.deps.audit,
      { ...event, details: { personRecords: this.deps.person.recordsOf(account) } },
      async () => {
        const claim = await this.claims.claim(tenant.id, email, account.id, this.deps.now());
        // 'already-ours': the same link is being used in another request right now.
        if (claim === 'already-ours') throw new InvalidLinkError();
        if (claim === 'taken') throw new EmailTakenError();
        let undoNextcloud: (() => Promise<void>) | null = null;
        try {
          // Nextcloud first (every record the profile rule names, see profile-fields.ts): if it is
          // down, nothing has changed and the link still works.
          undoNextcloud = await this.deps.person.setEmail(tenant, account, email);
          await this.deps.tokens.consume(link);
          if (!(await this.claims.pointAccount(account.id, tenant.id, account.email, email))) throw new InvalidLinkError();
        } catch (error) {
          await this.claims.release(tenant.id, email, account.id).catch(() => {});
          await undoNextcloud?.();
          throw error;
        }
        await this.finish(tenant, account, email);
      },
      { logger: this.deps.logger },
    );
  }

  /** After the switch: tidy-ups whose failure must not undo it (logged instead). */
  private async finish(tenant: Tenant, account: Account, email: string): Promise<void> {
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['release old address', () => this.claims.release(tenant.id, account.email, account.id)],
      ['drop pending change', () => this.deps.pending.deleteOne({ _id: account.id, email })],
      // A reset link mailed to the old address must not outlive the move away from it.
      ['revoke reset links', () => this.deps.tokens.revokeAll(account.id, 'password-reset')],
    ];
    for (const [step, run] of steps) {
      await run().catch((error: unknown) =>
        this.deps.logger?.warn({ err: error, tenantId: tenant.id, accountId: account.id, step }, 'email change: tidy-up failed'),
      );
    }
  }

  /** Drops an account's open change and its link (for closure and pseudonymisation). */
  async forget(accountId: string): Promise<void> {
    await this.deps.tokens.revokeAll(accountId, 'email-change');
    await this.deps.pending.deleteOne({ _id: accountId });
  }

  /** Stale pending addresses (personal data) go; for the nightly cleanup. */
  async purgeExpired(now: Date = this.deps.now()): Promise<number> {
    return (await this.deps.pending.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}

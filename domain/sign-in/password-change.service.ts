import { BadUserInputError, inputProblem, NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountMail } from '../accounts/account-mail.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import type { InvitationService } from '../accounts/invitation.service.js';
import type { PasswordHasher } from '../accounts/password-hasher.js';
import { assertStrongPassword } from '../accounts/password-policy.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { CustomerPrincipal } from '../principal.js';
import type { RequestMeta } from '../request-meta.js';
import type { NewSession, SessionService } from '../sessions/session.service.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { IdentityCheck } from './identity-check.js';
import { InvalidCredentialsError } from './sign-in.service.js';

/** The problem codes this flow answers at the `currentPassword` field (the web app words them). */
export const CURRENT_PASSWORD_PROBLEM = {
  missing: 'REAUTHENTICATION_REQUIRED',
  wrong: 'WRONG_CURRENT_PASSWORD',
} as const;

export interface PasswordChangeDeps {
  accounts: AccountRepository;
  identity: IdentityCheck;
  hasher: PasswordHasher;
  sessions: SessionService;
  invitations: Pick<InvitationService, 'passwordContext'>;
  audit: AuditWriter;
  mail: AccountMail;
  logger?: Logger;
  now?: () => Date;
}

export interface PasswordChangeResult {
  /** The session that replaces the caller's (same device, new token): the cookie must be renewed. */
  session: NewSession;
  /** How many other sessions were signed out. */
  signedOut: number;
}

/**
 * A signed-in customer changes their password. The current password is checked as an identity
 * proof (IdentityCheck): wrong ones count toward the sign-in lockout, so a stolen session cannot
 * guess it. The new one meets the same policy as at activation and reset. Then every other
 * session ends and this one is renewed (a copy of its old cookie stops working), audited as
 * `password.changed`, and the account's address gets the "your password was changed" notice.
 * Partner API tokens stay: minting one already needed the password or a code, and a routine
 * change should not cut off the customer's systems (the forgotten-password reset does revoke them).
 */
export class PasswordChangeService {
  private readonly now: () => Date;

  constructor(private readonly deps: PasswordChangeDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async change(
    tenant: Tenant,
    principal: CustomerPrincipal,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<PasswordChangeResult> {
    const account = await this.accountOf(principal);
    if (!input.currentPassword) {
      const message = 'Enter your current password.';
      throw new BadUserInputError(message, [inputProblem('currentPassword', CURRENT_PASSWORD_PROBLEM.missing, message)]);
    }
    // The policy first: a weak new password fails before an attempt at the current one is spent.
    assertStrongPassword(input.newPassword, await this.deps.invitations.passwordContext(tenant, account), 'newPassword');
    await this.proveCurrent(tenant, principal, input.currentPassword, meta);
    const passwordHash = await this.deps.hasher.hash(input.newPassword);
    const now = this.now();
    const result = await audited(
      this.deps.audit,
      { tenantId: tenant.id, type: 'password.changed', principal, target: { type: 'account', id: account.id }, client: meta },
      async () => {
        await this.deps.accounts.update(account.id, { passwordHash, passwordChangedAt: now });
        const session = await this.deps.sessions.replace(tenant, account, principal.sessionId);
        const signedOut = await this.deps.sessions.revokeOthers(account.id, session.sessionId, 'password-changed');
        return { session, signedOut };
      },
      { logger: this.deps.logger },
    );
    await this.deps.mail.notify(tenant, account.email, account.locale, 'password-changed', { occurredAt: now });
    return result;
  }

  /** A wrong current password is a problem at its field, not a failed sign-in of the whole form. */
  private async proveCurrent(tenant: Tenant, principal: CustomerPrincipal, password: string, meta: RequestMeta): Promise<void> {
    try {
      await this.deps.identity.verifyPassword(tenant, principal, password, meta, 'password-change', 'password.changed');
    } catch (error) {
      if (!(error instanceof InvalidCredentialsError)) throw error;
      const message = 'The current password is not correct.';
      throw new BadUserInputError(message, [inputProblem('currentPassword', CURRENT_PASSWORD_PROBLEM.wrong, message)]);
    }
  }

  private async accountOf(principal: CustomerPrincipal): Promise<Account> {
    const account = await this.deps.accounts.findById(principal.accountId);
    if (!account || account.tenantId !== principal.tenantId) throw new NotFoundError('The account');
    return account;
  }
}

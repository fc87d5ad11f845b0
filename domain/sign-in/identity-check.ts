import type { Connection } from 'mongoose';
import { BadUserInputError, NotFoundError, type PortalError } from '../../core/errors.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { normaliseEmail, type Account } from '../accounts/account.types.js';
import type { PasswordHasher } from '../accounts/password-hasher.js';
import { recordDenied, type AuditEventType, type AuditWriter } from '../audit/index.js';
import { InvalidMfaCodeError, type MfaService } from '../mfa/mfa.service.js';
import type { RequestMeta } from '../request-meta.js';
import { normaliseTotpCode } from '../mfa/totp.js';
import type { CustomerPrincipal } from '../principal.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { LOCKOUT_LOOKBACK_MS, lockedUntil } from './lockout.js';
import { attemptStoreFor, newAttempt, type AttemptStore, type SignInAttempt } from './attempt-store.js';
import { AccountLockedError, InvalidCredentialsError } from './sign-in.service.js';

/** What a signed-in customer offers to prove it is really them, again. */
export interface IdentityProof {
  /** A current TOTP code or an unused recovery code (only when MFA is on). */
  currentCode?: string | null;
  password?: string | null;
}

export type IdentityProofMethod = 'totp' | 'recovery-code' | 'password';

const MAX_PASSWORD_INPUT = 1024;

/**
 * Re-authentication before the actions a stolen session would use to entrench itself: replacing
 * or switching off the second factor, changing the email address, minting API tokens. A session
 * alone is not enough; the caller proves the current code (or a recovery code) or the password.
 *
 * Wrong proofs are sign-in failures: the same attempt documents under the same key as
 * SignInService, inserted before checking, so they share its lockout (5 in 15 minutes) and a
 * session cannot be used to guess codes without limit.
 */
export class IdentityCheck {
  private readonly now: () => Date;

  constructor(
    private readonly deps: {
      connection: Connection;
      accounts: AccountRepository;
      mfa: MfaService;
      hasher: PasswordHasher;
      audit: AuditWriter;
      now?: () => Date;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The same attempts SignInService counts (attempt-store.ts). */
  private get attempts(): Promise<AttemptStore> {
    return attemptStoreFor(this.deps.connection);
  }

  /** Re-enrolment needs proof; the first enrolment (nothing to replace yet) does not. */
  async verifyIfMfaOn(
    tenant: Tenant,
    principal: CustomerPrincipal,
    proof: IdentityProof,
    meta: RequestMeta,
    during: string,
  ): Promise<void> {
    const account = await this.accountOf(principal);
    if (account.mfa.enabled) await this.check(tenant, principal, account, proof, meta, during);
  }

  async verify(
    tenant: Tenant,
    principal: CustomerPrincipal,
    proof: IdentityProof,
    meta: RequestMeta,
    during: string,
  ): Promise<IdentityProofMethod> {
    return this.check(tenant, principal, await this.accountOf(principal), proof, meta, during);
  }

  /**
   * The current password and nothing else (changing the password: a code must not stand in for
   * it). A wrong one is recorded as a refused `deniedAs` event and counts toward the lockout.
   */
  async verifyPassword(
    tenant: Tenant,
    principal: CustomerPrincipal,
    password: string,
    meta: RequestMeta,
    during: string,
    deniedAs: AuditEventType,
  ): Promise<void> {
    await this.check(tenant, principal, await this.accountOf(principal), { password }, meta, during, deniedAs);
  }

  private async accountOf(principal: CustomerPrincipal): Promise<Account> {
    const account = await this.deps.accounts.findById(principal.accountId);
    if (!account || account.tenantId !== principal.tenantId) throw new NotFoundError('The account');
    return account;
  }

  private async check(
    tenant: Tenant,
    principal: CustomerPrincipal,
    account: Account,
    proof: IdentityProof,
    meta: RequestMeta,
    during: string,
    deniedAs: AuditEventType = 'mfa.failed',
  ): Promise<IdentityProofMethod> {
    const code = proof.currentCode?.trim() || null;
    const password = proof.password || null;
    if (!code && !password) {
      throw new BadUserInputError('Confirm it is you: enter a current verification code or your password.', [
        {
          field: account.mfa.enabled ? 'currentCode' : 'password',
          message: 'Confirm it is you: enter a current verification code or your password.',
          code: 'REAUTHENTICATION_REQUIRED',
          params: {},
        },
      ]);
    }
    const key = `${tenant.id}:${normaliseEmail(account.email)}`;
    const mine = await this.record(key);
    const counted = await this.recentFailures(key, mine.id, account.failuresResetAt);
    const lock = lockedUntil(counted, mine.at);
    const deny = (reason: string) =>
      recordDenied(this.deps.audit, {
        tenantId: tenant.id,
        type: deniedAs,
        principal,
        details: { during, reason },
        client: meta,
      });
    if (lock) {
      await (await this.attempts).forget(mine.id);
      await deny('locked');
      throw new AccountLockedError((lock.getTime() - mine.at.getTime()) / 1000);
    }

    let method: IdentityProofMethod | null = null;
    let failure: PortalError = new InvalidCredentialsError();
    if (code && account.mfa.enabled) {
      const second = await this.deps.mfa.verifySecondFactor(
        account,
        normaliseTotpCode(code) ? { totpCode: code } : { recoveryCode: code },
      );
      if (second.ok) method = second.method;
      failure = new InvalidMfaCodeError();
    } else if (password && account.passwordHash && password.length <= MAX_PASSWORD_INPUT) {
      if (await this.deps.hasher.verify(account.passwordHash, password)) method = 'password';
    }
    if (!method) {
      await (await this.attempts).markFailed(mine.id);
      await deny(code ? 'wrong-code' : 'wrong-password');
      const nowLocked = lockedUntil([...counted, mine.at], mine.at);
      throw nowLocked ? new AccountLockedError((nowLocked.getTime() - mine.at.getTime()) / 1000) : failure;
    }
    await (await this.attempts).forget(mine.id);
    return method;
  }

  private async record(key: string): Promise<SignInAttempt> {
    const attempt = newAttempt(key, this.now());
    await (await this.attempts).record(attempt);
    return attempt;
  }

  private async recentFailures(key: string, excludeId: string, resetAt: Date | null | undefined): Promise<Date[]> {
    const lookback = this.now().getTime() - LOCKOUT_LOOKBACK_MS;
    const since = new Date(resetAt ? Math.max(lookback, resetAt.getTime()) : lookback);
    return (await (await this.attempts).recent(key, since, excludeId)).map((attempt) => attempt.at);
  }
}

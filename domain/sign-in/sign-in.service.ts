import type { Connection } from 'mongoose';
import { ErrorCode, ForbiddenError, PortalError, RateLimitedError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { ACCOUNT_LOCALES, normaliseEmail, type Account, type AccountLocale } from '../accounts/account.types.js';
import type { PasswordHasher } from '../accounts/password-hasher.js';
import { audited, recordDenied, type AuditWriter } from '../audit/index.js';
import { InvalidMfaCodeError, type MfaService } from '../mfa/mfa.service.js';
import type { RequestMeta } from '../request-meta.js';
import { isAccountModeEnabled } from '../policy.js';
import type { CustomerPrincipal } from '../principal.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import { sessionDeviceOf } from '../sessions/session-device.js';
import type { NewSession, SessionService } from '../sessions/session.service.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { LOCKOUT_LOOKBACK_MS, lockedUntil } from './lockout.js';
import { attemptStoreFor, newAttempt, type AttemptStore, type SignInAttempt } from './attempt-store.js';

/** Password spraying from one address: 20 sign-in calls a minute, whatever the accounts. */
export const SIGN_IN_IP_LIMIT: RateLimitRule = { limit: 20, windowMs: 60_000 };
/** Longer inputs are not hashed at all; no password policy allows them anyway. */
const MAX_PASSWORD_INPUT = 1024;

export interface SignInInput {
  email: string;
  password: string;
  totpCode?: string | null;
  recoveryCode?: string | null;
  /**
   * The language the person chose on the sign-in page: it wins over the account's stored locale
   * and is saved to the account with the sign-in (absent: the stored locale stays).
   */
  locale?: string | null;
}

export type SignInResult =
  | { status: 'SIGNED_IN'; account: Account; session: NewSession }
  | { status: 'MFA_REQUIRED' }
  | { status: 'MFA_ENROLLMENT_REQUIRED'; account: Account; session: NewSession };

export class InvalidCredentialsError extends PortalError {
  constructor() {
    super(ErrorCode.INVALID_CREDENTIALS, 'The email address or password is not correct.');
  }
}

export class AccountLockedError extends PortalError {
  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    const minutes = Math.ceil(seconds / 60);
    super(
      ErrorCode.ACCOUNT_LOCKED,
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`,
      { retryAfter: seconds },
    );
  }
}

export interface SignInServiceDeps {
  connection: Connection;
  accounts: AccountRepository;
  sessions: SessionService;
  mfa: MfaService;
  hasher: PasswordHasher;
  rateLimiter: RateLimiter;
  audit: AuditWriter;
  logger?: Logger;
  now?: () => Date;
  ipLimit?: RateLimitRule;
}

/**
 * Customer sign-in. Unknown address and wrong password give the same answer after the same work
 * (a dummy argon2 verification, the same database round trips, the same audit write). Failures
 * are attempt documents inserted before the password is checked, so parallel guesses count
 * against each other and at most five are ever checked in a lockout window. Whether an account
 * is closed, blocked or needs MFA is told only to someone who gave its correct password.
 */
export class SignInService {
  private readonly now: () => Date;

  constructor(private readonly deps: SignInServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Shared with IdentityCheck: memory on the embedded engine, the database on MongoDB (attempt-store.ts). */
  private get attempts(): Promise<AttemptStore> {
    return attemptStoreFor(this.deps.connection);
  }

  async signIn(tenant: Tenant, input: SignInInput, meta: RequestMeta): Promise<SignInResult> {
    const audit = this.deps.audit;
    const base = { tenantId: tenant.id, type: 'login.failed' as const, client: meta };
    if (meta.ip) {
      const limit = await this.deps.rateLimiter.hit(`signin:ip:${meta.ip}`, this.deps.ipLimit ?? SIGN_IN_IP_LIMIT);
      if (!limit.allowed) {
        // Audited once per flood: one event per refused request would let a flood fill the trail.
        if (limit.firstRefusal)
          await recordDenied(audit, { ...base, accountId: null, actor: null, details: { reason: 'rate-limited' } });
        throw new RateLimitedError(
          limit.retryAfterSeconds,
          'Too many sign-in attempts from your network. Please wait and try again.',
        );
      }
    }

    const email = normaliseEmail(input.email ?? '');
    const key = `${tenant.id}:${email}`;
    const mine = await this.recordAttempt(key);
    const [account, others] = await Promise.all([
      this.deps.accounts.findByEmail(tenant.id, email),
      this.recentFailures(key, mine.id),
    ]);
    const resetAt = account?.failuresResetAt?.getTime() ?? -Infinity;
    const countedAttempts = others.filter((attempt) => attempt.at.getTime() >= resetAt);
    const counted = countedAttempts.map((attempt) => attempt.at);
    const accountId = account?.id ?? null;
    const failed = (reason: string) =>
      recordDenied(audit, {
        ...base,
        accountId,
        actor: accountId ? `account:${accountId}` : null,
        // An unknown address names no account; its keyed fingerprint lets a DPO find the attempt.
        subjectEmail: accountId ? null : email,
        details: { reason },
      });

    // Attempts still being decided count as failures, so a burst of parallel guesses cannot get
    // more than five of them checked.
    const lock = lockedUntil(counted, mine.at);
    if (lock) {
      const decided = countedAttempts.filter((attempt) => !attempt.pending).map((attempt) => attempt.at);
      // Refused by a lock of decided failures: not a failure itself, so the lock still ends 15
      // minutes after it began. Refused only because of a burst still in flight: kept as a
      // failure, or a burst whose members all refuse each other would leave no trace at all.
      if (lockedUntil(decided, mine.at)) await this.forget(mine);
      else await this.markFailed(mine);
      await failed('locked');
      throw new AccountLockedError((lock.getTime() - mine.at.getTime()) / 1000);
    }

    const password = typeof input.password === 'string' ? input.password : '';
    const passwordOk =
      account?.passwordHash && password.length <= MAX_PASSWORD_INPUT
        ? await this.deps.hasher.verify(account.passwordHash, password)
        : await this.deps.hasher.verifyDummy(password.slice(0, MAX_PASSWORD_INPUT));
    if (!account || !passwordOk) {
      await this.markFailed(mine);
      await failed(!account ? 'unknown-email' : account.passwordHash ? 'wrong-password' : 'not-activated');
      throw this.failureError(counted, mine.at, new InvalidCredentialsError());
    }

    // From here on the caller knows the password, so the account's state may be told.
    if (account.status === 'CLOSED') {
      await this.forget(mine);
      await failed('closed');
      throw new PortalError(ErrorCode.ACCOUNT_CLOSED, 'This account has been closed.');
    }
    if (account.status !== 'ACTIVE') {
      await this.forget(mine);
      await failed('blocked');
      throw new ForbiddenError('This account has been blocked. Please contact the organisation that runs this portal.');
    }
    if (!isAccountModeEnabled(tenant, account.type)) {
      await this.forget(mine);
      await failed('mode-disabled');
      throw new ForbiddenError(
        `${account.type === 'B2B' ? 'Business' : 'Personal'} accounts cannot sign in to this portal at the moment.`,
      );
    }

    let method = 'password';
    if (account.mfa.enabled) {
      if (!input.totpCode && !input.recoveryCode) {
        // Neither a failure nor a success: the second step follows.
        await this.forget(mine);
        return { status: 'MFA_REQUIRED' };
      }
      const second = await this.deps.mfa.verifySecondFactor(account, {
        totpCode: input.totpCode,
        recoveryCode: input.totpCode ? null : input.recoveryCode,
      });
      if (!second.ok) {
        // Counts toward the lockout: the password alone must not allow unlimited code guesses.
        await this.markFailed(mine);
        await failed('mfa');
        // Also an MFA failure, so a filter on mfa.failed finds it next to the identity checks' ones.
        await recordDenied(audit, {
          ...base,
          type: 'mfa.failed',
          accountId: account.id,
          actor: `account:${account.id}`,
          details: { during: 'sign-in', reason: 'wrong-code' },
        });
        throw this.failureError(counted, mine.at, new InvalidMfaCodeError());
      }
      method = `password+${second.method}`;
    }

    const enrolmentOnly = !account.mfa.enabled && tenant.portal.mfaRequired;
    const locale = chosenLocale(input.locale, account);
    const result = await audited(
      audit,
      {
        tenantId: tenant.id,
        type: 'login.succeeded',
        accountId: account.id,
        actor: `account:${account.id}`,
        details: { method, ...(enrolmentOnly ? { mfaEnrolmentRequired: true } : {}), ...(locale ? { locale } : {}) },
        client: meta,
      },
      async () => {
        const session = await this.deps.sessions.create(
          tenant,
          account,
          enrolmentOnly ? 'enrolment' : 'full',
          sessionDeviceOf(meta),
        );
        const now = this.now();
        await this.deps.accounts.update(
          account.id,
          {
            lastSignInAt: now,
            failuresResetAt: now,
            ...(locale ? { locale } : {}),
            ...(this.deps.hasher.needsRehash(account.passwordHash!)
              ? { passwordHash: await this.deps.hasher.hash(password) }
              : {}),
          },
          // The sign-in's bookkeeping: other replicas may show the previous sign-in time for one poll.
          { settle: false },
        );
        return session;
      },
    );
    await this.forget(mine);
    const signedIn = { ...account, lastSignInAt: this.now(), ...(locale ? { locale } : {}) };
    return enrolmentOnly
      ? { status: 'MFA_ENROLLMENT_REQUIRED', account: signedIn, session: result }
      : { status: 'SIGNED_IN', account: signedIn, session: result };
  }

  /** Ends the customer's current session, audited as `logout`. */
  async signOut(tenant: Tenant, principal: CustomerPrincipal, meta: RequestMeta): Promise<void> {
    await audited(this.deps.audit, { tenantId: tenant.id, type: 'logout', principal, client: meta }, () =>
      this.deps.sessions.revoke(principal.sessionId, 'sign-out'),
    );
  }

  /** Deletes attempt records nobody counts any more (no TTL indexes on FerretDB). */
  async purgeExpired(now: Date = this.now()): Promise<number> {
    return (await this.attempts).purge(now);
  }

  private async recordAttempt(key: string): Promise<SignInAttempt> {
    const attempt = newAttempt(key, this.now());
    await (await this.attempts).record(attempt);
    return attempt;
  }

  /**
   * Everyone else's attempts that may still matter, including those still being decided. (One
   * exactly LOCKOUT_LOOKBACK_MS old cannot: the lock it could end in ends now.)
   */
  private async recentFailures(key: string, excludeId: string): Promise<Array<{ at: Date; pending: boolean }>> {
    const since = new Date(this.now().getTime() - LOCKOUT_LOOKBACK_MS);
    return (await this.attempts).recent(key, since, excludeId);
  }

  /** The attempt was a failure: it now counts toward the lockout as a decided one. */
  private async markFailed(attempt: SignInAttempt): Promise<void> {
    await (await this.attempts).markFailed(attempt.id);
  }

  /** The attempt was not a failure after all. */
  private async forget(attempt: SignInAttempt): Promise<void> {
    await (await this.attempts).forget(attempt.id);
  }

  /** The error for a failed attempt: ACCOUNT_LOCKED when this very failure started a lock. */
  private failureError(counted: Date[], at: Date, otherwise: PortalError): PortalError {
    const lock = lockedUntil([...counted, at], at);
    return lock ? new AccountLockedError((lock.getTime() - at.getTime()) / 1000) : otherwise;
  }
}

/**
 * The locale to save with a sign-in: the page's choice when it is a language the portal speaks
 * and differs from the stored one; otherwise nothing changes. (GraphQL's Locale enum already
 * refuses other values; this keeps the domain honest for other callers.)
 */
function chosenLocale(requested: string | null | undefined, account: Account): AccountLocale | null {
  const locale = requested?.trim().toLowerCase();
  if (!locale || !(ACCOUNT_LOCALES as readonly string[]).includes(locale) || locale === account.locale) return null;
  return locale as AccountLocale;
}

import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ErrorCode, ForbiddenError, PortalError, RateLimitedError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { normaliseEmail, type Account } from '../accounts/account.types.js';
import type { PasswordHasher } from '../accounts/password-hasher.js';
import { audited, recordDenied, type AuditWriter } from '../audit/index.js';
import { InvalidMfaCodeError, type MfaService, type RequestMeta } from '../mfa/mfa.service.js';
import type { CustomerPrincipal } from '../principal.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { NewSession, SessionService } from '../sessions/session.service.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { LOCKOUT_LOOKBACK_MS, lockedUntil } from './lockout.js';
import { signInAttemptModel, type SignInAttemptDocument, type SignInAttemptModel } from './sign-in-attempt.model.js';

/** Password spraying from one address: 20 sign-in calls a minute, whatever the accounts. */
export const SIGN_IN_IP_LIMIT: RateLimitRule = { limit: 20, windowMs: 60_000 };
/** Longer inputs are not hashed at all; no password policy allows them anyway. */
const MAX_PASSWORD_INPUT = 1024;

export interface SignInInput {
  email: string;
  password: string;
  totpCode?: string | null;
  recoveryCode?: string | null;
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
  private readonly attempts: SignInAttemptModel;
  private readonly now: () => Date;

  constructor(private readonly deps: SignInServiceDeps) {
    this.attempts = signInAttemptModel(deps.connection);
    this.now = deps.now ?? (() => new Date());
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
      this.recentFailures(key, mine._id),
    ]);
    const resetAt = account?.failuresResetAt?.getTime() ?? -Infinity;
    const countedAttempts = others.filter((attempt) => attempt.at.getTime() >= resetAt);
    const counted = countedAttempts.map((attempt) => attempt.at);
    const accountId = account?.id ?? null;
    const failed = (reason: string) =>
      recordDenied(audit, { ...base, accountId, actor: accountId ? `account:${accountId}` : null, details: { reason } });

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
    const modeOn = account.type === 'B2B' ? tenant.portal.b2bEnabled : tenant.portal.b2cEnabled;
    if (!modeOn) {
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
        throw this.failureError(counted, mine.at, new InvalidMfaCodeError());
      }
      method = `password+${second.method}`;
    }

    const enrolmentOnly = !account.mfa.enabled && tenant.portal.mfaRequired;
    const result = await audited(
      audit,
      {
        tenantId: tenant.id,
        type: 'login.succeeded',
        accountId: account.id,
        actor: `account:${account.id}`,
        details: { method, ...(enrolmentOnly ? { mfaEnrolmentRequired: true } : {}) },
        client: meta,
      },
      async () => {
        const session = await this.deps.sessions.create(tenant, account, enrolmentOnly ? 'enrolment' : 'full');
        const now = this.now();
        await this.deps.accounts.update(account.id, {
          lastSignInAt: now,
          failuresResetAt: now,
          ...(this.deps.hasher.needsRehash(account.passwordHash!) ? { passwordHash: await this.deps.hasher.hash(password) } : {}),
        });
        return session;
      },
    );
    await this.forget(mine);
    const signedIn = { ...account, lastSignInAt: this.now() };
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
    return (await this.attempts.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }

  private async recordAttempt(key: string): Promise<SignInAttemptDocument> {
    const at = this.now();
    const doc: SignInAttemptDocument = {
      _id: randomUUID(),
      key,
      at,
      pending: true,
      expiresAt: new Date(at.getTime() + LOCKOUT_LOOKBACK_MS),
    };
    await this.attempts.collection.insertOne(doc as never);
    return doc;
  }

  /** Everyone else's attempts that may still matter, including those still being decided. */
  private async recentFailures(key: string, excludeId: string): Promise<Array<{ at: Date; pending: boolean }>> {
    const since = new Date(this.now().getTime() - LOCKOUT_LOOKBACK_MS);
    const docs = await this.attempts.collection
      .find<Pick<SignInAttemptDocument, '_id' | 'at' | 'pending'>>(
        { key, at: { $gt: since } },
        { projection: { at: 1, pending: 1 } },
      )
      .toArray();
    return docs.filter((d) => d._id !== excludeId).map((d) => ({ at: d.at, pending: d.pending !== false }));
  }

  /** The attempt was a failure: it now counts toward the lockout as a decided one. */
  private async markFailed(attempt: SignInAttemptDocument): Promise<void> {
    await this.attempts.updateOne({ _id: attempt._id }, { $set: { pending: false } });
  }

  /** The attempt was not a failure after all. */
  private async forget(attempt: SignInAttemptDocument): Promise<void> {
    await this.attempts.deleteOne({ _id: attempt._id });
  }

  /** The error for a failed attempt: ACCOUNT_LOCKED when this very failure started a lock. */
  private failureError(counted: Date[], at: Date, otherwise: PortalError): PortalError {
    const lock = lockedUntil([...counted, at], at);
    return lock ? new AccountLockedError((lock.getTime() - at.getTime()) / 1000) : otherwise;
  }
}

import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { BadUserInputError, ErrorCode, ForbiddenError, NotFoundError, PortalError } from '../../core/errors.js';
import type { SecretBox } from '../../core/secret-box.js';
import { isDuplicateKeyError } from '../../store/duplicate-key.js';
import type { AccountMail } from '../accounts/account-mail.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import { audited, recordDenied, type AuditWriter } from '../audit/index.js';
import type { CustomerPrincipal } from '../principal.js';
import type { RequestMeta } from '../request-meta.js';
import type { NewSession, SessionService } from '../sessions/session.service.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { mfaClaimModel, type MfaClaimDocument, type MfaClaimModel } from './mfa-claim.model.js';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.js';
import { newTotpSecret, normaliseTotpCode, totpUri, verifyTotp } from './totp.js';
import { collectionOf } from '../../store/collection.js';

/** A claimed TOTP step must outlive every window in which its code is still accepted. */
const TOTP_CLAIM_TTL_MS = 5 * 60 * 1000;
/** An enrolment that is not confirmed within this time has to start over. */
const PENDING_TTL_MS = 30 * 60 * 1000;

export class InvalidMfaCodeError extends PortalError {
  constructor() {
    super(ErrorCode.INVALID_MFA_CODE, 'This verification code is not valid. Use the current code from your authenticator app.');
  }
}

export type SecondFactor = { totpCode?: string | null; recoveryCode?: string | null };
export type SecondFactorResult = { ok: true; method: 'totp' | 'recovery-code' } | { ok: false };

export interface MfaServiceDeps {
  connection: Connection;
  accounts: AccountRepository;
  sessions: SessionService;
  audit: AuditWriter;
  /** createSecretBox(PORTAL_SECRET_KEY, 'mfa'). */
  secrets: SecretBox;
  /** deriveKey(PORTAL_SECRET_KEY, 'mfa-recovery-codes'). */
  recoveryCodeKey: Buffer;
  mail: AccountMail;
  now?: () => Date;
}

/**
 * TOTP two-step verification for portal accounts: enrolment with a pending secret (the live one,
 * if any, keeps working until the new one is proven), ten single-use recovery codes, replay
 * protection, and the check sign-in uses.
 */
export class MfaService {
  private readonly claims: MfaClaimModel;
  private readonly now: () => Date;

  constructor(private readonly deps: MfaServiceDeps) {
    this.claims = mfaClaimModel(deps.connection);
    this.now = deps.now ?? (() => new Date());
  }

  /** Starts (or restarts) enrolment: a new secret for the authenticator app, not live yet. */
  async begin(tenant: Tenant, principal: CustomerPrincipal): Promise<{ secret: string; otpauthUri: string }> {
    const account = await this.accountOf(principal);
    const secret = newTotpSecret();
    await this.deps.accounts.update(account.id, {
      'mfa.pendingSecretSealed': this.deps.secrets.seal(secret),
      'mfa.pendingSince': this.now(),
    });
    return { secret, otpauthUri: totpUri(secret, tenant.portal.displayName, account.email) };
  }

  /**
   * Proves the app has the pending secret, makes it live, and returns ten new recovery codes
   * (shown once). The session is replaced by a new full one: its privileges changed.
   */
  async confirm(
    tenant: Tenant,
    principal: CustomerPrincipal,
    code: string,
    meta: RequestMeta,
  ): Promise<{ recoveryCodes: string[]; session: NewSession }> {
    const account = await this.accountOf(principal);
    const { pendingSecretSealed, pendingSince } = account.mfa;
    if (!pendingSecretSealed || !pendingSince || this.now().getTime() - pendingSince.getTime() > PENDING_TTL_MS) {
      throw new BadUserInputError('Start setting up two-step verification first (or again: the last attempt expired).');
    }
    const secret = this.deps.secrets.open(pendingSecretSealed);
    const step = await this.acceptTotp(account, secret, code, null);
    if (step === null) {
      await recordDenied(this.deps.audit, {
        tenantId: tenant.id,
        type: 'mfa.failed',
        principal,
        details: { during: 'enrolment' },
        client: meta,
      });
      throw new InvalidMfaCodeError();
    }
    const recoveryCodes = newRecoveryCodes();
    const now = this.now();
    return audited(
      this.deps.audit,
      { tenantId: tenant.id, type: 'mfa.enrolled', principal, target: { type: 'account', id: account.id }, client: meta },
      async () => {
        await this.deps.accounts.update(account.id, {
          mfa: {
            enabled: true,
            secretSealed: pendingSecretSealed,
            enabledAt: now,
            lastStep: step,
            recoveryCodeHashes: recoveryCodes.map((c) =>
              hashRecoveryCode(this.deps.recoveryCodeKey, account.id, normaliseRecoveryCode(c)!),
            ),
            pendingSecretSealed: null,
            pendingSince: null,
          },
        });
        const session = await this.rotate(tenant, account, principal);
        return { recoveryCodes, session };
      },
    );
  }

  /** Turns MFA off with a current code (or a recovery code); refused where the tenant requires MFA. */
  async disable(tenant: Tenant, principal: CustomerPrincipal, code: string, meta: RequestMeta): Promise<{ session: NewSession }> {
    this.refuseWhereRequired(tenant);
    const account = await this.accountOf(principal);
    if (!account.mfa.enabled) throw new BadUserInputError('Two-step verification is not switched on.');
    const result = await this.verifySecondFactor(account, normaliseTotpCode(code) ? { totpCode: code } : { recoveryCode: code });
    if (!result.ok) {
      await recordDenied(this.deps.audit, {
        tenantId: tenant.id,
        type: 'mfa.failed',
        principal,
        details: { during: 'disable' },
        client: meta,
      });
      throw new InvalidMfaCodeError();
    }
    return this.disableProven(tenant, principal, result.method, meta);
  }

  /**
   * Turns MFA off for a caller whose identity was just proven (domain/sign-in/identity-check.ts,
   * which counts wrong codes toward the sign-in lockout); `method` is how, for the audit trail.
   */
  async disableProven(
    tenant: Tenant,
    principal: CustomerPrincipal,
    method: string,
    meta: RequestMeta,
  ): Promise<{ session: NewSession }> {
    this.refuseWhereRequired(tenant);
    const account = await this.accountOf(principal);
    if (!account.mfa.enabled) throw new BadUserInputError('Two-step verification is not switched on.');
    const session = await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: 'mfa.disabled',
        principal,
        target: { type: 'account', id: account.id },
        details: { method },
        client: meta,
      },
      async () => {
        await this.deps.accounts.update(account.id, {
          mfa: { ...account.mfa, enabled: false, secretSealed: null, enabledAt: null, lastStep: null, recoveryCodeHashes: [] },
        });
        return this.rotate(tenant, account, principal);
      },
    );
    await this.deps.mail.notify(tenant, account.email, account.locale, 'mfa-disabled', { occurredAt: this.now() });
    return { session };
  }

  /** Where the tenant requires MFA it cannot be switched off: checked before any code is spent. */
  refuseWhereRequired(tenant: Tenant): void {
    if (tenant.portal.mfaRequired)
      throw new ForbiddenError('This portal requires two-step verification; it cannot be switched off.');
  }

  /**
   * The second factor at sign-in: a current TOTP code not used before, or an unused recovery
   * code (which is then used up).
   */
  async verifySecondFactor(account: Account, factor: SecondFactor): Promise<SecondFactorResult> {
    if (!account.mfa.enabled || !account.mfa.secretSealed) return { ok: false };
    if (factor.totpCode) {
      const secret = this.deps.secrets.open(account.mfa.secretSealed);
      const step = await this.acceptTotp(account, secret, factor.totpCode, account.mfa.lastStep);
      if (step === null) return { ok: false };
      // Older codes are refused from now on. The step is always newer than the stored one (it was
      // verified after it); a racing sign-in that stores an older step reopens nothing, because
      // every step at or before it is claimed or was refused.
      // Part of a sign-in or identity check, which read the stored account: no need to wait for others.
      await this.deps.accounts.update(account.id, { 'mfa.lastStep': step }, { settle: false });
      return { ok: true, method: 'totp' };
    }
    return (await this.useRecoveryCode(account, factor.recoveryCode)) ? { ok: true, method: 'recovery-code' } : { ok: false };
  }

  /** How many recovery codes the account has left. */
  remainingRecoveryCodes(account: Account): number {
    return account.mfa.recoveryCodeHashes.length;
  }

  /** Deletes TOTP claims that can no longer matter (no TTL indexes on FerretDB). */
  async purgeExpired(now: Date = this.now()): Promise<number> {
    return (await this.claims.deleteMany({ expiresAt: { $ne: null, $lte: now } })).deletedCount;
  }

  /**
   * Verifies the code and claims its time step, so the same code (or an older one) is refused
   * afterwards, also when two requests race with it.
   */
  private async acceptTotp(account: Account, secret: string, code: string, afterStep: number | null): Promise<number | null> {
    const now = this.now();
    const step = await verifyTotp(secret, code, now, afterStep);
    if (step === null) return null;
    const secretId = createHash('sha256').update(secret).digest('base64url').slice(0, 12);
    const claimed = await this.claim(
      `${account.id}:totp:${secretId}:${step}`,
      account.id,
      new Date(now.getTime() + TOTP_CLAIM_TTL_MS),
    );
    return claimed ? step : null;
  }

  private async useRecoveryCode(account: Account, code: string | null | undefined): Promise<boolean> {
    const normalised = normaliseRecoveryCode(code);
    if (!normalised) return false;
    const hash = hashRecoveryCode(this.deps.recoveryCodeKey, account.id, normalised);
    if (!account.mfa.recoveryCodeHashes.includes(hash)) return false;
    if (!(await this.claim(`${account.id}:recovery:${hash}`, account.id, null))) return false;
    await this.deps.accounts.pullRecoveryCode(account.id, hash);
    return true;
  }

  private async claim(id: string, accountId: string, expiresAt: Date | null): Promise<boolean> {
    try {
      await collectionOf<MfaClaimDocument>(this.claims).insertOne({ _id: id, accountId, createdAt: this.now(), expiresAt });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  private async rotate(tenant: Tenant, account: Account, principal: CustomerPrincipal): Promise<NewSession> {
    return this.deps.sessions.replace(tenant, account, principal.sessionId);
  }

  private async accountOf(principal: CustomerPrincipal): Promise<Account> {
    const account = await this.deps.accounts.findById(principal.accountId);
    if (!account || account.tenantId !== principal.tenantId) throw new NotFoundError('The account');
    return account;
  }
}

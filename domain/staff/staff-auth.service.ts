import { ErrorCode, ForbiddenError, PortalError, RateLimitedError } from '../../core/errors.js';
import type { SecretBox } from '../../core/secret-box.js';
import { newToken, tokenHash } from '../../core/tokens.js';
import { TOKEN_PREFIX, type StaffAuthenticator } from '../auth/authenticators.js';
import { audited, recordDenied, type AuditWriter } from '../audit/index.js';
import type { StaffPrincipal, StaffRole } from '../principal.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { rolesFromGroups } from './staff-roles.js';
import type { StaffSessionDocument, StaffSessionModel } from './staff-session.model.js';

export const STAFF_TOKEN_TTL_MS = 60 * 60 * 1000;
/**
 * Attempts per tenant and login name, on top of the per-address limit: guessing one admin's app
 * password from many addresses is bounded too. A successful sign-in clears the count, so the
 * admin is not locked out by their own earlier typos.
 */
export const STAFF_SIGN_IN_LOGIN_LIMIT = { limit: 10, windowMs: 15 * 60_000 };
export const STAFF_SESSION_MAX_MS = 12 * 60 * 60 * 1000;

export interface SignInMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface StaffSignInResult {
  token: string;
  roles: StaffRole[];
  expiresAt: Date;
  sessionId: string;
}

/**
 * Staff sign in with their Nextcloud login and an app password, verified live against the
 * tenant's own Nextcloud. The answer is an opaque `pst_` token valid for an hour. Used as a
 * Bearer token it simply ends then; used as the admin panel's cookie it is re-verified against
 * Nextcloud at that point (group changes apply within the hour) and lives at most 12 hours.
 */
export class StaffAuthService implements StaffAuthenticator {
  constructor(
    private readonly sessions: StaffSessionModel,
    private readonly nextcloud: NextcloudConnectors,
    private readonly appPasswords: SecretBox,
    private readonly audit: AuditWriter,
    private readonly now: () => Date = () => new Date(),
    private readonly loginThrottle?: RateLimiter,
  ) {}

  /** Every attempt is audited: refusals as `denied`, a session only together with its event. */
  async signIn(tenant: Tenant, loginName: string, appPassword: string, meta: SignInMeta = {}): Promise<StaffSignInResult> {
    const event = {
      tenantId: tenant.id,
      type: 'staff.signed-in' as const,
      actor: `staff:${loginName.slice(0, 128)}`,
      client: { ip: meta.ip ?? null, userAgent: meta.userAgent ?? null },
    };
    // Counted before the check (insert, then count): concurrent guesses cannot slip past.
    const throttleKey = `staff-signin:login:${tenant.id}:${loginName.toLowerCase().slice(0, 128)}`;
    const throttled = await this.loginThrottle?.hit(throttleKey, STAFF_SIGN_IN_LOGIN_LIMIT);
    if (throttled && !throttled.allowed) {
      if (throttled.firstRefusal) await recordDenied(this.audit, { ...event, details: { reason: ErrorCode.RATE_LIMITED } });
      throw new RateLimitedError(
        throttled.retryAfterSeconds,
        'Too many sign-in attempts for this login. Please wait and try again.',
      );
    }
    let roles: StaffRole[];
    try {
      roles = await this.verify(tenant, loginName, appPassword);
    } catch (error) {
      if (error instanceof PortalError && error.code !== ErrorCode.UPSTREAM_UNAVAILABLE) {
        await recordDenied(this.audit, { ...event, details: { reason: error.code } });
      }
      throw error;
    }
    const session = await audited(this.audit, { ...event, details: { roles } }, () =>
      this.createSession(tenant, loginName, appPassword, roles),
    );
    await this.loginThrottle?.reset(throttleKey);
    return session;
  }

  private async createSession(
    tenant: Tenant,
    loginName: string,
    appPassword: string,
    roles: StaffRole[],
  ): Promise<StaffSignInResult> {
    const token = newToken(TOKEN_PREFIX.staff);
    const now = this.now();
    const session: StaffSessionDocument = {
      _id: tokenHash(token),
      tenantId: tenant.id,
      loginName,
      roles,
      appPasswordSealed: this.appPasswords.seal(appPassword),
      createdAt: now,
      verifiedUntil: new Date(now.getTime() + STAFF_TOKEN_TTL_MS),
      expiresAt: new Date(now.getTime() + STAFF_SESSION_MAX_MS),
    };
    await this.sessions.create(session);
    return { token, roles, expiresAt: session.verifiedUntil, sessionId: session._id };
  }

  async authenticate(tenant: Tenant, token: string, via: 'cookie' | 'bearer' = 'bearer'): Promise<StaffPrincipal | null> {
    if (!token.startsWith(TOKEN_PREFIX.staff)) return null;
    const session = await this.sessions.findById(tokenHash(token)).lean<StaffSessionDocument>();
    if (!session || session.tenantId !== tenant.id) return null;
    const now = this.now();
    if (now >= session.expiresAt) {
      await this.sessions.deleteOne({ _id: session._id });
      return null;
    }
    if (now >= session.verifiedUntil) {
      if (via === 'bearer') return null;
      const renewed = await this.reverify(tenant, session, now);
      if (!renewed) return null;
      return this.principalOf(renewed);
    }
    return this.principalOf(session);
  }

  async signOut(token: string): Promise<void> {
    await this.sessions.deleteOne({ _id: tokenHash(token) });
  }

  /** Ends the session of a signed-in staff member (their principal carries the session id). */
  async endSession(principal: StaffPrincipal): Promise<void> {
    await audited(this.audit, { tenantId: principal.tenantId, type: 'logout', principal }, async () => {
      await this.sessions.deleteOne({ _id: principal.sessionId });
    });
  }

  private async verify(tenant: Tenant, loginName: string, appPassword: string): Promise<StaffRole[]> {
    const user = await this.nextcloud.for(tenant.id).authenticateUser(loginName, appPassword);
    if (!user) throw new PortalError(ErrorCode.INVALID_CREDENTIALS, 'The login name or app password is not correct.');
    const roles = rolesFromGroups(user.groups, tenant.portal.dpoGroup);
    if (roles.length === 0) throw new ForbiddenError('This Nextcloud account is neither an admin nor a DPO of this portal.');
    return roles;
  }

  /** A failed or refused re-check ends the session; an unreachable Nextcloud only denies this request. */
  private async reverify(tenant: Tenant, session: StaffSessionDocument, now: Date): Promise<StaffSessionDocument | null> {
    let roles: StaffRole[];
    try {
      roles = await this.verify(tenant, session.loginName, this.appPasswords.open(session.appPasswordSealed));
    } catch (error) {
      if (error instanceof PortalError && error.code === ErrorCode.UPSTREAM_UNAVAILABLE) return null;
      await this.sessions.deleteOne({ _id: session._id });
      return null;
    }
    const verifiedUntil = new Date(Math.min(now.getTime() + STAFF_TOKEN_TTL_MS, session.expiresAt.getTime()));
    await this.sessions.updateOne({ _id: session._id }, { $set: { roles, verifiedUntil } });
    return { ...session, roles, verifiedUntil };
  }

  private principalOf(session: StaffSessionDocument): StaffPrincipal {
    return {
      kind: 'staff',
      tenantId: session.tenantId,
      loginName: session.loginName,
      roles: session.roles,
      sessionId: session._id,
    };
  }
}

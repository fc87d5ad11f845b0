import type { Connection } from 'mongoose';
import { newToken, tokenHash } from '../../core/tokens.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import { TOKEN_PREFIX, type CustomerAuthenticator } from '../auth/authenticators.js';
import type { CustomerPrincipal } from '../principal.js';
import { customerPrincipalOf } from '../accounts/account-principal.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { sessionModel, type SessionDocument, type SessionKind, type SessionModel } from './session.model.js';

export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** An enrolment-only session is for scanning a QR code and typing one code: ten minutes. */
export const ENROLMENT_SESSION_TTL_MS = 10 * 60 * 1000;
/** lastSeenAt is written at most this often, so a busy page does not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
  /** For the cookie's Max-Age. */
  maxAgeSeconds: number;
}

export type SessionRevokeReason = 'sign-out' | 'rotated' | 'password-reset' | 'blocked' | 'closed' | 'mfa-changed';

/**
 * Customer sessions: opaque `ps_` tokens of 256 bits, stored only as their SHA-256. A session ends
 * at the tenant's absolute lifetime (sessionTtlHours), after 30 minutes without a request, or
 * when revoked; it is valid only on the tenant that issued it and only while the account is
 * ACTIVE.
 */
export class SessionService implements CustomerAuthenticator {
  readonly model: SessionModel;

  constructor(
    connection: Connection,
    private readonly accounts: AccountRepository,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.model = sessionModel(connection);
  }

  async create(tenant: Tenant, account: Account, kind: SessionKind = 'full'): Promise<NewSession> {
    const token = newToken(TOKEN_PREFIX.session);
    const now = this.now();
    const lifetime = kind === 'enrolment' ? ENROLMENT_SESSION_TTL_MS : tenant.portal.sessionTtlHours * HOUR_MS;
    const doc: SessionDocument = {
      _id: tokenHash(token),
      tenantId: tenant.id,
      accountId: account.id,
      kind,
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetime),
      lastSeenAt: now,
      revokedAt: null,
      revokedReason: null,
    };
    await this.model.collection.insertOne(doc as never);
    return { token, sessionId: doc._id, expiresAt: doc.expiresAt, maxAgeSeconds: Math.floor(lifetime / 1000) };
  }

  async authenticate(tenant: Tenant, token: string): Promise<CustomerPrincipal | null> {
    if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX.session) || token.length > 200) return null;
    const session = await this.model.collection.findOne<SessionDocument>({ _id: tokenHash(token) as never });
    if (!session || !this.isLive(session, tenant)) return null;
    const account = await this.accounts.findById(session.accountId);
    if (!account || account.tenantId !== tenant.id || account.status !== 'ACTIVE') return null;
    const now = this.now();
    if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      // By `_id` alone: the only filter the embedded engine answers from an index. It cannot bring
      // a revoked session back, because revoking deletes the document (see revoke).
      await this.model.collection.updateOne({ _id: session._id as never }, { $set: { lastSeenAt: now } });
    }
    return customerPrincipalOf(account, session._id, session.kind === 'enrolment');
  }

  /** When the session ends at the latest (absolute) and, without activity, sooner (idle). */
  async describe(sessionId: string): Promise<{ expiresAt: Date; idleExpiresAt: Date } | null> {
    const session = await this.model.collection.findOne<SessionDocument>({ _id: sessionId as never });
    if (!session) return null;
    return { expiresAt: session.expiresAt, idleExpiresAt: new Date(session.lastSeenAt.getTime() + SESSION_IDLE_TIMEOUT_MS) };
  }

  /**
   * Ends one session by deleting it. (Marking it revoked is not safe on the embedded engine: an
   * update there reads the document and writes all of it back, so a concurrent `lastSeenAt` write
   * could restore `revokedAt: null`. A deleted row stays deleted.) The reason is in the audit
   * trail of the action that revoked it; the parameter is kept for callers and logs.
   */
  async revoke(sessionId: string, _reason: SessionRevokeReason): Promise<void> {
    await this.model.collection.deleteOne({ _id: sessionId as never });
  }

  /** Ends every session of the account (password reset, block, closure); answers how many. */
  async revokeAllForAccount(accountId: string, _reason: SessionRevokeReason): Promise<number> {
    const result = await this.model.collection.deleteMany({ accountId });
    return result.deletedCount;
  }

  /**
   * Deletes sessions that can never be valid again (no TTL indexes on FerretDB). `revokedAt` is
   * only set on sessions stored before revoking became a delete.
   */
  async purgeExpired(now: Date = this.now()): Promise<number> {
    const result = await this.model.deleteMany({
      $or: [
        { expiresAt: { $lte: now } },
        { lastSeenAt: { $lte: new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS) } },
        { revokedAt: { $ne: null } },
      ],
    });
    return result.deletedCount;
  }

  private isLive(session: SessionDocument, tenant: Tenant): boolean {
    const now = this.now().getTime();
    if (session.tenantId !== tenant.id || session.revokedAt) return false;
    // A tenant that shortens sessionTtlHours shortens sessions already running, too.
    const ttlEnd = session.kind === 'full' ? session.createdAt.getTime() + tenant.portal.sessionTtlHours * HOUR_MS : Infinity;
    if (now >= Math.min(session.expiresAt.getTime(), ttlEnd)) return false;
    return now < session.lastSeenAt.getTime() + SESSION_IDLE_TIMEOUT_MS;
  }
}

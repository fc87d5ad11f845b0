import type { Connection } from 'mongoose';
import { createHash } from 'node:crypto';
import { newToken, tokenHash } from '../../core/tokens.js';
import { collectionOf } from '../../store/collection.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import { TOKEN_PREFIX, type CustomerAuthenticator } from '../auth/authenticators.js';
import type { ActingFor, CustomerPrincipal } from '../principal.js';
import { customerPrincipalOf } from '../accounts/account-principal.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { authChangesOf, type AuthChanges } from './auth-changes.js';
import { KeptSessions, type SessionRead } from './kept-sessions.js';
import { UNKNOWN_DEVICE, type SessionDevice } from './session-device.js';
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

/** Turns a session's chosen delegation into the company context, or null when it cannot be used now. */
export interface ActingContexts {
  contextFor(tenantId: string, granteeAccountId: string, delegationId: string): Promise<ActingFor | null>;
}

export type SessionRevokeReason =
  'sign-out' | 'rotated' | 'password-reset' | 'password-changed' | 'blocked' | 'closed' | 'mfa-changed' | 'signed-out-elsewhere';

/** One live session as its owner may see it: never its token nor the hash that finds it. */
export interface SessionView extends SessionDevice {
  /** A handle for revoking it (publicSessionId): derived one-way from the stored hash, so it authenticates nothing. */
  id: string;
  kind: SessionKind;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** The session this request came with. */
  current: boolean;
}

/**
 * The handle a customer sees for one of their sessions. The stored `_id` is the token's SHA-256;
 * hashing it once more under its own label gives a stable name that cannot be turned back into
 * either, so showing it to the browser adds nothing a thief could sign in with.
 */
export function publicSessionId(storedId: string): string {
  return `ses_${createHash('sha256').update('portal-session-view\0').update(storedId).digest('base64url').slice(0, 24)}`;
}

/**
 * Customer sessions: opaque `ps_` tokens of 256 bits, stored only as their SHA-256. A session ends
 * at the tenant's absolute lifetime (sessionTtlHours), after 30 minutes without a request, or
 * when revoked; it is valid only on the tenant that issued it and only while the account is
 * ACTIVE.
 */
export class SessionService implements CustomerAuthenticator {
  private readonly readFor = new WeakMap<CustomerPrincipal, { account: Account; expiresAt: Date }>();
  private readonly kept = new KeptSessions();
  readonly model: SessionModel;
  /** The stored sessions, typed with their string `_id` (the token's hash). */
  private get sessions() {
    return collectionOf<SessionDocument>(this.model);
  }

  constructor(
    connection: Connection,
    private readonly accounts: AccountRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly acting?: ActingContexts,
    /** Whether what this process kept of sessions and accounts is still current (auth-changes.ts). */
    private readonly changes: AuthChanges = authChangesOf(connection),
  ) {
    this.model = sessionModel(connection);
  }

  /** `device` is the signing-in request's, summarised (session-device.ts), for the sessions list. */
  async create(
    tenant: Tenant,
    account: Account,
    kind: SessionKind = 'full',
    device: SessionDevice = UNKNOWN_DEVICE,
  ): Promise<NewSession> {
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
      browser: device.browser,
      os: device.os,
      network: device.network,
    };
    await this.sessions.insertOne(doc);
    // As a hint of its owner only: the caller's copy of the account may predate its own last write.
    this.kept.keep(doc._id, { session: doc, account }, null);
    return { token, sessionId: doc._id, expiresAt: doc.expiresAt, maxAgeSeconds: Math.floor(lifetime / 1000) };
  }

  async authenticate(tenant: Tenant, token: string): Promise<CustomerPrincipal | null> {
    if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX.session) || token.length > 200) return null;
    const sessionId = tokenHash(token);
    const generation = this.changes.fresh();
    const kept = generation === null ? undefined : this.kept.get(sessionId, generation);
    // A session never moves between tenants: presented on another tenant's host it is refused
    // from the kept copy, without a read, and stays kept for its own tenant.
    if (kept && kept.session.tenantId !== tenant.id) return null;
    // A kept session that looks idle may have been used on another replica since: read it again.
    const read = kept && this.isLive(kept.session, tenant) ? kept : await this.read(sessionId, tenant, generation);
    if (!read) return null;
    const { session, account } = read;
    if (account.tenantId !== tenant.id || account.status !== 'ACTIVE') return null;
    const now = this.now();
    if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      // By `_id` alone: the only filter the embedded engine answers from an index. It cannot bring
      // a revoked session back, because revoking deletes the document (see revoke).
      await this.sessions.updateOne({ _id: session._id }, { $set: { lastSeenAt: now } });
      this.kept.seen(sessionId, now);
    }
    const own = customerPrincipalOf(account, session._id, session.kind === 'enrolment');
    const principal = session.actingFor && session.kind === 'full' ? await this.withContext(own, session.actingFor) : own;
    this.readFor.set(principal, { account, expiresAt: session.expiresAt });
    return principal;
  }

  /**
   * A live session and its account from the database, kept for later requests when no change was
   * heard of while reading (`generation` is the one current when the read began; null: kept only
   * as a hint of the session's owner).
   */
  private async read(sessionId: string, tenant: Tenant, generation: number | null): Promise<SessionRead | null> {
    // A session seen before: its account is read beside it rather than after it (kept-sessions.ts).
    const knownOwner = this.kept.ownerOf(sessionId);
    const [session, early] = await Promise.all([
      this.sessions.findOne<SessionDocument>({ _id: sessionId }),
      knownOwner === undefined ? undefined : this.accounts.findById(knownOwner),
    ]);
    if (!session || !this.isLive(session, tenant)) {
      this.kept.forget(sessionId);
      return null;
    }
    const account = knownOwner === session.accountId ? early : await this.accounts.findById(session.accountId);
    if (!account) return null;
    const unchanged = generation !== null && generation === this.changes.generation;
    this.kept.keep(sessionId, { session, account }, unchanged ? generation : null);
    return { session, account };
  }

  /**
   * The account and session expiry `authenticate` read for this principal, so that the same
   * request (e.g. the `viewer` query) does not read them again. Held by the principal object,
   * which lives as long as its request; nothing here outlives it.
   */
  readWhenAuthenticated(principal: CustomerPrincipal): { account: Account; expiresAt: Date } | undefined {
    return this.readFor.get(principal);
  }

  /**
   * Chooses the company context of a session (a delegation id), or "myself" (null). The caller
   * checks the delegation first (see DelegationService.contextFor); every request checks again.
   */
  async setActingFor(sessionId: string, delegationId: string | null): Promise<void> {
    await this.sessions.updateOne({ _id: sessionId }, { $set: { actingFor: delegationId } });
    await this.changes.changed();
  }

  /**
   * The principal in the session's company context. A context that can no longer be used
   * (revoked, expired, grantor blocked) falls back to "myself" for the next request, and this
   * one is marked lapsed so the policy refuses it rather than showing the person's own records.
   */
  private async withContext(principal: CustomerPrincipal, delegationId: string): Promise<CustomerPrincipal> {
    const acting = (await this.acting?.contextFor(principal.tenantId, principal.accountId, delegationId)) ?? null;
    if (acting) return { ...principal, actingFor: acting };
    await this.setActingFor(principal.sessionId, null);
    return { ...principal, actingLapsed: true };
  }

  /** When the session ends at the latest (absolute) and, without activity, sooner (idle). */
  async describe(sessionId: string): Promise<{ expiresAt: Date; idleExpiresAt: Date } | null> {
    const session = await this.sessions.findOne<SessionDocument>({ _id: sessionId });
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
    this.kept.forget(sessionId);
    await this.sessions.deleteOne({ _id: sessionId });
    // Announced even when nothing was deleted: a retry after a failed announcement finds the
    // session gone, and other processes must still hear of it.
    await this.changes.changed();
  }

  /**
   * A new full session on the same device in place of `oldSessionId` (privileges changed: MFA on
   * or off, a new password), so a copy of the old cookie stops working.
   */
  async replace(tenant: Tenant, account: Account, oldSessionId: string): Promise<NewSession> {
    const old = await this.sessions.findOne<SessionDocument>({ _id: oldSessionId });
    const device = old ? { browser: old.browser ?? null, os: old.os ?? null, network: old.network ?? null } : UNKNOWN_DEVICE;
    const session = await this.create(tenant, account, 'full', device);
    await this.revoke(oldSessionId, 'rotated');
    return session;
  }

  /** The account's live sessions, the current one first, then the most recently used. */
  async listForAccount(tenant: Tenant, accountId: string, currentSessionId: string): Promise<SessionView[]> {
    const live = (await this.sessionsOf(tenant, accountId)).filter((session) => this.isLive(session, tenant));
    return live
      .map((session) => this.view(session, currentSessionId))
      .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
  }

  /**
   * Ends one of the account's sessions by its public id; false when the account has no such
   * session (another account's session, an old or made-up id: all look the same).
   */
  async revokeByPublicId(tenant: Tenant, accountId: string, publicId: string): Promise<boolean> {
    const session = (await this.sessionsOf(tenant, accountId)).find((s) => publicSessionId(s._id) === publicId);
    if (!session) return false;
    await this.revoke(session._id, 'signed-out-elsewhere');
    return true;
  }

  /** "Sign out everywhere else": every session of the account except `keepSessionId`; answers how many. */
  async revokeOthers(
    accountId: string,
    keepSessionId: string,
    _reason: SessionRevokeReason = 'signed-out-elsewhere',
  ): Promise<number> {
    const result = await this.sessions.deleteMany({ accountId, _id: { $ne: keepSessionId } });
    await this.changes.changed();
    return result.deletedCount;
  }

  /** Ends every session of the account (password reset, block, closure); answers how many. */
  async revokeAllForAccount(accountId: string, _reason: SessionRevokeReason): Promise<number> {
    const result = await this.sessions.deleteMany({ accountId });
    await this.changes.changed();
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

  /**
   * Read by accountId: a scan on the embedded engine (only `_id` lookups are indexed there), which
   * is acceptable for a page a customer opens now and then; MongoDB uses the accountId index.
   */
  private async sessionsOf(tenant: Tenant, accountId: string): Promise<SessionDocument[]> {
    return this.sessions.find<SessionDocument>({ accountId, tenantId: tenant.id }).toArray();
  }

  private view(session: SessionDocument, currentSessionId: string): SessionView {
    return {
      id: publicSessionId(session._id),
      kind: session.kind,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      current: session._id === currentSessionId,
      browser: session.browser ?? null,
      os: session.os ?? null,
      network: session.network ?? null,
    };
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

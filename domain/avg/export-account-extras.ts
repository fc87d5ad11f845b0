import type { Connection } from 'mongoose';
import { pendingEmailModel } from '../profile/pending-email.model.js';
import { sessionModel, type SessionDocument } from '../sessions/session.model.js';

/**
 * The personal data about an account that the portal store holds outside the account document:
 * a pending new address (an email change not yet confirmed) and the sessions. Read-only, and
 * never a credential: a session's `_id` is the hash of its cookie token, so it is left out.
 */

export interface PendingEmailView {
  email: string;
  requestedAt: Date;
  expiresAt: Date;
}

export type SessionView = Pick<
  SessionDocument,
  'kind' | 'createdAt' | 'lastSeenAt' | 'expiresAt' | 'revokedAt' | 'revokedReason'
>;

export interface AccountExtras {
  pendingEmailChange: PendingEmailView | null;
  sessions: SessionView[];
}

export type AccountExtrasReader = (accountId: string) => Promise<AccountExtras>;

/** Sessions are purged a while after they end; whatever is still stored is exported. */
const MAX_SESSIONS = 1000;

export function accountExtrasReader(connection: Connection): AccountExtrasReader {
  const pending = pendingEmailModel(connection);
  const sessions = sessionModel(connection);
  return async (accountId) => {
    const [change, rows] = await Promise.all([
      pending.collection.findOne<PendingEmailView>({ _id: accountId as never }),
      sessions.collection.find<SessionDocument>({ accountId }, { sort: { createdAt: -1 }, limit: MAX_SESSIONS }).toArray(),
    ]);
    return {
      pendingEmailChange: change ? { email: change.email, requestedAt: change.requestedAt, expiresAt: change.expiresAt } : null,
      sessions: rows.map((row) => ({
        kind: row.kind,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
        revokedAt: row.revokedAt ?? null,
        revokedReason: row.revokedReason ?? null,
      })),
    };
  };
}

/** Closure and pseudonymisation: the pending new address goes (sessions are revoked elsewhere and purged by housekeeping). */
export function forgetAccountLeftovers(connection: Connection): (accountId: string) => Promise<void> {
  const pending = pendingEmailModel(connection);
  return async (accountId) => {
    await pending.deleteOne({ _id: accountId });
  };
}

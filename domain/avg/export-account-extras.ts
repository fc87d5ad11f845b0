import type { Connection } from 'mongoose';
import { delegationModel, type DelegationDocument } from '../delegation/delegation.model.js';
import { collectionOf } from '../../store/collection.js';
import { pendingEmailModel, type PendingEmailDocument } from '../profile/pending-email.model.js';
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

/** A delegation as either person's export lists it (issue 16): the grant, not the other person's account. */
export type DelegationExportView = Pick<
  DelegationDocument,
  'grantorClientId' | 'granteeEmail' | 'scopes' | 'validFrom' | 'validUntil' | 'createdAt' | 'activatedAt' | 'revokedAt'
> & { id: string };

export interface AccountExtras {
  pendingEmailChange: PendingEmailView | null;
  sessions: SessionView[];
  /** Access the account gave to others for its company, and access others gave it. */
  delegations?: { granted: DelegationExportView[]; received: DelegationExportView[] };
}

export type AccountExtrasReader = (accountId: string) => Promise<AccountExtras>;

/** Sessions are purged a while after they end; whatever is still stored is exported. */
const MAX_SESSIONS = 1000;

export function accountExtrasReader(connection: Connection): AccountExtrasReader {
  const pending = pendingEmailModel(connection);
  const sessions = sessionModel(connection);
  const delegations = delegationModel(connection);
  const grants = (filter: Record<string, string>) =>
    delegations.collection
      .find<DelegationDocument>(filter, { sort: { createdAt: -1 }, limit: MAX_SESSIONS })
      .toArray()
      .then((docs) => docs.map(delegationExportView));
  return async (accountId) => {
    const [change, rows, granted, received] = await Promise.all([
      collectionOf<PendingEmailDocument>(pending).findOne({ _id: accountId }),
      sessions.collection.find<SessionDocument>({ accountId }, { sort: { createdAt: -1 }, limit: MAX_SESSIONS }).toArray(),
      grants({ grantorAccountId: accountId }),
      grants({ granteeAccountId: accountId }),
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
      delegations: { granted, received },
    };
  };
}

function delegationExportView(doc: DelegationDocument): DelegationExportView {
  return {
    id: doc._id,
    grantorClientId: doc.grantorClientId,
    granteeEmail: doc.granteeEmail,
    scopes: doc.scopes,
    validFrom: doc.validFrom,
    validUntil: doc.validUntil ?? null,
    createdAt: doc.createdAt,
    activatedAt: doc.activatedAt ?? null,
    revokedAt: doc.revokedAt ?? null,
  };
}

/** Closure and pseudonymisation: the pending new address goes (sessions are revoked elsewhere and purged by housekeeping). */
export function forgetAccountLeftovers(connection: Connection): (accountId: string) => Promise<void> {
  const pending = pendingEmailModel(connection);
  return async (accountId) => {
    await pending.deleteOne({ _id: accountId });
  };
}

import type { DelegationDocument } from './delegation.model.js';

/**
 * Where a grant stands now. PENDING: nobody with that address has an active account yet.
 * SCHEDULED: bound, but validFrom lies ahead. EXPIRED: past validUntil. REVOKED: ended by
 * grantor or grantee. (A grantor who is blocked or closed stops the grant too; that is checked
 * on use, see DelegationService.contextFor, since it is the account's state, not the grant's.)
 */
export const DELEGATION_STATUSES = ['PENDING', 'SCHEDULED', 'ACTIVE', 'EXPIRED', 'REVOKED'] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];

type Dates = Pick<DelegationDocument, 'validFrom' | 'validUntil' | 'revokedAt'>;

/** Not revoked, validFrom ≤ now and (no end, or now < validUntil). */
export function isLive(doc: Dates, now: Date): boolean {
  if (doc.revokedAt) return false;
  if (doc.validFrom.getTime() > now.getTime()) return false;
  return !doc.validUntil || now.getTime() < doc.validUntil.getTime();
}

export function delegationStatusOf(doc: Dates & Pick<DelegationDocument, 'granteeAccountId'>, now: Date): DelegationStatus {
  if (doc.revokedAt) return 'REVOKED';
  if (doc.validUntil && now.getTime() >= doc.validUntil.getTime()) return 'EXPIRED';
  if (!doc.granteeAccountId) return 'PENDING';
  return doc.validFrom.getTime() > now.getTime() ? 'SCHEDULED' : 'ACTIVE';
}

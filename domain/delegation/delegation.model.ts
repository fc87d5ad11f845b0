import { Schema, type Connection, type Model } from 'mongoose';
import type { DelegationScope } from './delegation.scopes.js';

/**
 * A company's grant of scopes to another person of the same tenant. The grantee is named by
 * address; `granteeAccountId` stays null until an ACTIVE account with that address exists in the
 * tenant (then it binds, once, and never moves to another account). Ending a grant sets
 * `revokedAt`; documents are kept for the audit and the data exports of both persons.
 */
export interface DelegationDocument {
  _id: string;
  tenantId: string;
  grantorAccountId: string;
  /** The grantor's company (Pipelinq `client`) at grant time: what the grantee sees. */
  grantorClientId: string;
  /** Normalised (trimmed, lower-cased), as account addresses are. */
  granteeEmail: string;
  granteeAccountId: string | null;
  scopes: DelegationScope[];
  validFrom: Date;
  validUntil: Date | null;
  createdAt: Date;
  /** When the grant bound to the grantee's account. */
  activatedAt: Date | null;
  revokedAt: Date | null;
  /** `account:<id>` of whoever ended it (grantor or grantee). */
  revokedBy: string | null;
}

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const schema = new Schema<DelegationDocument>(
  {
    _id: String,
    tenantId: String,
    grantorAccountId: String,
    grantorClientId: String,
    granteeEmail: String,
    granteeAccountId: String,
    scopes: [String],
    validFrom: Date,
    validUntil: Date,
    createdAt: Date,
    activatedAt: Date,
    revokedAt: Date,
    revokedBy: String,
  },
  { collection: 'delegations' },
);
schema.index({ tenantId: 1, grantorAccountId: 1 });
schema.index({ tenantId: 1, granteeAccountId: 1 });
schema.index({ tenantId: 1, granteeEmail: 1 });

export type DelegationModel = Model<DelegationDocument>;

export function delegationModel(connection: Connection): DelegationModel {
  return (
    (connection.models.Delegation as DelegationModel | undefined) ?? connection.model<DelegationDocument>('Delegation', schema)
  );
}

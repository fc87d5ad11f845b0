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

const schema = new Schema<DelegationDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    grantorAccountId: { type: String, required: true },
    grantorClientId: { type: String, required: true },
    granteeEmail: { type: String, required: true },
    granteeAccountId: { type: String, default: null },
    scopes: { type: [String], required: true },
    validFrom: { type: Date, required: true },
    validUntil: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    activatedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: String, default: null },
  },
  { collection: 'delegations', versionKey: false },
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

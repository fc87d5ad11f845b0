import { Schema, type Connection, type Model } from 'mongoose';

/** What a single-use link is for; each purpose is accepted only by its own mutation. */
export type AccountTokenPurpose = 'activation' | 'password-reset' | 'email-change' | 'account-closure';

/**
 * A single-use link token (activation, password reset, …). Only the token's SHA-256 is stored, as
 * `_id`; using it deletes the document, and the delete that succeeds is the one use there is.
 */
export interface AccountTokenDocument {
  _id: string;
  purpose: AccountTokenPurpose;
  tenantId: string;
  accountId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Purpose-specific data, e.g. the new address of an email change. */
  data: Record<string, string> | null;
}

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const schema = new Schema<AccountTokenDocument>(
  {
    _id: String,
    purpose: String,
    tenantId: String,
    accountId: String,
    createdAt: Date,
    expiresAt: Date,
    data: Schema.Types.Mixed,
  },
  { collection: 'accountTokens' },
);
schema.index({ accountId: 1, purpose: 1 });
schema.index({ expiresAt: 1 });

export type AccountTokenModel = Model<AccountTokenDocument>;

export function accountTokenModel(connection: Connection): AccountTokenModel {
  return (
    (connection.models.AccountToken as AccountTokenModel | undefined) ??
    connection.model<AccountTokenDocument>('AccountToken', schema)
  );
}

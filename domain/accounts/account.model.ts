import { Schema, type Connection, type Model } from 'mongoose';
import type { Account } from './account.types.js';

/** The stored account: the domain's Account with its id as `_id`. */
export type AccountDocument = Omit<Account, 'id'> & { _id: string };

/**
 * The uniqueness claim for an address in a tenant, keyed by `tenantId:email` in `_id`. It is
 * inserted before the account, so of two concurrent invitations for one address exactly one
 * wins on every engine, and it turns "find the account for this address" into an `_id` lookup
 * (the only lookup FerretDB serves from an index).
 */
export interface AccountEmailDocument {
  _id: string;
  tenantId: string;
  accountId: string;
  createdAt: Date;
}

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const accountSchema = new Schema<AccountDocument>(
  {
    _id: String,
    tenantId: String,
    email: String,
    type: String,
    status: String,
    clientId: String,
    contactId: String,
    locale: String,
    passwordHash: String,
    passwordChangedAt: Date,
    mfa: Schema.Types.Mixed,
    failuresResetAt: Date,
    invitedBy: String,
    createdAt: Date,
    activatedAt: Date,
    lastSignInAt: Date,
    emailHash: String,
  },
  { collection: 'accounts' },
);
// The database-level guarantee behind the claim documents (MongoDB serves lookups from it too).
accountSchema.index({ tenantId: 1, email: 1 }, { unique: true });
accountSchema.index({ tenantId: 1, createdAt: -1 });

const accountEmailSchema = new Schema<AccountEmailDocument>(
  {
    _id: String,
    tenantId: String,
    accountId: String,
    createdAt: Date,
  },
  { collection: 'accountEmails' },
);

export type AccountModel = Model<AccountDocument>;
export type AccountEmailModel = Model<AccountEmailDocument>;

export function accountModel(connection: Connection): AccountModel {
  return (connection.models.Account as AccountModel | undefined) ?? connection.model<AccountDocument>('Account', accountSchema);
}

export function accountEmailModel(connection: Connection): AccountEmailModel {
  return (
    (connection.models.AccountEmail as AccountEmailModel | undefined) ??
    connection.model<AccountEmailDocument>('AccountEmail', accountEmailSchema)
  );
}

export const emailClaimId = (tenantId: string, email: string): string => `${tenantId}:${email}`;

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

const accountSchema = new Schema<AccountDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    email: { type: String, required: true },
    type: { type: String, required: true },
    status: { type: String, required: true },
    clientId: { type: String, required: true },
    contactId: { type: String, default: null },
    locale: { type: String, required: true },
    passwordHash: { type: String, default: null },
    passwordChangedAt: { type: Date, default: null },
    mfa: { type: Schema.Types.Mixed, required: true },
    failuresResetAt: { type: Date, default: null },
    invitedBy: { type: String, default: null },
    createdAt: { type: Date, required: true },
    activatedAt: { type: Date, default: null },
    lastSignInAt: { type: Date, default: null },
    emailHash: { type: String, default: null },
  },
  { collection: 'accounts', versionKey: false, minimize: false },
);
// The database-level guarantee behind the claim documents (MongoDB serves lookups from it too).
accountSchema.index({ tenantId: 1, email: 1 }, { unique: true });
accountSchema.index({ tenantId: 1, createdAt: -1 });

const accountEmailSchema = new Schema<AccountEmailDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    accountId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'accountEmails', versionKey: false },
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

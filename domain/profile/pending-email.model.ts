import { Schema, type Connection, type Model } from 'mongoose';

/**
 * An email change waiting for confirmation, one per account (`_id` is the account id, so the
 * profile finds it with the one lookup FerretDB indexes, and a new request simply replaces it).
 * The link token itself is an `email-change` account token; this document only lets the profile
 * show the pending address. It holds an address, so it is deleted on confirmation and by
 * purgeExpired() once stale.
 */
export interface PendingEmailDocument {
  _id: string;
  tenantId: string;
  email: string;
  requestedAt: Date;
  expiresAt: Date;
}

const schema = new Schema<PendingEmailDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    email: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'pendingEmailChanges', versionKey: false },
);
schema.index({ expiresAt: 1 });

export type PendingEmailModel = Model<PendingEmailDocument>;

export function pendingEmailModel(connection: Connection): PendingEmailModel {
  return (
    (connection.models.PendingEmailChange as PendingEmailModel | undefined) ??
    connection.model<PendingEmailDocument>('PendingEmailChange', schema)
  );
}

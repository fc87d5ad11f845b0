import { Schema, type Connection, type Model } from 'mongoose';

/**
 * "This one-time code has been used": an accepted TOTP step (`<account>:totp:<secret id>:<step>`)
 * or recovery code (`<account>:recovery:<hash>`). Inserting the claim is the use, so of two
 * concurrent requests with the same code exactly one wins on every engine.
 */
export interface MfaClaimDocument {
  _id: string;
  accountId: string;
  createdAt: Date;
  /** TOTP claims only matter while the code could still be valid; recovery claims never expire. */
  expiresAt: Date | null;
}

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const schema = new Schema<MfaClaimDocument>(
  {
    _id: String,
    accountId: String,
    createdAt: Date,
    expiresAt: Date,
  },
  { collection: 'mfaClaims' },
);
schema.index({ expiresAt: 1 });

export type MfaClaimModel = Model<MfaClaimDocument>;

export function mfaClaimModel(connection: Connection): MfaClaimModel {
  return (connection.models.MfaClaim as MfaClaimModel | undefined) ?? connection.model<MfaClaimDocument>('MfaClaim', schema);
}

import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A sign-in attempt that counts toward the lockout of an address. It is inserted BEFORE the
 * password is checked and deleted again only when the attempt turns out not to be a failure, so
 * while attempts run concurrently each one already counts against the others (see lockout.ts).
 * Keyed by tenant + normalised address, not account id: unknown addresses lock exactly like known
 * ones, so the lockout itself does not reveal which addresses have accounts.
 *
 * Stored here on MongoDB only; on the embedded engine the same records live in the gateway's
 * memory (attempt-store.ts says why).
 */
export interface SignInAttemptDocument {
  _id: string;
  key: string;
  at: Date;
  /**
   * True while the attempt is being decided. It counts as a failure meanwhile; refusals because
   * of a lock look at decided failures too (see SignInService).
   */
  pending: boolean;
  expiresAt: Date;
}

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const schema = new Schema<SignInAttemptDocument>(
  {
    _id: String,
    key: String,
    at: Date,
    pending: Boolean,
    expiresAt: Date,
  },
  { collection: 'signInAttempts' },
);
schema.index({ key: 1, at: 1 });
schema.index({ expiresAt: 1 });

export type SignInAttemptModel = Model<SignInAttemptDocument>;

export function signInAttemptModel(connection: Connection): SignInAttemptModel {
  return (
    (connection.models.SignInAttempt as SignInAttemptModel | undefined) ??
    connection.model<SignInAttemptDocument>('SignInAttempt', schema)
  );
}

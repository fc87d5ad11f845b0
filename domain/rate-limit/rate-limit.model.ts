import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One counted hit of a rate-limited action. Hits are inserted, never incremented: concurrent
 * requests on FerretDB would lose `$inc` updates to the same document, while inserts always land,
 * so counting after inserting cannot be raced past.
 *
 * The rate limiter stores its hits here on MongoDB only; on the embedded engine it keeps them in
 * memory (hit-store.ts says why). Request-submission quotas (portal-data) always use this collection.
 */
export interface RateLimitHitDocument {
  _id: string;
  key: string;
  at: Date;
  /** When the hit no longer counts for any window; purgeExpired deletes it after that. */
  expiresAt: Date;
}

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const schema = new Schema<RateLimitHitDocument>(
  {
    _id: String,
    key: String,
    at: Date,
    expiresAt: Date,
  },
  { collection: 'rateLimitHits' },
);
// Serves the count on MongoDB; FerretDB scans, which the purge keeps cheap.
schema.index({ key: 1, at: 1 });
schema.index({ expiresAt: 1 });

export type RateLimitHitModel = Model<RateLimitHitDocument>;

export function rateLimitHitModel(connection: Connection): RateLimitHitModel {
  return (
    (connection.models.RateLimitHit as RateLimitHitModel | undefined) ??
    connection.model<RateLimitHitDocument>('RateLimitHit', schema)
  );
}

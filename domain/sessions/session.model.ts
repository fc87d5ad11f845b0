import { Schema, type Connection, type Model } from 'mongoose';

/** `full` may do everything a customer may; `enrolment` may only finish MFA enrolment. */
export type SessionKind = 'full' | 'enrolment';

/**
 * A customer session. `_id` is the SHA-256 of the opaque cookie token, so a leaked database
 * holds no usable token and every request finds its session by `_id`.
 */
export interface SessionDocument {
  _id: string;
  tenantId: string;
  accountId: string;
  kind: SessionKind;
  createdAt: Date;
  /** Absolute end, fixed at sign-in from the tenant's sessionTtlHours. */
  expiresAt: Date;
  /** Last request seen, kept to the minute; the idle timeout counts from here. */
  lastSeenAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  /**
   * The delegation (domain/delegation) this session acts under, null or absent for "myself".
   * On the session, not in a header, so GraphQL and the download links it mints agree.
   */
  actingFor?: string | null;
  /** The device that opened it, summarised (session-device.ts); absent on sessions stored before. */
  browser?: string | null;
  os?: string | null;
  network?: string | null;
}

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const schema = new Schema<SessionDocument>(
  {
    _id: String,
    tenantId: String,
    accountId: String,
    kind: String,
    createdAt: Date,
    expiresAt: Date,
    lastSeenAt: Date,
    revokedAt: Date,
    revokedReason: String,
    actingFor: String,
    browser: String,
    os: String,
    network: String,
  },
  { collection: 'sessions' },
);
schema.index({ accountId: 1 });
schema.index({ expiresAt: 1 });

export type SessionModel = Model<SessionDocument>;

export function sessionModel(connection: Connection): SessionModel {
  return (connection.models.Session as SessionModel | undefined) ?? connection.model<SessionDocument>('Session', schema);
}

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

const schema = new Schema<SessionDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    accountId: { type: String, required: true },
    kind: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
    actingFor: { type: String, default: null },
    browser: { type: String, default: null },
    os: { type: String, default: null },
    network: { type: String, default: null },
  },
  { collection: 'sessions', versionKey: false },
);
schema.index({ accountId: 1 });
schema.index({ expiresAt: 1 });

export type SessionModel = Model<SessionDocument>;

export function sessionModel(connection: Connection): SessionModel {
  return (connection.models.Session as SessionModel | undefined) ?? connection.model<SessionDocument>('Session', schema);
}

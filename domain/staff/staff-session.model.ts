import { Schema, type Connection, type Model } from 'mongoose';
import type { StaffRole } from '../principal.js';

/**
 * A staff member signed in with their Nextcloud app password. Keyed by the token's hash. The app
 * password is kept sealed so a cookie session can be re-verified against Nextcloud when its hour
 * runs out: a staff member removed from the admin group loses access within the hour.
 */
export interface StaffSessionDocument {
  _id: string;
  tenantId: string;
  loginName: string;
  roles: StaffRole[];
  appPasswordSealed: string;
  createdAt: Date;
  /** Until when the roles count as verified; a Bearer token ends here. */
  verifiedUntil: Date;
  /** No renewal past this point, whatever Nextcloud says. */
  expiresAt: Date;
}

const schema = new Schema<StaffSessionDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    loginName: { type: String, required: true },
    roles: { type: [String], required: true },
    appPasswordSealed: { type: String, required: true },
    createdAt: { type: Date, required: true },
    verifiedUntil: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'staffSessions', versionKey: false },
);

export type StaffSessionModel = Model<StaffSessionDocument>;

export function staffSessionModel(connection: Connection): StaffSessionModel {
  return (
    (connection.models.StaffSession as StaffSessionModel | undefined) ??
    connection.model<StaffSessionDocument>('StaffSession', schema)
  );
}

import { Schema, type Connection, type Model } from 'mongoose';
import type { PortalSettings } from './portal-settings.js';

/** Where a tenant's records live: its Nextcloud, the service account and the OpenRegister ids. */
export interface NextcloudSettings {
  baseUrl: string;
  loginName: string;
  /** The app password, sealed with the tenant-credentials secret box; never stored in clear. */
  appPasswordSealed: string;
  register: string;
  /** Resource key (client, contact, posTransaction, contract, request, …) → schema slug or id. */
  schemas: Record<string, string>;
  /** Overrides of Pipelinq's property names per record kind; null means the defaults. */
  fieldMapping?: Record<string, unknown> | null;
}

export interface TenantDocument {
  _id: string;
  nextcloud: NextcloudSettings;
  timeZone: string;
  /** Null until the tenant's admin saves the portal configuration for the first time. */
  portal: PortalSettings | null;
  portalSavedBy: string | null;
  portalSavedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const tenantSchema = new Schema<TenantDocument>(
  {
    _id: { type: String, required: true },
    nextcloud: { type: Schema.Types.Mixed, required: true },
    timeZone: { type: String, required: true, default: 'Europe/Amsterdam' },
    portal: { type: Schema.Types.Mixed, default: null },
    portalSavedBy: { type: String, default: null },
    portalSavedAt: { type: Date, default: null },
  },
  { collection: 'tenants', timestamps: true, versionKey: false, minimize: false },
);

export type TenantModel = Model<TenantDocument>;

export function tenantModel(connection: Connection): TenantModel {
  return (connection.models.Tenant as TenantModel | undefined) ?? connection.model<TenantDocument>('Tenant', tenantSchema);
}

import { Schema, type Connection, type Model } from 'mongoose';
import type { ApiTokenScope } from './api-token.scopes.js';

/**
 * A partner API token. `_id` is the SHA-256 of the secret (shown once, never stored), so every
 * Bearer request finds its token by `_id`; `publicId` is what the owner sees and revokes by.
 */
export interface ApiTokenDocument {
  _id: string;
  publicId: string;
  tenantId: string;
  accountId: string;
  name: string;
  scopes: ApiTokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Null (or missing on tokens made before expiry existed): the token lives until revoked. */
  expiresAt?: Date | null;
}

const schema = new Schema<ApiTokenDocument>(
  {
    _id: { type: String, required: true },
    publicId: { type: String, required: true },
    tenantId: { type: String, required: true },
    accountId: { type: String, required: true },
    name: { type: String, required: true },
    scopes: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    expiresAt: { type: Date, default: null },
  },
  { collection: 'apiTokens', versionKey: false },
);
schema.index({ publicId: 1 }, { unique: true });
schema.index({ accountId: 1 });

export type ApiTokenModel = Model<ApiTokenDocument>;

export function apiTokenModel(connection: Connection): ApiTokenModel {
  return (connection.models.ApiToken as ApiTokenModel | undefined) ?? connection.model<ApiTokenDocument>('ApiToken', schema);
}

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

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const schema = new Schema<ApiTokenDocument>(
  {
    _id: String,
    publicId: String,
    tenantId: String,
    accountId: String,
    name: String,
    scopes: [String],
    createdAt: Date,
    lastUsedAt: Date,
    revokedAt: Date,
    expiresAt: Date,
  },
  { collection: 'apiTokens' },
);
schema.index({ publicId: 1 }, { unique: true });
schema.index({ accountId: 1 });

export type ApiTokenModel = Model<ApiTokenDocument>;

export function apiTokenModel(connection: Connection): ApiTokenModel {
  return (connection.models.ApiToken as ApiTokenModel | undefined) ?? connection.model<ApiTokenDocument>('ApiToken', schema);
}

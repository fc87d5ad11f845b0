import { Schema, type Connection, type Model } from 'mongoose';

/**
 * An uploaded logo or favicon, content-addressed: `_id` is the sha256 of the bytes, so the
 * serving route's lookup is an `_id` lookup (the only indexed one on FerretDB) and an asset never
 * changes under its URL, which is what lets browsers cache it for a year.
 */
export interface PortalAssetDocument {
  _id: string;
  /** Sniffed from the bytes at upload, never taken from the uploader's claim. */
  mimeType: string;
  size: number;
  data: Buffer;
  createdAt: Date;
}

const schema = new Schema<PortalAssetDocument>(
  {
    _id: { type: String, required: true },
    mimeType: { type: String, required: true },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'portalAssets', versionKey: false },
);

export type PortalAssetModel = Model<PortalAssetDocument>;

export function portalAssetModel(connection: Connection): PortalAssetModel {
  return (
    (connection.models.PortalAsset as PortalAssetModel | undefined) ??
    connection.model<PortalAssetDocument>('PortalAsset', schema)
  );
}

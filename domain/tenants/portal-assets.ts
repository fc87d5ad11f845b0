import type { ImageUpload } from './config/images.js';
import type { PortalAssetDocument, PortalAssetModel } from './portal-asset.model.js';

const DUPLICATE_KEY = 11000;

export interface PortalAsset {
  mimeType: string;
  data: Buffer;
}

/** The store of uploaded logos and favicons (see portal-asset.model.ts). */
export class PortalAssetStore {
  constructor(
    private readonly model: PortalAssetModel,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores the bytes unless an identical upload is already there (same hash, same bytes). */
  async put(upload: ImageUpload): Promise<void> {
    try {
      await this.model.create({
        _id: upload.sha256,
        mimeType: upload.mimeType,
        size: upload.bytes.length,
        data: upload.bytes,
        createdAt: this.now(),
      } satisfies PortalAssetDocument);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  async get(sha256: string): Promise<PortalAsset | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const doc = await this.model.findById(sha256).lean<PortalAssetDocument>();
    if (!doc) return null;
    // The driver hands back BSON Binary for lean reads; the route wants a Buffer.
    const data = Buffer.isBuffer(doc.data) ? doc.data : Buffer.from((doc.data as unknown as { buffer: Uint8Array }).buffer);
    return { mimeType: doc.mimeType, data };
  }
}

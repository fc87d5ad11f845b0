import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { TEST_IMAGES } from './config/test-images.js';
import type { ImageUpload } from './config/images.js';
import { portalAssetModel } from './portal-asset.model.js';
import { PortalAssetStore } from './portal-assets.js';

/** The uploaded logos and favicons, content-addressed (real database). */
const db = useTestDatabase();
const store = () => new PortalAssetStore(portalAssetModel(db()), () => new Date('2026-04-01T12:00:00Z'));
const uploadOf = (bytes: Buffer, mimeType: ImageUpload['mimeType'] = 'image/png'): ImageUpload => ({
  kind: 'logo',
  mimeType,
  bytes,
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

describe('PortalAssetStore', () => {
  it('serves the stored bytes and type under their hash, and stores each image once however often it is saved', async () => {
    const upload = uploadOf(TEST_IMAGES.png);
    await store().put(upload);
    await store().put(upload); // the same logo saved again is no error
    const asset = await store().get(upload.sha256);
    expect(asset?.mimeType).toBe('image/png');
    expect(Buffer.isBuffer(asset?.data)).toBe(true);
    expect(asset?.data.equals(TEST_IMAGES.png)).toBe(true);
    const stored = await portalAssetModel(db()).find({ _id: upload.sha256 }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ size: TEST_IMAGES.png.length, createdAt: new Date('2026-04-01T12:00:00Z') });
  });

  it('answers nothing for an unknown hash or anything that is not one', async () => {
    const upload = uploadOf(TEST_IMAGES.jpeg, 'image/jpeg');
    await store().put(upload);
    expect(await store().get(uploadOf(TEST_IMAGES.webp).sha256)).toBeNull();
    for (const id of [upload.sha256.toUpperCase(), `${upload.sha256}0`, upload.sha256.slice(1), `x${upload.sha256}`, '']) {
      expect(await store().get(id)).toBeNull();
    }
  });

  it('passes on a database refusal that is not a duplicate', async () => {
    // A document without its hash is refused by the model, not taken for an upload already stored.
    await expect(store().put({ ...uploadOf(TEST_IMAGES.ico, 'image/x-icon'), sha256: '' })).rejects.toThrow();
  });

  it('stamps an upload with the time it was stored', async () => {
    const upload = uploadOf(Buffer.concat([TEST_IMAGES.png, Buffer.from('stamped')]));
    const before = Date.now();
    await new PortalAssetStore(portalAssetModel(db())).put(upload);
    const stored = await portalAssetModel(db()).findById(upload.sha256).lean();
    expect(stored!.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(stored!.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

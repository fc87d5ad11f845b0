import { createHash } from 'node:crypto';
import { accept, refuse, type Checked } from './problems.js';

export type ImageKind = 'logo' | 'favicon';
export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/x-icon';

/** Decoded size limits: a logo is shown in a header, a favicon in a tab. */
export const IMAGE_LIMITS: Record<ImageKind, number> = { logo: 512 * 1024, favicon: 128 * 1024 };

export interface ImageUpload {
  kind: ImageKind;
  mimeType: ImageMimeType;
  bytes: Buffer;
  sha256: string;
}

// Past the end a Buffer reads `undefined`, which no signature byte equals: a short file simply does not match.
const startsWith = (bytes: Buffer, signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);

/**
 * The image type from the file's own first bytes. The declared type of a data URL (or a file
 * name) is what the uploader claims; an SVG or HTML file labelled image/png would otherwise be
 * served from our origin. SVG is refused outright: it is a document that can carry script.
 */
export function sniffImageType(bytes: Buffer): ImageMimeType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  // ICONDIR: reserved 0, type 1 (icon, not cursor), at least one image.
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes.length >= 6 && bytes.readUInt16LE(4) > 0) return 'image/x-icon';
  return null;
}

const LABELS: Record<ImageKind, string> = { logo: 'Logo', favicon: 'Favicon' };
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** A `data:<type>;base64,<data>` upload → checked bytes with their sniffed type and sha256. */
export function parseImageDataUrl(kind: ImageKind, raw: string): Checked<ImageUpload> {
  const label = LABELS[kind];
  const limit = IMAGE_LIMITS[kind];
  const match = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/s.exec(raw.trim());
  if (!match || !match[2]!.split(';').includes('base64')) {
    return refuse('IMAGE_NOT_DATA_URL', `${label} must be uploaded as a base64 data URL (data:image/png;base64,…).`);
  }
  const data = match[3]!.replace(/\s+/g, '');
  // Checked before decoding, so an oversized upload costs no more than reading it.
  if (Math.floor((data.length * 3) / 4) - 2 > limit)
    return refuse('IMAGE_TOO_LARGE', `${label} is larger than ${kb(limit)}.`, { maxKilobytes: Math.round(limit / 1024) });
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 === 1)
    return refuse('IMAGE_INVALID_BASE64', `${label} is not valid base64 data.`);
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length === 0) return refuse('IMAGE_EMPTY', `${label} is empty.`);
  if (bytes.length > limit)
    return refuse('IMAGE_TOO_LARGE', `${label} is ${kb(bytes.length)}; at most ${kb(limit)} is allowed.`, {
      maxKilobytes: Math.round(limit / 1024),
    });
  const mimeType = sniffImageType(bytes);
  if (!mimeType)
    return refuse(
      'IMAGE_TYPE_NOT_ALLOWED',
      `${label} must be a PNG, JPEG, WebP or ICO image (SVG is not accepted); the file content is none of these.`,
    );
  return accept({ kind, mimeType, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
}

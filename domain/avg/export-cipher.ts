import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { deriveKey } from '../../core/crypto.js';

/**
 * Encryption at rest of export archives: AES-256-GCM in segments (the STREAM construction).
 *
 * Why segments and not one GCM stream with its tag at the end: a download streams, so with one tag
 * the first bytes would be on their way before anything could tell a tampered archive from a good
 * one. Here every 64 KiB segment carries its own tag and is released only after it verified, so
 * no unauthenticated byte ever leaves the gateway. The nonce holds the segment's number and a
 * "last segment" flag, so segments cannot be reordered, dropped, repeated, or the archive cut
 * short or extended at a segment boundary without the check failing.
 *
 * Keys: one sub-key of PORTAL_SECRET_KEY for export archives (HKDF, label `export-archives`), and
 * from it one key per archive (HKDF with a random salt kept in the file's metadata, and the export
 * id as info). A fresh key per archive means nonces can never repeat across archives, and an
 * archive copied under another export's id does not decrypt.
 */

export const ARCHIVE_SCHEME = 'aes-256-gcm-segments/v1';
/** Plaintext bytes per segment. */
export const SEGMENT_BYTES = 64 * 1024;
const TAG_BYTES = 16;
/** A stored segment: ciphertext plus its tag. The GridFS chunk size, so a chunk is a segment. */
export const SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;
const SALT_BYTES = 16;

/** What a reader needs besides the key; stored with the archive (nothing in it is secret). */
export interface ArchiveSealing {
  scheme: typeof ARCHIVE_SCHEME;
  /** Base64url, random per archive. */
  salt: string;
  segmentBytes: number;
}

/** A segment failed authentication: the stored archive was changed or damaged. */
export class ArchiveIntegrityError extends Error {
  constructor(message = 'the stored export archive failed authentication') {
    super(message);
    this.name = 'ArchiveIntegrityError';
  }
}

export function isArchiveSealing(value: unknown): value is ArchiveSealing {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.scheme === ARCHIVE_SCHEME && typeof v.salt === 'string' && v.segmentBytes === SEGMENT_BYTES;
}

function nonceOf(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(index, 7);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export class ArchiveCipher {
  private readonly masterKey: Buffer;

  constructor(secretKey: string | Buffer) {
    this.masterKey = deriveKey(secretKey, 'export-archives');
  }

  newSealing(): ArchiveSealing {
    return { scheme: ARCHIVE_SCHEME, salt: randomBytes(SALT_BYTES).toString('base64url'), segmentBytes: SEGMENT_BYTES };
  }

  /** Plaintext in, sealed segments out. */
  seal(sealing: ArchiveSealing, exportId: string): Transform {
    const key = this.archiveKey(sealing, exportId);
    const sealSegment = (plain: Buffer, index: number, last: boolean) => {
      const cipher = createCipheriv('aes-256-gcm', key, nonceOf(index, last));
      return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    };
    return segmented(SEGMENT_BYTES, sealSegment);
  }

  /** Sealed segments in, plaintext out; errors with ArchiveIntegrityError before releasing a bad segment. */
  open(sealing: ArchiveSealing, exportId: string): Transform {
    if (!isArchiveSealing(sealing)) throw new ArchiveIntegrityError('the stored export archive has an unknown format');
    const key = this.archiveKey(sealing, exportId);
    const openSegment = (sealed: Buffer, index: number, last: boolean) => {
      if (sealed.length < TAG_BYTES) throw new ArchiveIntegrityError('the stored export archive is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(index, last));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new ArchiveIntegrityError();
      }
    };
    return segmented(SEALED_SEGMENT_BYTES, openSegment);
  }

  private archiveKey(sealing: ArchiveSealing, exportId: string): Buffer {
    const salt = Buffer.from(sealing.salt, 'base64url');
    return Buffer.from(hkdfSync('sha256', this.masterKey, salt, `export-archive:${exportId}`, 32));
  }
}

/**
 * Cuts a byte stream into segments of `size` and maps each. A full segment is held back until more
 * bytes arrive, so the last one (possibly empty) is known as the last when the input ends.
 */
function segmented(size: number, map: (segment: Buffer, index: number, last: boolean) => Buffer): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        while (pending.length > size) {
          this.push(map(pending.subarray(0, size), index++, false));
          pending = pending.subarray(size);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        callback(null, map(pending, index, true));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

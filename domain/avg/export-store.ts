import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mongo, type Connection } from 'mongoose';
import { ArchiveBuckets, type BucketLayout } from './export-buckets.js';
import { ArchiveCipher, ArchiveIntegrityError, SEALED_SEGMENT_BYTES, type ArchiveSealing } from './export-cipher.js';

/**
 * Export archives in the database (GridFS), encrypted (export-cipher.ts), so every replica serves
 * every link and no archive depends on one machine's disk.
 *
 * - Streamed both ways: the ZIP is sealed segment by segment on its way into the upload stream,
 *   and read back through the download stream and the opener; never whole in memory.
 * - GridFS writes the chunks first and the files document only when the upload finished, so an
 *   upload that died never becomes a servable archive. A failed upload is aborted and its chunks
 *   deleted at once; what a killed process left behind is swept by housekeeping (`sweep`).
 * - Each upload gets a fresh ObjectId (a retry never collides with a dead attempt's chunks); the
 *   export record names the id of its finished archive.
 * - Which bucket holds an archive differs between MongoDB and the embedded engine (export-buckets.ts).
 */

export interface ArchiveOwner {
  tenantId: string;
  exportId: string;
}

interface ArchiveMetadata extends ArchiveOwner {
  sealing: ArchiveSealing;
}

export class ExportArchiveStore {
  private readonly cipher: ArchiveCipher;
  readonly buckets: ArchiveBuckets;

  constructor(connection: Connection, secretKey: string | Buffer, options: { layout?: BucketLayout } = {}) {
    this.cipher = new ArchiveCipher(secretKey);
    this.buckets = new ArchiveBuckets(connection, options.layout);
  }

  /**
   * Stores what `write` writes into the sink as the archive of `owner`, and returns the stored
   * archive's id with `write`'s own result. When `write` or the upload fails, nothing stays.
   */
  async save<T>(owner: ArchiveOwner, write: (sink: Writable) => Promise<T>): Promise<{ id: string; result: T }> {
    const id = new mongo.ObjectId();
    const sealing = this.cipher.newSealing();
    const metadata: ArchiveMetadata = { ...owner, sealing };
    const upload = (await this.buckets.bucketOf(id)).openUploadStreamWithId(id, `${owner.exportId}.zip`, {
      chunkSizeBytes: SEALED_SEGMENT_BYTES,
      metadata,
    });
    const seal = this.cipher.seal(sealing, owner.exportId);
    const stored = pipeline(seal, upload);
    // Awaited below; this only keeps an early upload failure from counting as unhandled meanwhile.
    stored.catch(() => {});
    try {
      const result = await write(seal);
      await stored;
      return { id: id.toHexString(), result };
    } catch (error) {
      seal.destroy();
      await stored.catch(() => {});
      // abort() stops further chunk writes and deletes the written ones; it refuses once the
      // upload ended, and then discard() deletes the finished file with its chunks.
      await upload.abort().catch(() => {});
      await this.buckets.discard(id);
      throw error;
    }
  }

  /**
   * The plaintext of a stored archive, or null when there is none under `id`. Each segment is
   * authenticated before it is passed on; a bad one ends the stream with ArchiveIntegrityError.
   */
  async open(id: string, exportId: string): Promise<Readable | null> {
    const objectId = toObjectId(id);
    if (!objectId) return null;
    const bucket = await this.buckets.bucketOf(objectId);
    const file = await bucket.find({ _id: objectId }, { limit: 1 }).next();
    if (!file) return null;
    const metadata = file.metadata as Partial<ArchiveMetadata> | undefined;
    if (metadata?.exportId !== exportId) throw new ArchiveIntegrityError('the stored archive belongs to another export');
    const opener = this.cipher.open(metadata.sealing as ArchiveSealing, exportId);
    const source = bucket.openDownloadStream(objectId);
    source.on('error', (error) => opener.destroy(error));
    opener.on('close', () => source.destroy());
    return source.pipe(opener);
  }

  /**
   * Reads the whole archive once and checks every segment, without keeping any of it. A download
   * calls this before its first byte, so a damaged archive is an error the customer sees as such,
   * never a ZIP that breaks halfway. Returns false when there is no such archive.
   */
  async verify(id: string, exportId: string): Promise<boolean> {
    const plain = await this.open(id, exportId);
    if (!plain) return false;
    await pipeline(
      plain,
      new Writable({
        write(_chunk, _encoding, callback) {
          callback();
        },
      }),
    );
    return true;
  }

  /** Deletes an archive with all its chunks; also the chunks of an upload that never finished. */
  async remove(id: string | null | undefined): Promise<void> {
    const objectId = id ? toObjectId(id) : null;
    if (objectId) await this.buckets.discard(objectId);
  }

  /**
   * Deletes archives finished before `before` and upload remains last written before it that are
   * not in `keep` (the ids of READY exports): files whose export ended or never became READY, and
   * the chunks of a dead upload. Returns how many it deleted.
   */
  async sweep(keep: ReadonlySet<string>, before: Date): Promise<number> {
    const doomed = (await this.buckets.inventory()).filter(
      (entry) => !keep.has(entry.id) && (entry.finishedAt ?? entry.lastWrite).getTime() < before.getTime(),
    );
    for (const entry of doomed) await this.remove(entry.id);
    return doomed.length;
  }
}

function toObjectId(id: string): mongo.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new mongo.ObjectId(id) : null;
}

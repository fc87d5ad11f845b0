import { mongo, type Connection } from 'mongoose';
import { databaseEngine } from '../../store/engine.js';

/**
 * Which GridFS bucket an export archive lives in: the one place that knows the embedded engine
 * needs another layout.
 *
 * - `shared` (MongoDB): one bucket, `exportArchives.files` / `exportArchives.chunks`; GridFS's own
 *   `{files_id: 1, n: 1}` index serves every read.
 * - `per-archive` (FerretDB 1.24): a bucket per archive, `exportArchives.<id>.files` / `.chunks`.
 *   FerretDB runs every filter but `{_id}` and every sort over the whole collection in Go, so with
 *   one shared bucket reading one archive decoded every stored archive: measured here, one read of a
 *   2 MiB archive took 0.08 s alone, 1.5 s beside 9 others and 5 s beside 29 (a download reads twice).
 *   In its own bucket an archive's read touches only its own chunks: 0.15 s beside 29 others.
 *   Deleting it drops its two collections. A bucket per archive would be wasteful on MongoDB
 *   (files and indexes per collection), hence the two layouts.
 *
 * GridFS itself (its indexes, binary chunks, abort and delete) works on both engines unchanged.
 */

export const EXPORT_BUCKET = 'exportArchives';
export type BucketLayout = 'shared' | 'per-archive';

const PER_ARCHIVE = new RegExp(`^${EXPORT_BUCKET}\\.([0-9a-f]{24})\\.(files|chunks)$`);
/** MongoDB's "ns not found": dropping what is already gone. */
const NAMESPACE_NOT_FOUND = 26;

/** A stored archive or the remains of an upload: whether and when it finished, when it was last written. */
export interface ArchiveEntry {
  id: string;
  finishedAt: Date | null;
  lastWrite: Date;
}

export class ArchiveBuckets {
  private chosen: Promise<BucketLayout> | null;
  private sharedBucket: mongo.GridFSBucket | null = null;

  /** `layout` forces one (tests run both on the embedded engine); by default the engine decides. */
  constructor(
    private readonly connection: Connection,
    layout?: BucketLayout,
  ) {
    this.chosen = layout ? Promise.resolve(layout) : null;
  }

  layout(): Promise<BucketLayout> {
    this.chosen ??= databaseEngine(this.connection).then((engine) => (engine === 'ferretdb' ? 'per-archive' : 'shared'));
    return this.chosen;
  }

  async bucketOf(id: mongo.ObjectId): Promise<mongo.GridFSBucket> {
    if ((await this.layout()) === 'per-archive') {
      return new mongo.GridFSBucket(this.db(), { bucketName: perArchiveName(id) });
    }
    this.sharedBucket ??= new mongo.GridFSBucket(this.db(), { bucketName: EXPORT_BUCKET });
    return this.sharedBucket;
  }

  /** The collections holding an archive's files document and chunks. */
  async collectionsOf(id: mongo.ObjectId): Promise<{ files: mongo.Collection; chunks: mongo.Collection }> {
    const name = (await this.layout()) === 'per-archive' ? perArchiveName(id) : EXPORT_BUCKET;
    return { files: this.db().collection(`${name}.files`), chunks: this.db().collection(`${name}.chunks`) };
  }

  /** Deletes an archive with its chunks; also the chunks of an upload that never finished. */
  async discard(id: mongo.ObjectId): Promise<void> {
    if ((await this.layout()) === 'per-archive') {
      const { files, chunks } = await this.collectionsOf(id);
      for (const collection of [chunks, files]) {
        await collection.drop().catch((error: unknown) => {
          if (!(error instanceof mongo.MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
        });
      }
      return;
    }
    try {
      await (await this.bucketOf(id)).delete(id);
    } catch (error) {
      // delete() removes the chunks first and then complains that there was no files document.
      if (!(error instanceof mongo.MongoRuntimeError && /not found/i.test(error.message))) throw error;
    }
  }

  /** Every archive and every upload's remains, finished or not. */
  async inventory(): Promise<ArchiveEntry[]> {
    return (await this.layout()) === 'per-archive' ? this.perArchiveInventory() : this.sharedInventory();
  }

  private async sharedInventory(): Promise<ArchiveEntry[]> {
    const { files, chunks } = await this.collectionsOf(new mongo.ObjectId());
    const entries = new Map<string, ArchiveEntry>();
    for await (const file of files.find({}, { projection: { _id: 1, uploadDate: 1 } })) {
      const id = String(file._id);
      entries.set(id, { id, finishedAt: file.uploadDate as Date, lastWrite: file.uploadDate as Date });
    }
    // Chunks without a files document: an upload under way, or one that died. A chunk's own `_id`
    // dates its write, so a set whose newest chunk is old is no longer growing.
    for await (const chunk of chunks.find({}, { projection: { _id: 1, files_id: 1 } })) {
      if (!(chunk.files_id instanceof mongo.ObjectId)) continue;
      const id = chunk.files_id.toHexString();
      const written = (chunk._id as mongo.ObjectId).getTimestamp();
      const entry = entries.get(id);
      if (!entry) entries.set(id, { id, finishedAt: null, lastWrite: written });
      else if (!entry.finishedAt && written > entry.lastWrite) entry.lastWrite = written;
    }
    return [...entries.values()];
  }

  private async perArchiveInventory(): Promise<ArchiveEntry[]> {
    const names = await this.db().listCollections({}, { nameOnly: true }).toArray();
    const ids = new Set(names.flatMap((c) => PER_ARCHIVE.exec(c.name)?.slice(1, 2) ?? []));
    const entries: ArchiveEntry[] = [];
    for (const id of ids) {
      const objectId = new mongo.ObjectId(id);
      const { files, chunks } = await this.collectionsOf(objectId);
      // Each collection holds one archive only, so these reads stay small on any engine.
      const file = await files.findOne({}, { projection: { uploadDate: 1 } });
      if (file) {
        entries.push({ id, finishedAt: file.uploadDate as Date, lastWrite: file.uploadDate as Date });
        continue;
      }
      let lastWrite = objectId.getTimestamp();
      for await (const chunk of chunks.find({}, { projection: { _id: 1 } })) {
        const written = (chunk._id as mongo.ObjectId).getTimestamp();
        if (written > lastWrite) lastWrite = written;
      }
      entries.push({ id, finishedAt: null, lastWrite });
    }
    return entries;
  }

  private db(): mongo.Db {
    const db = this.connection.db;
    if (!db) throw new Error('export archives: the database is not connected');
    return db;
  }
}

const perArchiveName = (id: mongo.ObjectId) => `${EXPORT_BUCKET}.${id.toHexString()}`;

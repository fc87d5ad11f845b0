import { mongo, type Connection } from 'mongoose';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { ArchiveBuckets, EXPORT_BUCKET, type BucketLayout } from './export-buckets.js';

/**
 * Where archives live and what the housekeeping sweep sees of them (export-buckets.ts): the layout
 * the engine gets, finished archives told apart from uploads that died, and each upload's last
 * write (the sweep leaves an upload alone while it still grows).
 */
const db = useTestDatabase();
const second = (date: Date) => Math.floor(date.getTime() / 1000);

/** An archive as GridFS leaves it: its chunks, then (once finished) its files document. */
async function storeArchive(buckets: ArchiveBuckets, chunkSeconds: number[], finished: Date | null): Promise<string> {
  const id = mongo.ObjectId.createFromTime(Math.min(...chunkSeconds));
  const { files, chunks } = await buckets.collectionsOf(id);
  await chunks.insertMany(
    chunkSeconds.map((at, n) => ({ _id: mongo.ObjectId.createFromTime(at), files_id: id, n, data: Buffer.alloc(8, n) })),
  );
  if (finished) {
    await files.insertOne({ _id: id, length: 8 * chunkSeconds.length, chunkSize: 8, uploadDate: finished, filename: 'x.zip' });
  }
  return id.toHexString();
}

async function collectionNames(connection: Connection): Promise<string[]> {
  return (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
}

describe('the bucket layout', () => {
  it('is one bucket per archive on the embedded engine unless a layout is forced', async () => {
    expect(await new ArchiveBuckets(db()).layout()).toBe('per-archive');
    expect(await new ArchiveBuckets(db(), 'shared').layout()).toBe('shared');

    const id = new mongo.ObjectId();
    const shared = await new ArchiveBuckets(db(), 'shared').collectionsOf(id);
    expect([shared.files.collectionName, shared.chunks.collectionName]).toEqual([
      `${EXPORT_BUCKET}.files`,
      `${EXPORT_BUCKET}.chunks`,
    ]);
    const own = await new ArchiveBuckets(db()).collectionsOf(id);
    expect(own.chunks.collectionName).toBe(`${EXPORT_BUCKET}.${id.toHexString()}.chunks`);
  });

  it('is the shared bucket on MongoDB (whose buildInfo names no FerretDB version)', async () => {
    // MongoDB itself does not run here: a connection that answers buildInfo as MongoDB does.
    const mongodb = {
      asPromise: async () => ({ db: { admin: () => ({ command: async () => ({ version: '7.0.14', ok: 1 }) }) } }),
    } as unknown as Connection;
    expect(await new ArchiveBuckets(mongodb).layout()).toBe('shared');
  });

  it('says the database is not connected instead of failing somewhere inside', async () => {
    const unconnected = mongoose.createConnection();
    await expect(new ArchiveBuckets(unconnected, 'shared').inventory()).rejects.toThrow(/not connected/);
  });
});

describe.each<BucketLayout>(['shared', 'per-archive'])('the inventory, %s buckets', (layout) => {
  const buckets = () => new ArchiveBuckets(db(), layout);

  it('tells finished archives from dead uploads, and dates each by its last write', async () => {
    const now = second(new Date());
    const uploadDate = new Date((now - 50) * 1000 + 123);
    const finished = await storeArchive(buckets(), [now - 60, now - 55], uploadDate);
    // A dead upload whose chunks are not stored in write order: its newest chunk counts.
    const dead = await storeArchive(buckets(), [now - 300, now - 100, now - 200], null);

    const entries = await buckets().inventory();
    expect(entries.find((entry) => entry.id === finished)).toEqual({
      id: finished,
      finishedAt: uploadDate,
      lastWrite: uploadDate,
    });
    expect(entries.find((entry) => entry.id === dead)).toEqual({
      id: dead,
      finishedAt: null,
      lastWrite: new Date((now - 100) * 1000),
    });
    expect(entries).toHaveLength(2);

    // Discarding one archive leaves every other archive where it was.
    await buckets().discard(new mongo.ObjectId(dead));
    expect((await buckets().inventory()).map((entry) => entry.id)).toEqual([finished]);
    await buckets().discard(new mongo.ObjectId(finished));
    expect(await buckets().inventory()).toEqual([]);
  });

  it('discarding what is already gone is not an error (a purge may run twice)', async () => {
    const id = await storeArchive(buckets(), [second(new Date())], new Date());
    await buckets().discard(new mongo.ObjectId(id));
    await buckets().discard(new mongo.ObjectId(id));
    await buckets().discard(new mongo.ObjectId());
    expect(await buckets().inventory()).toEqual([]);
  });
});

describe('the inventory beside other data', () => {
  it('lists only archives: other collections and stray chunks are not archives', async () => {
    await db().db!.collection('accounts').insertOne({ email: 'jan@example.nl' });
    await db().db!.collection(`${EXPORT_BUCKET}.notes`).insertOne({ note: 'not an archive' });
    // A chunk whose files_id is no ObjectId cannot belong to an archive GridFS wrote.
    await db()
      .db!.collection(`${EXPORT_BUCKET}.chunks`)
      .insertOne({ files_id: 'stray', n: 0, data: Buffer.alloc(1) });
    expect(await collectionNames(db())).toContain('accounts');
    expect(await new ArchiveBuckets(db(), 'per-archive').inventory()).toEqual([]);
    expect(await new ArchiveBuckets(db(), 'shared').inventory()).toEqual([]);
  });
});

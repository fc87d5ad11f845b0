import { randomBytes } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import type { BucketLayout } from './export-buckets.js';
import { ArchiveIntegrityError, SEGMENT_BYTES } from './export-cipher.js';
import { ExportArchiveStore } from './export-store.js';

/**
 * The archive store on the run's embedded engine (FerretDB 1.24), in both bucket layouts (the
 * shared one MongoDB uses, the per-archive one the embedded engine uses): GridFS's indexes, binary
 * chunks and deletes work, archives are sealed at rest, and nothing half-written stays.
 */
const db = useTestDatabase();
const SECRET = 'export-store-test-secret-0123456789';
const owner = (exportId: string) => ({ tenantId: 't1', exportId });

/** A plaintext that looks like a ZIP and names a person, in several pieces. */
function archiveLike(size: number): Buffer {
  const body = randomBytes(size);
  Buffer.from('PK\u0003\u0004').copy(body, 0);
  Buffer.from('jan.jansen@example.nl').copy(body, Math.floor(size / 2));
  return body;
}
const writeAll = (bytes: Buffer) => (sink: Writable) =>
  pipeline(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), sink);

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe.each<BucketLayout>(['shared', 'per-archive'])('ExportArchiveStore, %s buckets', (layout) => {
  const store = () => new ExportArchiveStore(db(), SECRET, { layout });
  const collections = (id: string) => store().buckets.collectionsOf(new mongo.ObjectId(id));
  const files = async (id: string) => (await collections(id)).files;
  const chunks = async (id: string) => (await collections(id)).chunks;
  /** Everything stored, finished or not. */
  const inventory = () => store().buckets.inventory();

  it('stores an archive sealed, in segment-sized chunks, and reads it back', async () => {
    const plain = archiveLike(3 * SEGMENT_BYTES + 123);
    const { id } = await store().save(owner('exp_a'), writeAll(plain));
    const file = (await (await files(id)).findOne({ _id: new mongo.ObjectId(id) }))!;
    expect(file).toMatchObject({ filename: 'exp_a.zip', metadata: { exportId: 'exp_a', tenantId: 't1' } });
    const stored = await (await chunks(id)).find({ files_id: file._id }).toArray();
    expect(stored).toHaveLength(4);
    const raw = Buffer.concat(stored.sort((a, b) => a.n - b.n).map((c) => Buffer.from(c.data.buffer)));
    expect(raw.includes(Buffer.from('PK\u0003\u0004'))).toBe(false);
    expect(raw.includes(Buffer.from('jan.jansen@example.nl'))).toBe(false);
    expect(JSON.stringify(file.metadata)).not.toContain(SECRET);

    expect((await readAll((await store().open(id, 'exp_a'))!)).equals(plain)).toBe(true);
    expect(await store().verify(id, 'exp_a')).toBe(true);
    // GridFS made its indexes on this engine too (the chunk index unique).
    const chunkIndexes = await (await chunks(id)).listIndexes().toArray();
    expect(chunkIndexes.find((index) => index.key.files_id === 1 && index.key.n === 1)).toMatchObject({ unique: true });
    expect((await (await files(id)).listIndexes().toArray()).some((index) => index.key.filename === 1)).toBe(true);
    await store().remove(id);
    expect(await inventory()).toEqual([]);
  });

  it('an archive under another export id, or an unknown id, is not served', async () => {
    const { id } = await store().save(owner('exp_b'), writeAll(archiveLike(5000)));
    await expect(store().open(id, 'exp_other')).rejects.toBeInstanceOf(ArchiveIntegrityError);
    expect(await store().open('0123456789abcdef01234567', 'exp_b')).toBeNull();
    expect(await store().open('not-an-id', 'exp_b')).toBeNull();
    expect(await store().verify('0123456789abcdef01234567', 'exp_b')).toBe(false);
    await store().remove(id);
  });

  it('a changed chunk fails verification before anything is served', async () => {
    const plain = archiveLike(2 * SEGMENT_BYTES + 10);
    const { id } = await store().save(owner('exp_c'), writeAll(plain));
    const last = (await (await chunks(id)).findOne({ files_id: new mongo.ObjectId(id), n: 1 }))!;
    const data = Buffer.from(last.data.buffer);
    data[100]! ^= 1;
    await (await chunks(id)).updateOne({ _id: last._id }, { $set: { data } });
    await expect(store().verify(id, 'exp_c')).rejects.toBeInstanceOf(ArchiveIntegrityError);
    await store().remove(id);
  });

  it('a write that fails halfway leaves no file and no chunk', async () => {
    await expect(
      store().save(owner('exp_d'), async (sink) => {
        sink.write(randomBytes(5 * SEGMENT_BYTES));
        await new Promise((resolve) => setTimeout(resolve, 100));
        // Chunks of the unfinished upload are in the database by now; they must not stay.
        const [upload] = await inventory();
        expect(upload).toMatchObject({ finishedAt: null });
        expect(await (await chunks(upload!.id)).countDocuments({})).toBeGreaterThan(0);
        throw new Error('Nextcloud went away');
      }),
    ).rejects.toThrow('Nextcloud went away');
    expect(await inventory()).toEqual([]);
  });

  it('remove() deletes the file with its chunks; the sweep deletes only old archives nobody keeps', async () => {
    const kept = await store().save(owner('exp_k'), writeAll(archiveLike(70_000)));
    await store().save(owner('exp_o'), writeAll(archiveLike(70_000)));
    // A dead upload: chunks whose files document was never written.
    const dead = await store().save(owner('exp_x'), writeAll(archiveLike(70_000)));
    await (await files(dead.id)).deleteOne({ _id: new mongo.ObjectId(dead.id) });
    expect((await inventory()).find((entry) => entry.id === dead.id)).toMatchObject({ finishedAt: null });

    const keep = new Set([kept.id]);
    expect(await store().sweep(keep, new Date(Date.now() - 60 * 60_000))).toBe(0);
    expect(await store().sweep(keep, new Date(Date.now() + 1000))).toBe(2);
    expect((await inventory()).map((entry) => entry.id)).toEqual([kept.id]);

    // An upload still under way (begun long ago, its last chunk written just now) is left alone.
    const started = Math.floor(Date.now() / 1000) - 2 * 3600;
    const slow = mongo.ObjectId.createFromTime(started);
    await (
      await chunks(slow.toHexString())
    ).insertMany([
      { _id: mongo.ObjectId.createFromTime(started + 1), files_id: slow, n: 0, data: Buffer.alloc(8) },
      { _id: new mongo.ObjectId(), files_id: slow, n: 1, data: Buffer.alloc(8) },
    ]);
    expect(await store().sweep(keep, new Date(Date.now() - 60 * 60_000))).toBe(0);
    expect(await (await chunks(slow.toHexString())).countDocuments({ files_id: slow })).toBe(2);
    await store().remove(slow.toHexString());

    await store().remove(kept.id);
    expect(await inventory()).toEqual([]);
    // Removing what is gone is not an error (a purge may run twice).
    await store().remove(kept.id);
  });
});

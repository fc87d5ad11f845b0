import { mongo, type Connection } from 'mongoose';
import { ArchiveBuckets } from '../domain/avg/export-buckets.js';
import { ExportArchiveStore } from '../domain/avg/export-store.js';

/**
 * Export archives as a test sees them: the ZIP of a READY export read back from the database
 * (decrypted and authenticated like a download), the raw stored collections of one archive, and
 * what is stored at all — in whichever bucket layout the engine uses (export-buckets.ts).
 */

interface ExportRecord {
  _id: unknown;
  file?: { archiveId: string } | null;
}

export async function storedZip(connection: Connection, secretKey: string, doc: ExportRecord): Promise<Buffer> {
  if (!doc.file) throw new Error(`export ${String(doc._id)} has no archive`);
  const plain = await new ExportArchiveStore(connection, secretKey).open(doc.file.archiveId, String(doc._id));
  if (!plain) throw new Error(`archive ${doc.file.archiveId} is not stored`);
  const parts: Buffer[] = [];
  for await (const part of plain) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** The files and chunks collections that hold one archive. */
export function archiveCollections(connection: Connection, archiveId: string | mongo.ObjectId) {
  return new ArchiveBuckets(connection).collectionsOf(new mongo.ObjectId(String(archiveId)));
}

/** Finished archives, and remains of uploads that never finished, in the whole database. */
export async function archivesInStore(connection: Connection): Promise<{ archives: number; leftovers: number }> {
  const entries = await new ArchiveBuckets(connection).inventory();
  return { archives: entries.filter((e) => e.finishedAt).length, leftovers: entries.filter((e) => !e.finishedAt).length };
}

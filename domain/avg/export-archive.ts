import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * Writes an export ZIP as a stream into `destination` (the archive store's sealing upload): entries
 * go in one at a time (each document is downloaded only when the previous one is in the archive),
 * so memory stays flat however many documents a customer has. On a failure the destination is
 * destroyed with the error; the store then keeps nothing (export-store.ts), so the download route
 * can never serve half an export.
 */

export interface ArchiveEntry {
  /** Path inside the ZIP, e.g. `documents/invoice-F-2026-00012-factuur.pdf`. */
  zipPath: string;
  /** The bytes, or null when the source is gone (the entry is then skipped and reported). */
  open: () => Promise<Readable | null>;
}

export interface WrittenEntry {
  zipPath: string;
  included: boolean;
  size: number | null;
  sha256: string | null;
}

export interface WrittenArchive {
  size: number;
  sha256: string;
  entries: WrittenEntry[];
}

export interface ArchiveContent {
  /** Streamed entries (documents), written first. */
  entries: ArchiveEntry[];
  /** Built once the streamed entries are done, so it can say what went in (export.json, README). */
  trailer: (written: WrittenEntry[]) => Array<{ zipPath: string; body: Readable | Buffer }>;
  mtime: Date;
}

/** Counts and hashes what passes through. */
function tap(hash: Hash, counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      counter.bytes += chunk.length;
      callback(null, chunk);
    },
  });
}

/**
 * Adds one streamed entry and resolves once yazl has consumed all of it (or rejects when the
 * source fails: yazl itself does not watch its input streams for errors).
 */
async function addStream(
  zip: ZipFile,
  source: Readable,
  zipPath: string,
  mtime: Date,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  const counter = { bytes: 0 };
  const entry = tap(hash, counter);
  source.on('error', (error) => entry.destroy(error));
  source.pipe(entry);
  zip.addReadStream(entry, zipPath, { mtime });
  await finished(entry);
  return { size: counter.bytes, sha256: hash.digest('hex') };
}

export async function writeExportArchive(destination: Writable, content: ArchiveContent): Promise<WrittenArchive> {
  const zip = new ZipFile();
  const hash = createHash('sha256');
  const counter = { bytes: 0 };
  let zipError: Error | null = null;
  // A late write into the destroyed output after a failure must not become an uncaught error.
  zip.outputStream.on('error', () => {});
  const written = pipeline(zip.outputStream, tap(hash, counter), destination);
  const abort = (error: Error) => {
    zipError ??= error;
    (zip.outputStream as Readable).destroy(error);
  };
  zip.on('error', abort);
  let current: Readable | null = null;
  try {
    const entries: WrittenEntry[] = [];
    for (const entry of content.entries) {
      current = await entry.open();
      if (!current) {
        entries.push({ zipPath: entry.zipPath, included: false, size: null, sha256: null });
        continue;
      }
      const result = await addStream(zip, current, entry.zipPath, content.mtime);
      entries.push({ zipPath: entry.zipPath, included: true, ...result });
      current = null;
    }
    for (const item of content.trailer(entries)) {
      if (Buffer.isBuffer(item.body)) zip.addBuffer(item.body, item.zipPath, { mtime: content.mtime });
      else await addStream(zip, item.body, item.zipPath, content.mtime);
    }
    zip.end();
    await written;
    if (zipError) throw zipError;
    return { size: counter.bytes, sha256: hash.digest('hex'), entries };
  } catch (error) {
    current?.destroy();
    abort(error instanceof Error ? error : new Error(String(error)));
    await written.catch(() => {});
    throw error;
  }
}

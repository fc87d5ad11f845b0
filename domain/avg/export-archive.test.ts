import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../test/zip.js';
import { writeExportArchive } from './export-archive.js';

/** A destination that keeps what it is given (the store's sealing upload in production). */
function sink() {
  const parts: Buffer[] = [];
  const state = { error: null as Error | null, finished: false };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      callback();
    },
    final(callback) {
      state.finished = true;
      callback();
    },
    destroy(error, callback) {
      state.error = error;
      callback(error);
    },
  });
  return { stream, state, bytes: () => Buffer.concat(parts) };
}

/** A source that yields `chunks` of 64 KiB, counting how many were pulled so far. */
function source(chunks: number, fill: number, failAt?: number) {
  const state = { pulled: 0 };
  const stream = Readable.from(
    (async function* () {
      for (let i = 0; i < chunks; i++) {
        if (i === failAt) throw new Error('upstream connection reset');
        state.pulled++;
        yield Buffer.alloc(65_536, fill);
      }
    })(),
  );
  return { stream, state };
}

describe('writeExportArchive', () => {
  it('writes entries one after the other, then the trailer, and ends the destination when complete', async () => {
    const first = source(16, 1);
    const second = source(16, 2);
    const opened: string[] = [];
    const target = sink();
    const result = await writeExportArchive(target.stream, {
      mtime: new Date('2026-01-01T00:00:00Z'),
      entries: [
        { zipPath: 'documents/a.bin', open: async () => (opened.push(`a after ${second.state.pulled}`), first.stream) },
        { zipPath: 'documents/gone.pdf', open: async () => null },
        { zipPath: 'documents/b.bin', open: async () => (opened.push(`b after ${first.state.pulled}`), second.stream) },
      ],
      trailer: (written) => [{ zipPath: 'export.json', body: Buffer.from(JSON.stringify(written)) }],
    });
    // b is only opened once a has been consumed completely: one download at a time.
    expect(opened).toEqual(['a after 0', 'b after 16']);
    expect(target.state.finished).toBe(true);
    const bytes = target.bytes();
    expect(result.size).toBe(bytes.length);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const zip = readZip(bytes);
    expect(zip.get('documents/a.bin')!.equals(Buffer.alloc(16 * 65_536, 1))).toBe(true);
    expect(zip.has('documents/gone.pdf')).toBe(false);
    const manifest = JSON.parse(zip.get('export.json')!.toString()) as Array<{
      zipPath: string;
      included: boolean;
      sha256: string;
    }>;
    expect(manifest.map((e) => [e.zipPath, e.included])).toEqual([
      ['documents/a.bin', true],
      ['documents/gone.pdf', false],
      ['documents/b.bin', true],
    ]);
    expect(manifest[0]!.sha256).toBe(
      createHash('sha256')
        .update(Buffer.alloc(16 * 65_536, 1))
        .digest('hex'),
    );
  });

  it('a source failing halfway destroys the destination with the error instead of ending it', async () => {
    const target = sink();
    await expect(
      writeExportArchive(target.stream, {
        mtime: new Date(),
        entries: [{ zipPath: 'documents/x.bin', open: async () => source(8, 3, 4).stream }],
        trailer: () => [],
      }),
    ).rejects.toThrow('upstream connection reset');
    // The store discards an upload whose stream was destroyed; an ended one would be kept.
    expect(target.state.finished).toBe(false);
    expect(target.state.error?.message).toBe('upstream connection reset');
  });

  it('reports each document as written (size, hash), streams the trailer in full, and dates every entry to the export', async () => {
    const target = sink();
    const events = ['{"type":"sign-in"}\n', '{"type":"export.requested"}\n'];
    const result = await writeExportArchive(target.stream, {
      mtime: new Date('2020-06-15T12:00:00Z'),
      entries: [
        { zipPath: 'documents/a.bin', open: async () => source(3, 7).stream },
        { zipPath: 'documents/b.txt', open: async () => Readable.from([Buffer.from('hallo')]) },
      ],
      trailer: () => [
        { zipPath: 'audit.ndjson', body: Readable.from(events.map((line) => Buffer.from(line))) },
        { zipPath: 'README.txt', body: Buffer.from('readme') },
      ],
    });
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(result.entries).toEqual([
      { zipPath: 'documents/a.bin', included: true, size: 3 * 65_536, sha256: sha(Buffer.alloc(3 * 65_536, 7)) },
      { zipPath: 'documents/b.txt', included: true, size: 5, sha256: sha(Buffer.from('hallo')) },
    ]);
    const zip = readZip(target.bytes());
    expect(zip.get('audit.ndjson')!.toString()).toBe(events.join(''));
    expect(zip.get('README.txt')!.toString()).toBe('readme');
    expect(modifiedYears(target.bytes())).toEqual(
      new Map([
        ['documents/a.bin', 2020],
        ['documents/b.txt', 2020],
        ['audit.ndjson', 2020],
        ['README.txt', 2020],
      ]),
    );
  });

  it('a trailer that fails destroys the destination with its own error', async () => {
    const target = sink();
    await expect(
      writeExportArchive(target.stream, {
        mtime: new Date(),
        entries: [{ zipPath: 'documents/a.bin', open: async () => source(1, 1).stream }],
        trailer: () => {
          throw new Error('audit trail unreadable');
        },
      }),
    ).rejects.toThrow('audit trail unreadable');
    expect(target.state.finished).toBe(false);
    expect(target.state.error?.message).toBe('audit trail unreadable');
  });
});

/** The year of each entry's modification date in the ZIP's central directory (DOS date: years since 1980). */
function modifiedYears(archive: Buffer): Map<string, number> {
  const years = new Map<string, number>();
  for (let offset = archive.indexOf(CENTRAL); offset >= 0; offset = archive.indexOf(CENTRAL, offset + 4)) {
    const nameLength = archive.readUInt16LE(offset + 28);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    years.set(name, 1980 + (archive.readUInt16LE(offset + 14) >> 9));
  }
  return years;
}
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

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
});

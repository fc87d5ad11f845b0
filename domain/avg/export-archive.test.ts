import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip } from '../../test/zip.js';
import { writeExportArchive } from './export-archive.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'export-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
  it('writes entries one after the other, then the trailer, and renames when complete', async () => {
    const first = source(16, 1);
    const second = source(16, 2);
    const opened: string[] = [];
    const target = path.join(dir, 't1', 'a.zip');
    const result = await writeExportArchive(target, {
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
    const bytes = readFileSync(target);
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
    expect(readdirSync(path.dirname(target))).toEqual(['a.zip']);
  });

  it('a source failing halfway leaves no archive and no partial file behind', async () => {
    const target = path.join(dir, 't1', 'b.zip');
    await expect(
      writeExportArchive(target, {
        mtime: new Date(),
        entries: [{ zipPath: 'documents/x.bin', open: async () => source(8, 3, 4).stream }],
        trailer: () => [],
      }),
    ).rejects.toThrow('upstream connection reset');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });
});

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  ArchiveCipher,
  ArchiveIntegrityError,
  SEALED_SEGMENT_BYTES,
  SEGMENT_BYTES,
  type ArchiveSealing,
} from './export-cipher.js';

const SECRET = 'export-cipher-test-secret-0123456789';
const cipher = new ArchiveCipher(SECRET);

async function through(stream: NodeJS.ReadWriteStream, input: Buffer, pieces = 7): Promise<Buffer> {
  // Fed in uneven pieces, as a network or GridFS would, so segment boundaries fall anywhere.
  const step = Math.max(1, Math.ceil(input.length / pieces));
  const parts: Buffer[] = [];
  for (let at = 0; at < input.length; at += step) parts.push(input.subarray(at, at + step));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(parts).pipe(stream)) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

const sealed = async (plain: Buffer, sealing: ArchiveSealing, exportId = 'exp_1') =>
  through(cipher.seal(sealing, exportId), plain);
const opened = async (bytes: Buffer, sealing: ArchiveSealing, exportId = 'exp_1', c = cipher) =>
  through(c.open(sealing, exportId), bytes, 5);

describe('ArchiveCipher', () => {
  it.each([0, 1, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 3 * SEGMENT_BYTES + 17])(
    'round-trips %i bytes, one tag per segment',
    async (size) => {
      const plain = randomBytes(size);
      const sealing = cipher.newSealing();
      const bytes = await sealed(plain, sealing);
      const segments = Math.max(1, Math.ceil(size / SEGMENT_BYTES));
      expect(bytes.length).toBe(size + 16 * segments);
      expect((await opened(bytes, sealing)).equals(plain)).toBe(true);
    },
  );

  it('gives each archive its own salt, so equal plaintexts never seal alike', async () => {
    const plain = Buffer.from('PK\u0003\u0004 same bytes');
    const [a, b] = [cipher.newSealing(), cipher.newSealing()];
    expect(a.salt).not.toBe(b.salt);
    expect((await sealed(plain, a)).equals(await sealed(plain, b))).toBe(false);
  });

  it('refuses a flipped bit, a cut at a segment boundary, reordered segments, an extension, another export id or key', async () => {
    const plain = randomBytes(3 * SEGMENT_BYTES + 100);
    const sealing = cipher.newSealing();
    const bytes = await sealed(plain, sealing);
    const segment = (i: number) => bytes.subarray(i * SEALED_SEGMENT_BYTES, (i + 1) * SEALED_SEGMENT_BYTES);

    const flipped = Buffer.from(bytes);
    flipped[SEALED_SEGMENT_BYTES + 10]! ^= 1;
    const cut = bytes.subarray(0, 2 * SEALED_SEGMENT_BYTES);
    const reordered = Buffer.concat([segment(1), segment(0), bytes.subarray(2 * SEALED_SEGMENT_BYTES)]);
    const extended = Buffer.concat([bytes, segment(0)]);
    for (const bad of [flipped, cut, reordered, extended]) {
      await expect(opened(bad, sealing)).rejects.toBeInstanceOf(ArchiveIntegrityError);
    }
    await expect(opened(bytes, sealing, 'exp_2')).rejects.toBeInstanceOf(ArchiveIntegrityError);
    await expect(opened(bytes, sealing, 'exp_1', new ArchiveCipher(`${SECRET}-other`))).rejects.toBeInstanceOf(
      ArchiveIntegrityError,
    );
    await expect(opened(bytes.subarray(0, 8), sealing)).rejects.toBeInstanceOf(ArchiveIntegrityError);
  });

  it('releases no byte of a segment that fails: at most the genuine segments before it, then the stream errors', async () => {
    const plain = randomBytes(2 * SEGMENT_BYTES + 5);
    const sealing = cipher.newSealing();
    const bytes = Buffer.from(await sealed(plain, sealing));
    bytes[SEALED_SEGMENT_BYTES + 3]! ^= 0x80;
    const out: Buffer[] = [];
    const opener = cipher.open(sealing, 'exp_1');
    const reading = (async () => {
      for await (const chunk of Readable.from([bytes]).pipe(opener)) out.push(chunk as Buffer);
    })();
    await expect(reading).rejects.toBeInstanceOf(ArchiveIntegrityError);
    // The good first segment may or may not reach the reader before the error; never the bad one.
    const released = Buffer.concat(out);
    expect([0, SEGMENT_BYTES]).toContain(released.length);
    expect(released.equals(plain.subarray(0, released.length))).toBe(true);
  });

  it('refuses to open an archive whose stored sealing it does not know, instead of guessing its format', async () => {
    const plain = randomBytes(100);
    const sealing = cipher.newSealing();
    const bytes = await sealed(plain, sealing);
    const unknown: unknown[] = [
      null,
      'aes-256-gcm-segments/v1',
      { ...sealing, scheme: 'aes-256-gcm-segments/v2' },
      { ...sealing, segmentBytes: 1024 },
      { scheme: sealing.scheme, segmentBytes: sealing.segmentBytes },
    ];
    for (const other of unknown) {
      await expect(opened(bytes, other as ArchiveSealing)).rejects.toBeInstanceOf(ArchiveIntegrityError);
    }
  });

  it('refuses a stored segment too short to hold a whole tag, so a shortened tag is never accepted', async () => {
    const sealing = cipher.newSealing();
    for (const length of [0, 5, 15]) {
      await expect(opened(randomBytes(length), sealing)).rejects.toBeInstanceOf(ArchiveIntegrityError);
    }
  });
});

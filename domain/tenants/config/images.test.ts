import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IMAGE_LIMITS, parseImageDataUrl, sniffImageType } from './images.js';
import { TEST_IMAGES, dataUrl } from './test-images.js';

describe('logo and favicon uploads', () => {
  it('sniffs PNG, JPEG, WebP and ICO from the bytes', () => {
    expect(sniffImageType(TEST_IMAGES.png)).toBe('image/png');
    expect(sniffImageType(TEST_IMAGES.jpeg)).toBe('image/jpeg');
    expect(sniffImageType(TEST_IMAGES.webp)).toBe('image/webp');
    expect(sniffImageType(TEST_IMAGES.ico)).toBe('image/x-icon');
    expect(sniffImageType(TEST_IMAGES.svg)).toBeNull();
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
  });

  it('returns the bytes with the sniffed type and their sha256', () => {
    const result = parseImageDataUrl('logo', dataUrl('image/png', TEST_IMAGES.png));
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'logo',
        mimeType: 'image/png',
        bytes: TEST_IMAGES.png,
        sha256: createHash('sha256').update(TEST_IMAGES.png).digest('hex'),
      },
    });
  });

  it('trusts the content, not the declared type', () => {
    // A PNG declared as something else is a PNG …
    expect(parseImageDataUrl('favicon', dataUrl('application/octet-stream', TEST_IMAGES.png))).toMatchObject({
      ok: true,
      value: { mimeType: 'image/png' },
    });
    // … and an SVG declared as PNG is refused.
    expect(parseImageDataUrl('logo', dataUrl('image/png', TEST_IMAGES.svg))).toMatchObject({
      ok: false,
      message: 'Logo must be a PNG, JPEG, WebP or ICO image (SVG is not accepted); the file content is none of these.',
    });
    expect(parseImageDataUrl('favicon', dataUrl('image/svg+xml', TEST_IMAGES.svg))).toMatchObject({
      ok: false,
      message: 'Favicon must be a PNG, JPEG, WebP or ICO image (SVG is not accepted); the file content is none of these.',
    });
  });

  it('limits the size: 512 KB for a logo, 128 KB for a favicon', () => {
    const justFits = Buffer.concat([TEST_IMAGES.png, Buffer.alloc(IMAGE_LIMITS.favicon - TEST_IMAGES.png.length)]);
    expect(parseImageDataUrl('favicon', dataUrl('image/png', justFits)).ok).toBe(true);
    const tooBig = Buffer.concat([justFits, Buffer.alloc(1)]);
    expect(parseImageDataUrl('favicon', dataUrl('image/png', tooBig))).toMatchObject({
      ok: false,
      message: 'Favicon is 128 KB; at most 128 KB is allowed.',
    });
    expect(parseImageDataUrl('logo', dataUrl('image/png', tooBig)).ok).toBe(true);
    const huge = Buffer.concat([TEST_IMAGES.png, Buffer.alloc(IMAGE_LIMITS.logo * 2)]);
    expect(parseImageDataUrl('logo', dataUrl('image/png', huge))).toMatchObject({
      ok: false,
      message: 'Logo is larger than 512 KB.',
    });
  });

  it('wants a base64 data URL', () => {
    const message = 'Logo must be uploaded as a base64 data URL (data:image/png;base64,…).';
    expect(parseImageDataUrl('logo', 'https://example.nl/logo.png')).toMatchObject({
      ok: false,
      code: 'IMAGE_NOT_DATA_URL',
      message,
    });
    expect(parseImageDataUrl('logo', 'data:image/png,rawbytes')).toMatchObject({
      ok: false,
      code: 'IMAGE_NOT_DATA_URL',
      message,
    });
    expect(parseImageDataUrl('logo', 'data:image/png;base64,@@@@')).toMatchObject({
      ok: false,
      message: 'Logo is not valid base64 data.',
    });
    expect(parseImageDataUrl('logo', 'data:image/png;base64,')).toMatchObject({ ok: false, message: 'Logo is empty.' });
  });

  it('does not take a file for an image because its first bytes partly match', () => {
    const riff = (format: string) =>
      Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from(format), Buffer.alloc(8)]);
    // A WAVE sound file is a RIFF container too, only a WebP one is an image.
    expect(sniffImageType(riff('WAVEfmt '))).toBeNull();
    expect(sniffImageType(riff('WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(Buffer.concat([Buffer.from('RIFX'), riff('WEBPVP8 ').subarray(4)]))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0x00, 0x00, 0x00]))).toBeNull();
    expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull(); // a cut-off PNG signature
    // The shortest files that still carry a whole signature.
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from([0, 0, 1, 0, 1, 0]))).toBe('image/x-icon');
  });

  it('wants an icon file to hold at least one image, and survives one cut off after its type', () => {
    expect(sniffImageType(Buffer.concat([Buffer.from([0, 0, 1, 0, 0, 0]), Buffer.alloc(16)]))).toBeNull();
    expect(sniffImageType(Buffer.from([0, 0, 1, 0]))).toBeNull();
    expect(parseImageDataUrl('favicon', dataUrl('image/x-icon', Buffer.from([0, 0, 1, 0])))).toMatchObject({
      ok: false,
      code: 'IMAGE_TYPE_NOT_ALLOWED',
    });
  });

  it('accepts a data URL with surrounding whitespace, extra parameters and wrapped base64 lines', () => {
    const base64 = TEST_IMAGES.png.toString('base64');
    const wrapped = `${base64.slice(0, 40)}\r\n${base64.slice(40, 80)}\n ${base64.slice(80)}`;
    expect(parseImageDataUrl('logo', `  data:image/png;name=logo.png;base64,${wrapped}\n`)).toMatchObject({
      ok: true,
      value: { mimeType: 'image/png', bytes: TEST_IMAGES.png },
    });
    expect(parseImageDataUrl('logo', `see data:image/png;base64,${base64}`)).toMatchObject({
      ok: false,
      code: 'IMAGE_NOT_DATA_URL',
    });
  });

  it('refuses base64 of an impossible length and names the limit of an upload too large to decode', () => {
    const base64 = TEST_IMAGES.png.toString('base64').replace(/=+$/, '');
    expect(parseImageDataUrl('logo', `data:image/png;base64,${base64.slice(0, 4 * 10 + 1)}`)).toEqual({
      ok: false,
      code: 'IMAGE_INVALID_BASE64',
      message: 'Logo is not valid base64 data.',
      params: {},
    });
    const huge = 'A'.repeat(((IMAGE_LIMITS.favicon + 1024) * 4) / 3);
    expect(parseImageDataUrl('favicon', `data:image/png;base64,${huge}`)).toEqual({
      ok: false,
      code: 'IMAGE_TOO_LARGE',
      message: 'Favicon is larger than 128 KB.',
      params: { maxKilobytes: 128 },
    });
    expect(parseImageDataUrl('logo', 'data:image/png;base64,')).toMatchObject({ ok: false, code: 'IMAGE_EMPTY' });
    // One byte over: only decoding tells.
    const tooBig = Buffer.concat([TEST_IMAGES.png, Buffer.alloc(IMAGE_LIMITS.logo + 1 - TEST_IMAGES.png.length)]);
    expect(parseImageDataUrl('logo', dataUrl('image/png', tooBig))).toEqual({
      ok: false,
      code: 'IMAGE_TOO_LARGE',
      message: 'Logo is 512 KB; at most 512 KB is allowed.',
      params: { maxKilobytes: 512 },
    });
  });
});

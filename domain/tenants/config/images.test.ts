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
});

import { describe, expect, it } from 'vitest';
import { pickEncoding } from './content-encoding.js';

describe('pickEncoding', () => {
  const both = ['br', 'gzip'] as const;

  it('prefers brotli when the browser accepts both equally, whatever the header order', () => {
    expect(pickEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(pickEncoding('br, gzip', both)).toBe('br');
  });

  it('follows the weights the browser gives', () => {
    expect(pickEncoding('br;q=0.5, gzip', both)).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.1', both)).toBe('gzip');
    expect(pickEncoding('gzip;q=0, br;q=0', both)).toBeNull();
  });

  it('sends the file as it is when nothing usable is accepted or nothing was precompressed', () => {
    expect(pickEncoding(undefined, both)).toBeNull();
    expect(pickEncoding('', both)).toBeNull();
    expect(pickEncoding('identity', both)).toBeNull();
    expect(pickEncoding('deflate', both)).toBeNull();
    expect(pickEncoding('br, gzip', [])).toBeNull();
    expect(pickEncoding('br', ['gzip'])).toBeNull();
  });

  it('reads a wildcard as accepting any encoding not named', () => {
    expect(pickEncoding('*', both)).toBe('br');
    expect(pickEncoding('br;q=0, *', both)).toBe('gzip');
  });
});

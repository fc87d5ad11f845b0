import { describe, expect, it } from 'vitest';
import { deriveKey, keyedHash, sha256Hex } from './crypto.js';

describe('crypto helpers', () => {
  const secret = 'a-test-secret-of-sufficient-length';

  it('derives stable, purpose-separated keys', () => {
    expect(deriveKey(secret, 'audit-client-hash').equals(deriveKey(secret, 'audit-client-hash'))).toBe(true);
    expect(deriveKey(secret, 'audit-client-hash').equals(deriveKey(secret, 'download-signing'))).toBe(false);
    expect(deriveKey(secret, 'x', 48)).toHaveLength(48);
  });

  it('refuses weak secrets and empty purposes', () => {
    expect(() => deriveKey('short', 'x')).toThrow(/at least 16/);
    expect(() => deriveKey(secret, '')).toThrow(/purpose/);
  });

  it('keyed hashes depend on the key, plain hashes do not', () => {
    const a = deriveKey(secret, 'a');
    const b = deriveKey(secret, 'b');
    expect(keyedHash(a, '192.0.2.1')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(a, '192.0.2.1')).not.toBe(keyedHash(b, '192.0.2.1'));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.js';

const master = 'a-master-secret-of-at-least-thirty-two-chars';

describe('secret box', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = createSecretBox(master, 'tenant-credentials');
    const sealed = box.seal('app-password-123');
    expect(sealed).not.toContain('app-password-123');
    expect(box.open(sealed)).toBe('app-password-123');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value, another purpose and another master key', () => {
    const box = createSecretBox(master, 'tenant-credentials');
    const sealed = box.seal('secret');
    const parts = sealed.split(':');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64url')].join(':'))).toThrow();
    expect(() => createSecretBox(master, 'mfa').open(sealed)).toThrow();
    expect(() => createSecretBox(`${master}!`, 'tenant-credentials').open(sealed)).toThrow();
    expect(() => box.open('garbage')).toThrow(/unknown format/);
  });
});

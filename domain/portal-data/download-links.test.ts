import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../core/crypto.js';
import { DownloadLinks } from './download-links.js';

const SECRET = 'a-test-secret-of-sufficient-length';

/** Changes a character in the middle, where every bit counts (the last one carries padding bits). */
const tamperMiddle = (text: string) => {
  const i = Math.floor(text.length / 2);
  return `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
};

describe('download links', () => {
  it('verifies what it signed until it expires, then says expired', () => {
    let now = new Date('2026-03-01T10:00:00.250Z');
    const links = new DownloadLinks(SECRET, () => now);
    const { token, expiresAt } = links.sign('document', { d: 'x' }, 5 * 60_000);
    expect(expiresAt.toISOString()).toBe('2026-03-01T10:05:00.000Z');
    expect(links.verify(token)).toMatchObject({ ok: true, purpose: 'document', body: { d: 'x' } });
    now = new Date('2026-03-01T10:04:59.999Z');
    expect(links.verify(token).ok).toBe(true);
    now = new Date('2026-03-01T10:05:00.000Z');
    expect(links.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('calls anything altered, foreign or malformed invalid, never expired', () => {
    const links = new DownloadLinks(SECRET, () => new Date('2026-03-01T10:00:00Z'));
    const later = new DownloadLinks(SECRET, () => new Date('2027-01-01T00:00:00Z'));
    const { token } = links.sign('document', { d: 'x' }, 60_000);
    const [v, payload, mac] = token.split('.') as [string, string, string];
    const otherKey = new DownloadLinks(`${SECRET}-rotated`, () => new Date('2026-03-01T10:00:00Z'));
    for (const bad of [
      `${v}.${payload.slice(0, -1)}A.${mac}`,
      `${v}.${payload}.${tamperMiddle(mac)}`,
      `v2.${payload}.${mac}`,
      token.slice(0, -1),
      '',
      'v1..',
      `${token}.extra`,
      'x'.repeat(5000),
    ]) {
      expect(links.verify(bad), bad.slice(0, 30)).toEqual({ ok: false, reason: 'invalid' });
      // Even long after: a forged token must not learn anything from the expiry check.
      expect(later.verify(bad)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(otherKey.verify(token)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts exactly one spelling of the MAC, not the ones that differ only in padding bits', () => {
    const links = new DownloadLinks(SECRET, () => new Date('2026-03-01T10:00:00Z'));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // Many tokens, so every value of the last character's padding bits shows up.
    for (let i = 0; i < 16; i++) {
      const { token } = links.sign('document', { d: `x${i}` }, 60_000);
      const last = alphabet.indexOf(token.at(-1)!);
      const accepted = [0, 1, 2, 3]
        .map((padding) => `${token.slice(0, -1)}${alphabet[(last & ~3) | padding]}`)
        .filter((spelling) => links.verify(spelling).ok);
      expect(accepted).toEqual([token]);
    }
  });

  it("binds the MAC to the payload: one link's MAC never opens another body", () => {
    const links = new DownloadLinks(SECRET, () => new Date('2026-03-01T10:00:00Z'));
    const mine = links.sign('document', { d: 'mine' }, 60_000).token.split('.');
    const theirs = links.sign('document', { d: 'theirs' }, 60_000).token.split('.');
    expect(links.verify(`v1.${theirs[1]}.${mine[2]}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify(`v1.${mine[1]}.${theirs[2]}`)).toEqual({ ok: false, reason: 'invalid' });
    // Only the token as issued, nothing around it.
    expect(links.verify(`x${mine.join('.')}`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a genuinely signed payload that is not a link (another signer, another version)', () => {
    const links = new DownloadLinks(SECRET, () => new Date('2026-03-01T10:00:00Z'));
    const key = deriveKey(SECRET, 'downloads');
    const forge = (text: string) => {
      const payload = Buffer.from(text, 'utf8').toString('base64url');
      return `v1.${payload}.${createHmac('sha256', key).update(`v1.${payload}`, 'utf8').digest('base64url')}`;
    };
    const future = Date.parse('2027-01-01T00:00:00Z') / 1000;
    // The forger's tool itself works: a well-formed payload is accepted.
    expect(links.verify(forge(JSON.stringify({ p: 'document', e: future, b: { d: 'x' } })))).toMatchObject({ ok: true });
    for (const text of [
      'not json',
      JSON.stringify({ e: future, b: {} }),
      JSON.stringify({ p: 1, e: future, b: {} }),
      JSON.stringify({ p: 'document', b: {} }),
      JSON.stringify({ p: 'document', e: String(future), b: {} }),
      JSON.stringify({ p: 'document', e: future }),
    ]) {
      expect(links.verify(forge(text)), text).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('reads the system clock unless given one', () => {
    const links = new DownloadLinks(SECRET);
    const { token, expiresAt } = links.sign('document', { d: 'x' }, 60_000);
    expect(Math.abs(expiresAt.getTime() - (Date.now() + 60_000))).toBeLessThan(2_000);
    expect(links.verify(token).ok).toBe(true);
  });
});

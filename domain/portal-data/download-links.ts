import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../../core/crypto.js';

/**
 * Signed download links (`/portal/downloads/:token`). The token carries everything the download
 * needs to re-check access without a session — tenant, account, the account's data scope, what to
 * download — plus an expiry, under an HMAC with a key used for nothing else. It is not encrypted:
 * it names ids, never personal data or secrets. Generic over `purpose` so other downloads (data
 * exports) can use the same route with their own handler.
 */

const VERSION = 'v1';
const MAX_TOKEN_LENGTH = 2_048;

export interface SignedLink {
  token: string;
  expiresAt: Date;
}

export type VerifiedLink<T> =
  { ok: true; purpose: string; body: T; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

export class DownloadLinks {
  private readonly key: Buffer;

  constructor(
    secretKey: string | Buffer,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = deriveKey(secretKey, 'downloads');
  }

  sign<T>(purpose: string, body: T, ttlMs: number): SignedLink {
    const expiresAt = new Date(this.now().getTime() + ttlMs);
    // Whole seconds: the expiry in the token and the one shown to the client are the same instant.
    expiresAt.setMilliseconds(0);
    const payload = Buffer.from(JSON.stringify({ p: purpose, e: expiresAt.getTime() / 1000, b: body }), 'utf8').toString(
      'base64url',
    );
    return { token: `${VERSION}.${payload}.${this.mac(payload)}`, expiresAt };
  }

  /** Tampered, truncated and foreign tokens are `invalid`; only a genuine old token is `expired`. */
  verify<T>(token: string): VerifiedLink<T> {
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
    const match = /^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return { ok: false, reason: 'invalid' };
    const [, payload, mac] = match as unknown as [string, string, string];
    // Compared as text, not as decoded bytes: the last of 43 base64url characters carries two
    // padding bits, so four spellings decode to the same MAC. Only the one we issue is accepted.
    const expected = Buffer.from(this.mac(payload), 'ascii');
    const given = Buffer.from(mac, 'ascii');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let decoded: { p?: unknown; e?: unknown; b?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof decoded;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof decoded.p !== 'string' || typeof decoded.e !== 'number' || decoded.b === undefined)
      return { ok: false, reason: 'invalid' };
    const expiresAt = new Date(decoded.e * 1000);
    if (this.now().getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, purpose: decoded.p, body: decoded.b as T, expiresAt };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`${VERSION}.${payload}`, 'utf8').digest('base64url');
  }
}

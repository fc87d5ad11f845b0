import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new opaque bearer secret: `prefix` + 256 random bits, URL-safe. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * What we store instead of a token: its SHA-256. A token has 256 bits of entropy, so a plain hash
 * is enough (no salt or slow hash needed), and it doubles as the document `_id` for an indexed
 * lookup on every engine.
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

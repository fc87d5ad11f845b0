import { createHash } from 'node:crypto';

/**
 * Deterministic identifiers and randomness, so the demo data and fault injection give the same
 * answer on every run (tests and the gateway's seeded portal accounts refer to fixed ids).
 */

/** A UUIDv4-shaped id derived from a name: same name, same id, on every machine. */
export function uuidFor(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A 32-bit seed from a name. */
export function seedFor(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0);
}

/** mulberry32: tiny, fast and good enough for demo values and fault decisions. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Nextcloud-style etag: 13 hex characters. */
export function etagFor(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex').slice(0, 13);
}

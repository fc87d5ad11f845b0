import { describe, expect, it } from 'vitest';
import { newRequestReference } from './request-reference.js';

describe('request reference', () => {
  it('names the year and six characters nobody misreads on the phone (no 0, O, 1 or I)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const reference = newRequestReference(new Date('2026-06-01T12:00:00Z'));
      expect(reference).toMatch(/^REQ-2026-[2-9A-HJ-NP-Z]{6}$/);
      seen.add(reference);
    }
    // Random, not a counter: 500 draws from 32^6 practically never repeat.
    expect(seen.size).toBe(500);
    const characters = new Set([...seen].flatMap((reference) => [...reference.slice(9)]));
    // Every character of the alphabet turns up, the last ones included.
    expect([...characters].sort().join('')).toBe('23456789ABCDEFGHJKLMNPQRSTUVWXYZ');
  });

  it('takes the year in UTC', () => {
    expect(newRequestReference(new Date('2026-12-31T23:30:00-02:00'))).toMatch(/^REQ-2027-/);
    expect(newRequestReference(new Date('2027-01-01T00:30:00+02:00'))).toMatch(/^REQ-2026-/);
  });
});

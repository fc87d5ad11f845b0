import { describe, expect, it } from 'vitest';
import { lockedUntil } from './lockout.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + minutes * 60_000);

describe('lockedUntil', () => {
  it('locks for 15 minutes from the fifth failure within 15 minutes', () => {
    const failures = [0, 1, 2, 3, 14].map(at);
    expect(lockedUntil(failures, at(14))).toEqual(at(29));
    expect(lockedUntil(failures, at(28.9))).toEqual(at(29));
    expect(lockedUntil(failures, at(29))).toBeNull();
  });

  it('needs the five within one 15-minute window', () => {
    expect(lockedUntil([0, 1, 2, 3, 15.1].map(at), at(16))).toBeNull();
    expect(lockedUntil([0, 1, 2, 3].map(at), at(4))).toBeNull();
  });

  it('takes the latest lock when runs overlap, in any input order', () => {
    expect(lockedUntil([6, 0, 5, 1, 2, 3].map(at), at(7))).toEqual(at(21));
  });
});

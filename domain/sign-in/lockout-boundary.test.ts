import { describe, expect, it } from 'vitest';
import { lockedUntil } from './lockout.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + minutes * 60_000);

/**
 * "Five failures within 15 minutes" includes a fifth failure exactly 15 minutes after the first:
 * an attacker who paces guesses at exactly the window's length must not slip through it.
 */
describe('lockedUntil at the window edge', () => {
  it('locks when the first and the fifth failure are exactly 15 minutes apart', () => {
    expect(lockedUntil([0, 4, 8, 12, 15].map(at), at(15))).toEqual(at(30));
  });

  it('does not lock when they are one millisecond more apart', () => {
    const failures = [0, 4, 8, 12].map(at).concat(new Date(at(15).getTime() + 1));
    expect(lockedUntil(failures, at(15.5))).toBeNull();
  });
});

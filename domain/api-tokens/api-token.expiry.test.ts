import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { MAX_TOKEN_LIFETIME_DAYS, parseTokenExpiry } from './api-token.expiry.js';

const now = new Date('2027-03-01T12:00:00Z');
const DAY = 86_400_000;
const codeOf = (requested: Date) => {
  try {
    parseTokenExpiry(requested, now);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return ((error as BadUserInputError).extensions.problems as { code: string }[])[0]?.code;
  }
};

describe('API token expiry', () => {
  it('is optional: no date means the token lives until revoked', () => {
    expect(parseTokenExpiry(null, now)).toBeNull();
    expect(parseTokenExpiry(undefined, now)).toBeNull();
  });

  it('lies in the future and at most a year (366 days) ahead', () => {
    expect(codeOf(now)).toBe('DATE_IN_PAST');
    expect(codeOf(new Date(now.getTime() - 1))).toBe('DATE_IN_PAST');
    expect(codeOf(new Date(now.getTime() + 1))).toBeNull();
    const limit = new Date(now.getTime() + MAX_TOKEN_LIFETIME_DAYS * DAY);
    expect(parseTokenExpiry(limit, now)).toEqual(limit);
    expect(codeOf(new Date(limit.getTime() + 1))).toBe('TOKEN_EXPIRY_TOO_FAR');
    expect(codeOf(new Date('not a date'))).toBe('DATE_INVALID');
  });
});

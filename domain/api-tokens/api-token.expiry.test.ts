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

  it('tells the form which field is wrong and why', () => {
    const refusalOf = (requested: Date) => {
      try {
        parseTokenExpiry(requested, now);
      } catch (error) {
        return error;
      }
      throw new Error('accepted');
    };
    expect(refusalOf(new Date('not a date'))).toMatchObject({
      message: 'The expiry date is not a valid date.',
      extensions: { problems: [{ field: 'expiresAt', code: 'DATE_INVALID', message: 'Not a valid date.' }] },
    });
    expect(refusalOf(now)).toMatchObject({
      message: 'The expiry date must lie in the future.',
      extensions: { problems: [{ field: 'expiresAt', code: 'DATE_IN_PAST', message: 'Choose a date in the future.' }] },
    });
    expect(refusalOf(new Date(now.getTime() + 400 * DAY))).toMatchObject({
      message: 'A token can live at most 366 days.',
      extensions: {
        problems: [
          { field: 'expiresAt', code: 'TOKEN_EXPIRY_TOO_FAR', message: 'At most 366 days ahead.', params: { maxDays: 366 } },
        ],
      },
    });
  });
});

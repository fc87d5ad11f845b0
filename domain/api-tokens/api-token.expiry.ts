import { BadUserInputError, inputProblem } from '../../core/errors.js';

/** A partner token is a long-lived credential; a year bounds the damage of one forgotten in a config file. */
export const MAX_TOKEN_LIFETIME_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The optional expiry of a new token: absent means "until revoked"; given, it must lie in the
 * future and at most MAX_TOKEN_LIFETIME_DAYS ahead (366 so "one year from today" fits in a leap year).
 */
export function parseTokenExpiry(requested: Date | null | undefined, now: Date): Date | null {
  if (requested == null) return null;
  if (!(requested instanceof Date) || Number.isNaN(requested.getTime()))
    throw new BadUserInputError('The expiry date is not a valid date.', [
      inputProblem('expiresAt', 'DATE_INVALID', 'Not a valid date.'),
    ]);
  if (requested.getTime() <= now.getTime())
    throw new BadUserInputError('The expiry date must lie in the future.', [
      inputProblem('expiresAt', 'DATE_IN_PAST', 'Choose a date in the future.'),
    ]);
  if (requested.getTime() > now.getTime() + MAX_TOKEN_LIFETIME_DAYS * DAY_MS)
    throw new BadUserInputError(`A token can live at most ${MAX_TOKEN_LIFETIME_DAYS} days.`, [
      inputProblem('expiresAt', 'TOKEN_EXPIRY_TOO_FAR', `At most ${MAX_TOKEN_LIFETIME_DAYS} days ahead.`, {
        maxDays: MAX_TOKEN_LIFETIME_DAYS,
      }),
    ]);
  return requested;
}

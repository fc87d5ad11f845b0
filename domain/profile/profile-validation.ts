import {
  ACCOUNT_LOCALES,
  isPlausibleEmail,
  normaliseEmail,
  type AccountLocale,
  type AccountType,
} from '../accounts/account.types.js';
import { inputProblem, type InputProblem } from '../../core/errors.js';
import type { ProfileChanges, ProfileInput } from './profile.types.js';

/** Limits: the name fits Pipelinq's client `name` (255); the others keep records readable. */
export const LIMITS = { displayName: 255, phone: 32, address: 500, jobTitle: 100 } as const;

export type Problem = InputProblem;

/** Control characters have no place in a name or number; an address may span lines. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/**
 * A phone number as people write it: digits with optional +, spaces, dots, dashes and brackets
 * ("+31 6 12345678", "030-234 5679", "(030) 2345679"), 6 to 15 digits (E.164's maximum).
 */
const PHONE_SHAPE = /^\+?[\d\s().-]+$/;
export function isPlausiblePhone(phone: string): boolean {
  const digits = phone.replace(/\D/g, '').length;
  // PHONE_SHAPE already allows a + only in front.
  return PHONE_SHAPE.test(phone) && digits >= 6 && digits <= 15;
}

/**
 * Checks every field of an update at once and returns the normalised changes together with
 * every problem found, so one BAD_USER_INPUT can list them all. Pure: whether a new email
 * address is still free is the caller's (asynchronous) check.
 */
export function parseProfileInput(
  input: ProfileInput,
  accountType: AccountType,
): { changes: ProfileChanges; problems: Problem[] } {
  const changes: ProfileChanges = {};
  const problems: Problem[] = [];
  const given = (value: string | null | undefined): value is string => typeof value === 'string';
  /** Trimmed; '' clears an optional field (null). */
  const optional = (field: 'phone' | 'address' | 'jobTitle', raw: string, control: RegExp): string | null | undefined => {
    const value = raw.trim();
    if (!value) return null;
    if (value.length > LIMITS[field]) {
      problems.push(inputProblem(field, 'TOO_LONG', `At most ${LIMITS[field]} characters.`, { max: LIMITS[field] }));
      return undefined;
    }
    if (control.test(value)) {
      problems.push(inputProblem(field, 'CONTROL_CHARACTERS', 'Contains characters that are not allowed.'));
      return undefined;
    }
    return value;
  };

  if (given(input.displayName)) {
    const name = input.displayName.trim();
    if (!name) problems.push(inputProblem('displayName', 'REQUIRED', 'Enter your name.'));
    else if (name.length > LIMITS.displayName)
      problems.push(
        inputProblem('displayName', 'TOO_LONG', `At most ${LIMITS.displayName} characters.`, { max: LIMITS.displayName }),
      );
    else if (CONTROL.test(name))
      problems.push(inputProblem('displayName', 'CONTROL_CHARACTERS', 'Contains characters that are not allowed.'));
    else changes.displayName = name;
  }

  if (given(input.phone)) {
    const phone = optional('phone', input.phone, CONTROL);
    if (typeof phone === 'string' && !isPlausiblePhone(phone)) {
      problems.push(inputProblem('phone', 'PHONE_INVALID', 'Enter a phone number of 6 to 15 digits, e.g. +31 6 12345678.'));
    } else if (phone !== undefined) changes.phone = phone;
  }

  if (given(input.address)) {
    // A B2B person is a Pipelinq contact, which has no address; the address on file is the
    // organisation's, changed through a request (see profile-fields.ts).
    if (accountType !== 'B2C') {
      problems.push(
        inputProblem(
          'address',
          'ADDRESS_NOT_FOR_BUSINESS',
          "A business account has no address of its own; file a request to change your organisation's address.",
        ),
      );
    } else {
      const address = optional('address', input.address, CONTROL_EXCEPT_NEWLINE);
      if (address !== undefined) changes.address = address;
    }
  }

  if (given(input.jobTitle)) {
    if (accountType !== 'B2B') {
      problems.push(inputProblem('jobTitle', 'JOB_TITLE_ONLY_BUSINESS', 'Only business accounts have a job title.'));
    } else {
      const jobTitle = optional('jobTitle', input.jobTitle, CONTROL);
      if (jobTitle !== undefined) changes.jobTitle = jobTitle;
    }
  }

  if (given(input.locale)) {
    const locale = input.locale.trim().toLowerCase();
    if ((ACCOUNT_LOCALES as readonly string[]).includes(locale)) changes.locale = locale as AccountLocale;
    else
      problems.push(
        inputProblem('locale', 'NOT_ONE_OF', `Choose one of: ${ACCOUNT_LOCALES.join(', ')}.`, {
          allowed: ACCOUNT_LOCALES.join(', '),
        }),
      );
  }

  if (given(input.email)) {
    const email = normaliseEmail(input.email);
    if (isPlausibleEmail(email)) changes.email = email;
    else problems.push(inputProblem('email', 'EMAIL_INVALID', 'Enter a valid email address.'));
  }

  return { changes, problems };
}

import { accept, refuse, type Checked } from './problems.js';

// Deliberately plain: something@domain.tld, no quoted or bracketed forms a mail client would mangle.
const EMAIL = /^[^\s@"(),:;<>[\]\\]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function normaliseSupportEmail(raw: string): Checked<string> {
  const email = raw.trim();
  if (email.length > 254 || !EMAIL.test(email)) {
    return refuse(
      'EMAIL_INVALID',
      `Support email "${email.slice(0, 80)}" is not a valid email address such as klantenservice@example.nl.`,
    );
  }
  return accept(email);
}

/** A From address must pass the same plain form as the support address; the mail domain must allow the SMTP relay (SPF/DKIM). */
export function normaliseMailSenderAddress(raw: string): Checked<string> {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    return refuse(
      'EMAIL_INVALID',
      `Sender address "${email.slice(0, 80)}" is not a valid email address such as portaal@example.nl.`,
    );
  }
  return accept(email);
}

export function normaliseMailSenderName(raw: string): Checked<string> {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length > 80)
    return refuse('TOO_LONG', `Sender name is ${name.length} characters long; at most 80 are allowed.`, { max: 80 });
  if (/\p{Cc}/u.test(name)) return refuse('CONTROL_CHARACTERS', 'Sender name must not contain control characters.');
  return accept(name);
}

/** Dutch service numbers (0800 free, 090x paid) have 8 or 11 digits instead of 10. */
const DUTCH_SERVICE_PREFIX = /^(0800|090[0-9])/;

/**
 * A phone number people can dial: international (+ and 8–15 digits, E.164), or Dutch national
 * (0 and 10 digits, or 0800/090x with 8 or 11). Spaces, dashes, dots and parentheses are kept as
 * typed, because they are how the number is shown; `+31 (0)20 …` is accepted too.
 */
export function normaliseSupportPhone(raw: string): Checked<string> {
  const phone = raw.trim().replace(/\s+/g, ' ');
  const fail = refuse(
    'PHONE_INVALID',
    `Support phone "${phone.slice(0, 40)}" is not a valid phone number; use +31 20 123 4567, 020-1234567 or 0800-1234.`,
  );
  if (!/^\+?[\d\s().-]+$/.test(phone) || phone.length > 32) return fail;
  if (phone.startsWith('+')) {
    const digits = phone.replace(/\(0\)/, '').replace(/\D/g, '');
    return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? accept(phone) : fail;
  }
  const digits = phone.replace(/\D/g, '');
  if (!digits.startsWith('0')) return fail;
  if (DUTCH_SERVICE_PREFIX.test(digits)) return digits.length === 8 || digits.length === 11 ? accept(phone) : fail;
  return digits.length === 10 ? accept(phone) : fail;
}

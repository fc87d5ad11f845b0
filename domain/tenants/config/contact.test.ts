import { describe, expect, it } from 'vitest';
import { normaliseMailSenderAddress, normaliseMailSenderName, normaliseSupportEmail, normaliseSupportPhone } from './contact.js';

describe('support email', () => {
  it('accepts ordinary addresses, trimmed', () => {
    expect(normaliseSupportEmail(' klantenservice@bakker.nl ')).toEqual({ ok: true, value: 'klantenservice@bakker.nl' });
    expect(normaliseSupportEmail('info+portaal@sub.example.co.uk')).toEqual({
      ok: true,
      value: 'info+portaal@sub.example.co.uk',
    });
  });

  it('refuses what is not an address', () => {
    for (const bad of ['bakker.nl', 'info@bakker', 'in fo@bakker.nl', 'info@@bakker.nl', '<info@bakker.nl>']) {
      expect(normaliseSupportEmail(bad)).toMatchObject({
        ok: false,
        message: `Support email "${bad}" is not a valid email address such as klantenservice@example.nl.`,
      });
    }
  });
});

describe('support phone', () => {
  it('accepts international (E.164) and Dutch national numbers as typed', () => {
    for (const good of [
      '+31 20 123 4567',
      '+31201234567',
      '+31 (0)20 123 4567',
      '020-1234567',
      '(020) 123 45 67',
      '06-12345678',
      '0800-1234',
      '0900 123 4567',
      '+32 2 123 45 67',
    ]) {
      expect(normaliseSupportPhone(good)).toEqual({ ok: true, value: good });
    }
    expect(normaliseSupportPhone('  020  123  4567 ')).toEqual({ ok: true, value: '020 123 4567' });
  });

  it('refuses letters, wrong lengths and numbers without a trunk or country prefix', () => {
    for (const bad of ['bel ons', '020-123456', '020-12345678', '1234567890', '+0031 20 1234567', '+31 2', '0800-12345']) {
      expect(normaliseSupportPhone(bad)).toMatchObject({
        ok: false,
        message: `Support phone "${bad}" is not a valid phone number; use +31 20 123 4567, 020-1234567 or 0800-1234.`,
      });
    }
  });
});

/** An address of exactly `length` characters: a 64-character local part and a domain of short-enough labels. */
const addressOf = (length: number) => {
  const domain = length - 64 - 1;
  const labels = Math.ceil((domain - 3) / 61);
  const sizes = Array.from({ length: labels }, (_, i) => (i < labels - 1 ? 60 : domain - 3 - 61 * (labels - 1)));
  return `${'a'.repeat(64)}@${sizes.map((size) => 'b'.repeat(size)).join('.')}.nl`;
};

describe('support email, edges', () => {
  it('takes an address of 254 characters and one-letter domain labels, and refuses 255', () => {
    expect(addressOf(254)).toHaveLength(254);
    expect(normaliseSupportEmail(addressOf(254))).toEqual({ ok: true, value: addressOf(254) });
    expect(normaliseSupportEmail(addressOf(255))).toMatchObject({ ok: false, code: 'EMAIL_INVALID' });
    expect(normaliseSupportEmail('info@q.nl')).toEqual({ ok: true, value: 'info@q.nl' });
    expect(normaliseSupportEmail('info@mail.a.nl')).toEqual({ ok: true, value: 'info@mail.a.nl' });
  });

  it('quotes at most 80 characters of a refused address', () => {
    const long = `${'x'.repeat(100)}@`;
    expect(normaliseSupportEmail(long)).toEqual({
      ok: false,
      code: 'EMAIL_INVALID',
      message: `Support email "${'x'.repeat(80)}" is not a valid email address such as klantenservice@example.nl.`,
      params: {},
    });
  });
});

describe('mail sender', () => {
  it('stores the From address trimmed and in lower case, and refuses what is not an address', () => {
    expect(normaliseMailSenderAddress('  Portaal@Bakker.NL ')).toEqual({ ok: true, value: 'portaal@bakker.nl' });
    expect(normaliseMailSenderAddress('Portaal at Bakker')).toEqual({
      ok: false,
      code: 'EMAIL_INVALID',
      message: 'Sender address "portaal at bakker" is not a valid email address such as portaal@example.nl.',
      params: {},
    });
    expect(normaliseMailSenderAddress(addressOf(254))).toMatchObject({ ok: true });
    expect(normaliseMailSenderAddress(addressOf(255))).toMatchObject({ ok: false, code: 'EMAIL_INVALID' });
    expect(normaliseMailSenderAddress(`${'y'.repeat(100)}@`)).toMatchObject({
      message: `Sender address "${'y'.repeat(80)}" is not a valid email address such as portaal@example.nl.`,
    });
  });

  it('stores the From name with its spaces tidied, up to 80 characters and without control characters', () => {
    expect(normaliseMailSenderName('  Bakkerij \t  Bakker ')).toEqual({ ok: true, value: 'Bakkerij Bakker' });
    const longest = `${'B'.repeat(40)}  ${'b'.repeat(39)}`; // 81 as typed, 80 once the spaces are tidied
    expect(normaliseMailSenderName(longest)).toEqual({ ok: true, value: `${'B'.repeat(40)} ${'b'.repeat(39)}` });
    expect(normaliseMailSenderName('B'.repeat(81))).toEqual({
      ok: false,
      code: 'TOO_LONG',
      message: 'Sender name is 81 characters long; at most 80 are allowed.',
      params: { max: 80 },
    });
    expect(normaliseMailSenderName('Bakker\u0007')).toEqual({
      ok: false,
      code: 'CONTROL_CHARACTERS',
      message: 'Sender name must not contain control characters.',
      params: {},
    });
  });
});

describe('support phone, edges', () => {
  it('does not take a 0800 or 090x inside a number for a service number', () => {
    expect(normaliseSupportPhone('020-0800123')).toEqual({ ok: true, value: '020-0800123' });
    expect(normaliseSupportPhone('010 909 1234')).toEqual({ ok: true, value: '010 909 1234' });
  });

  it('refuses a number with words before or after it, and quotes at most 40 characters', () => {
    for (const bad of ['020-1234567 toestel 12', 'tel 020-1234567', '020-1234567 (werk)']) {
      expect(normaliseSupportPhone(bad), bad).toMatchObject({ ok: false, code: 'PHONE_INVALID' });
    }
    const long = `020 ${'x'.repeat(60)}`;
    expect(normaliseSupportPhone(long)).toEqual({
      ok: false,
      code: 'PHONE_INVALID',
      message: `Support phone "${long.slice(0, 40)}" is not a valid phone number; use +31 20 123 4567, 020-1234567 or 0800-1234.`,
      params: {},
    });
  });

  it('takes up to 32 characters as typed and international numbers of 8 to 15 digits', () => {
    const typed = (length: number) => `+31 20 123 4567${' -'.repeat(8)}${'.'.repeat(length - 31)}`;
    expect(typed(32)).toHaveLength(32);
    expect(normaliseSupportPhone(typed(32))).toMatchObject({ ok: true });
    expect(normaliseSupportPhone(typed(33))).toMatchObject({ ok: false, code: 'PHONE_INVALID' });
    expect(normaliseSupportPhone('+31201234')).toMatchObject({ ok: true });
    expect(normaliseSupportPhone('+3120123')).toMatchObject({ ok: false });
    expect(normaliseSupportPhone('+123456789012345')).toMatchObject({ ok: true });
    expect(normaliseSupportPhone('+1234567890123456')).toMatchObject({ ok: false });
    expect(normaliseSupportPhone('0800-1234567')).toMatchObject({ ok: true }); // 11 digits
  });
});

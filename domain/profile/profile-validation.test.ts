import { describe, expect, it } from 'vitest';
import { isPlausiblePhone, parseProfileInput } from './profile-validation.js';

describe('parseProfileInput', () => {
  it('normalises what is valid and leaves absent and null fields alone', () => {
    const { changes, problems } = parseProfileInput(
      { displayName: '  Sanne de Groot ', phone: ' +31 30 234 5679 ', locale: 'EN', email: ' New@Example.NL ', address: null },
      'B2B',
    );
    expect(problems).toEqual([]);
    expect(changes).toEqual({ displayName: 'Sanne de Groot', phone: '+31 30 234 5679', locale: 'en', email: 'new@example.nl' });
  });

  it("'' clears optional fields but not the name", () => {
    const b2b = parseProfileInput({ phone: '', jobTitle: '', displayName: ' ' }, 'B2B');
    expect(b2b.changes).toEqual({ phone: null, jobTitle: null });
    expect(b2b.problems).toEqual([{ field: 'displayName', code: 'REQUIRED', message: 'Enter your name.', params: {} }]);
    expect(parseProfileInput({ address: '  ' }, 'B2C').changes).toEqual({ address: null });
  });

  it('an address only for B2C: a business account has none of its own (Pipelinq contacts have no address)', () => {
    const { changes, problems } = parseProfileInput({ address: 'Kade 2', phone: '0301234567' }, 'B2B');
    expect(changes).toEqual({ phone: '0301234567' });
    expect(problems).toEqual([
      { field: 'address', code: 'ADDRESS_NOT_FOR_BUSINESS', message: expect.stringMatching(/request/), params: {} },
    ]);
  });

  it('lists every problem at once', () => {
    const { problems } = parseProfileInput(
      {
        displayName: 'x'.repeat(256),
        phone: 'call me maybe',
        address: 'a'.repeat(501),
        jobTitle: 'Inkoper',
        locale: 'de',
        email: 'not-an-address',
      },
      'B2C',
    );
    expect(problems.map((p) => p.field)).toEqual(['displayName', 'phone', 'address', 'jobTitle', 'locale', 'email']);
    expect(problems.find((p) => p.field === 'jobTitle')?.message).toMatch(/business accounts/);
  });

  it('refuses control characters, but lets an address span lines', () => {
    const { changes, problems } = parseProfileInput(
      { displayName: 'Jan\u0007', address: 'Lindenlaan 14\n3521 AB Utrecht' },
      'B2C',
    );
    expect(problems.map((p) => p.field)).toEqual(['displayName']);
    expect(changes.address).toBe('Lindenlaan 14\n3521 AB Utrecht');
  });

  it('phone numbers as people write them', () => {
    for (const ok of ['+31 6 12345678', '030-2345679', '(030) 234 56 79', '0031.6.12345678', '+442071234567'])
      expect(isPlausiblePhone(ok), ok).toBe(true);
    for (const bad of ['12345', '+31 6 1234567890123', '06-1234abcd', '6+31612345678', '+ +31612345678', '--'])
      expect(isPlausiblePhone(bad), bad).toBe(false);
  });
});

describe('profile limits and refusals (what the form shows next to each field)', () => {
  const codes = (problems: Array<{ field: string; code: string }>) => problems.map((p) => [p.field, p.code]);

  it('accepts each field at its limit and refuses it one character over, saying the limit', () => {
    const at = parseProfileInput(
      { displayName: 'n'.repeat(255), phone: `+31${' '.repeat(19)}6123456789`, address: 'a'.repeat(500) },
      'B2C',
    );
    expect(at.problems).toEqual([]);
    expect(at.changes).toMatchObject({ displayName: 'n'.repeat(255), address: 'a'.repeat(500) });
    const b2bAt = parseProfileInput({ jobTitle: 'j'.repeat(100) }, 'B2B');
    expect(b2bAt.changes).toEqual({ jobTitle: 'j'.repeat(100) });

    const over = parseProfileInput(
      { displayName: 'n'.repeat(256), phone: `+31${' '.repeat(20)}6123456789`, address: 'a'.repeat(501) },
      'B2C',
    );
    expect(over.problems).toEqual([
      { field: 'displayName', code: 'TOO_LONG', message: 'At most 255 characters.', params: { max: 255 } },
      { field: 'phone', code: 'TOO_LONG', message: 'At most 32 characters.', params: { max: 32 } },
      { field: 'address', code: 'TOO_LONG', message: 'At most 500 characters.', params: { max: 500 } },
    ]);
    // No key at all for a refused field, so nothing downstream mistakes it for a change.
    expect(over.changes).toStrictEqual({});
    expect(parseProfileInput({ jobTitle: 'j'.repeat(101) }, 'B2B')).toEqual({
      changes: {},
      problems: [{ field: 'jobTitle', code: 'TOO_LONG', message: 'At most 100 characters.', params: { max: 100 } }],
    });
  });

  it('refuses control characters in every field, but allows line breaks in an address', () => {
    const refused = parseProfileInput({ displayName: 'Jan\u0007', phone: '030\u00001234567' }, 'B2B');
    const jobTitle = parseProfileInput({ jobTitle: 'Inkoper\u001b[31m' }, 'B2B');
    const address = parseProfileInput({ address: 'Kade 2\u0000' }, 'B2C');
    for (const result of [refused, jobTitle, address]) {
      expect(result.changes).toStrictEqual({});
      for (const problem of result.problems)
        expect(problem).toMatchObject({ code: 'CONTROL_CHARACTERS', message: 'Contains characters that are not allowed.' });
    }
    expect(codes(refused.problems)).toEqual([
      ['displayName', 'CONTROL_CHARACTERS'],
      ['phone', 'CONTROL_CHARACTERS'],
    ]);
    expect(codes(jobTitle.problems)).toEqual([['jobTitle', 'CONTROL_CHARACTERS']]);
    expect(parseProfileInput({ address: 'Kade 2\n3511 AB Utrecht' }, 'B2C').changes).toEqual({
      address: 'Kade 2\n3511 AB Utrecht',
    });
  });

  it('names the field and code of the other refusals', () => {
    expect(parseProfileInput({ phone: '12345' }, 'B2C').problems).toEqual([
      {
        field: 'phone',
        code: 'PHONE_INVALID',
        message: 'Enter a phone number of 6 to 15 digits, e.g. +31 6 12345678.',
        params: {},
      },
    ]);
    expect(parseProfileInput({ jobTitle: 'Inkoper' }, 'B2C').problems).toEqual([
      { field: 'jobTitle', code: 'JOB_TITLE_ONLY_BUSINESS', message: 'Only business accounts have a job title.', params: {} },
    ]);
    expect(parseProfileInput({ locale: 'de' }, 'B2C').problems).toEqual([
      { field: 'locale', code: 'NOT_ONE_OF', message: 'Choose one of: nl, en.', params: { allowed: 'nl, en' } },
    ]);
    expect(parseProfileInput({ email: 'jan@' }, 'B2C').problems).toEqual([
      { field: 'email', code: 'EMAIL_INVALID', message: 'Enter a valid email address.', params: {} },
    ]);
    expect(parseProfileInput({ locale: ' NL ' }, 'B2C').changes).toEqual({ locale: 'nl' });
  });

  it('counts 6 to 15 digits and allows a + only in front', () => {
    expect(isPlausiblePhone('123456')).toBe(true);
    expect(isPlausiblePhone('12345')).toBe(false);
    expect(isPlausiblePhone('+123456789012345')).toBe(true);
    expect(isPlausiblePhone('+1234567890123456')).toBe(false);
    expect(isPlausiblePhone('+31 6 12345678')).toBe(true);
    expect(isPlausiblePhone('0031+612345678')).toBe(false);
  });
});

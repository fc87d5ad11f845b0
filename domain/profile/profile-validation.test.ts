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

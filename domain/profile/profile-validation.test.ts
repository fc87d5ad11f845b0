import { describe, expect, it } from 'vitest';
import { NEXTCLOUD_FIELDS, patchesFor, personDetailsOf } from './profile-fields.js';
import { isPlausiblePhone, parseProfileInput } from './profile-validation.js';
import { DEFAULT_FIELD_MAPPING } from '../portal-data/index.js';
import type { NcObject } from '../../nextcloud/types.js';

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
    const { changes, problems } = parseProfileInput({ phone: '', address: '  ', jobTitle: '', displayName: ' ' }, 'B2B');
    expect(changes).toEqual({ phone: null, address: null, jobTitle: null });
    expect(problems).toEqual([{ field: 'displayName', message: 'Enter your name.' }]);
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

const object = (id: string, data: Record<string, unknown>): NcObject => ({ id, '@self': { id } as NcObject['@self'], ...data });

describe('where profile fields live', () => {
  const contact = object('ct-1', { name: 'Jan Jansen', phone: '+31 6 12345678', role: 'Particulier', client: 'cl-1' });
  const client = object('cl-1', { name: 'Jan Jansen', address: 'Lindenlaan 14', phone: '+31 6 00000000', type: 'person' });

  it('B2C with a contact: name and phone on the contact, address on the person client, no job title', () => {
    const account = { type: 'B2C' as const, contactId: 'ct-1' };
    expect(personDetailsOf(account, { contact, client }, DEFAULT_FIELD_MAPPING)).toEqual({
      displayName: 'Jan Jansen',
      phone: '+31 6 12345678',
      address: 'Lindenlaan 14',
      jobTitle: null,
      organisation: null,
    });
    const { patches, fields } = patchesFor(
      { displayName: 'Jan Jansen', phone: '+31 6 87654321', address: 'Eikenlaan 1' },
      account,
      { contact, client },
      DEFAULT_FIELD_MAPPING,
    );
    // The unchanged name is not written.
    expect(patches).toEqual({ contact: { phone: '+31 6 87654321' }, client: { address: 'Eikenlaan 1' } });
    expect(fields).toEqual(['phone', 'address']);
  });

  it('B2C without a contact: everything on the person client', () => {
    const account = { type: 'B2C' as const, contactId: null };
    const { patches } = patchesFor(
      { displayName: 'J. Jansen', phone: null },
      account,
      { contact: null, client },
      DEFAULT_FIELD_MAPPING,
    );
    expect(patches).toEqual({ client: { name: 'J. Jansen', phone: null } });
  });

  it('B2B: the contact holds the person and the job title; the organisation is read from the client', () => {
    const account = { type: 'B2B' as const, contactId: 'ct-1' };
    const org = object('cl-1', { name: 'Bakkerij', email: 'info@b.example', website: 'https://b.example', type: 'organization' });
    const details = personDetailsOf(account, { contact, client: org }, DEFAULT_FIELD_MAPPING);
    expect(details.jobTitle).toBe('Particulier');
    expect(details.organisation).toEqual({
      id: 'cl-1',
      name: 'Bakkerij',
      email: 'info@b.example',
      phone: null,
      address: null,
      website: 'https://b.example',
    });
    const { patches } = patchesFor(
      { jobTitle: 'Inkoper', address: 'Kade 2' },
      account,
      { contact, client: org },
      DEFAULT_FIELD_MAPPING,
    );
    expect(patches).toEqual({ contact: { role: 'Inkoper', address: 'Kade 2' } });
    expect(NEXTCLOUD_FIELDS).not.toContain('email');
  });
});

import { describe, expect, it } from 'vitest';
import type { NcObject } from '../../nextcloud/types.js';
import { DEFAULT_FIELD_MAPPING } from '../portal-data/index.js';
import { personDetailsOf, recordsFor, writePlanFor } from './profile-fields.js';

const object = (id: string, data: Record<string, unknown>): NcObject => ({ id, '@self': { id } as NcObject['@self'], ...data });
const mapping = DEFAULT_FIELD_MAPPING;

describe('where profile fields live', () => {
  const contact = object('ct-1', { name: 'Jan Jansen', phone: '+31 6 12345678', role: 'Particulier', client: 'cl-1' });
  const client = object('cl-1', { name: 'Jan Jansen', address: 'Lindenlaan 14', phone: '+31 6 00000000', type: 'person' });
  const b2c = { type: 'B2C' as const, contactId: 'ct-1' };

  it('B2C: read from the person client, even when the contact says otherwise', () => {
    expect(personDetailsOf(b2c, { contact, client }, mapping)).toEqual({
      displayName: 'Jan Jansen',
      phone: '+31 6 00000000',
      address: 'Lindenlaan 14',
      jobTitle: null,
      organisation: null,
    });
  });

  it('B2C with a contact: name, phone and email to the client first, then the same to the contact; address to the client only', () => {
    expect(recordsFor('phone', b2c)).toEqual(['client', 'contact']);
    expect(recordsFor('email', b2c)).toEqual(['client', 'contact']);
    expect(recordsFor('address', b2c)).toEqual(['client']);
    expect(recordsFor('jobTitle', b2c)).toEqual([]);
    const plan = writePlanFor(
      { displayName: 'Jan Jansen', phone: '+31 6 87654321', address: 'Eikenlaan 1' },
      b2c,
      { contact, client },
      mapping,
    );
    // The unchanged name is not written; the contact gets no address (it has none in Pipelinq).
    expect(plan.writes).toEqual([
      { role: 'client', patch: { phone: '+31 6 87654321', address: 'Eikenlaan 1' } },
      { role: 'contact', patch: { phone: '+31 6 87654321' } },
    ]);
    expect(plan.fields).toEqual(['phone', 'address']);
  });

  it('a copy that fell behind is brought back in line by saving the value the client already has', () => {
    const plan = writePlanFor({ phone: '+31 6 00000000' }, b2c, { contact, client }, mapping);
    expect(plan.writes).toEqual([{ role: 'contact', patch: { phone: '+31 6 00000000' } }]);
    expect(plan.fields).toEqual(['phone']);
    const same = object('ct-1', { ...contact, phone: '+31 6 00000000' });
    expect(writePlanFor({ phone: '+31 6 00000000' }, b2c, { contact: same, client }, mapping)).toEqual({
      writes: [],
      fields: [],
    });
  });

  it('B2C without a contact: everything on the person client', () => {
    const plan = writePlanFor(
      { displayName: 'J. Jansen', phone: null },
      { type: 'B2C', contactId: null },
      { contact: null, client },
      mapping,
    );
    expect(plan.writes).toEqual([{ role: 'client', patch: { name: 'J. Jansen', phone: null } }]);
  });

  it('B2B: the contact holds the person and the job title; the organisation is read-only, and there is no own address', () => {
    const b2b = { type: 'B2B' as const, contactId: 'ct-1' };
    const org = object('cl-1', {
      name: 'Bakkerij',
      email: 'info@b.example',
      website: 'https://b.example',
      address: 'Voorstraat 88',
      type: 'organization',
    });
    const details = personDetailsOf(b2b, { contact, client: org }, mapping);
    expect(details).toMatchObject({ displayName: 'Jan Jansen', phone: '+31 6 12345678', jobTitle: 'Particulier', address: null });
    expect(details.organisation).toEqual({
      id: 'cl-1',
      name: 'Bakkerij',
      email: 'info@b.example',
      phone: null,
      address: 'Voorstraat 88',
      website: 'https://b.example',
    });
    for (const field of ['displayName', 'phone', 'email', 'jobTitle'] as const)
      expect(recordsFor(field, b2b)).toEqual(['contact']);
    expect(recordsFor('address', b2b)).toEqual([]);
    const plan = writePlanFor(
      { jobTitle: 'Inkoper', phone: '+31 30 1', address: 'Kade 2' },
      b2b,
      { contact, client: org },
      mapping,
    );
    expect(plan.writes).toEqual([{ role: 'contact', patch: { role: 'Inkoper', phone: '+31 30 1' } }]);
  });
});

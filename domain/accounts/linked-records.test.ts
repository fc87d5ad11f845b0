import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import type { NcObject } from '../../nextcloud/types.js';
import { personNameOf, verifyLinkedRecords } from './linked-records.js';

// A relation comes back as a plain uuid or as an object ({"value": uuid}, {id}, {uuid}):
// reference nextcloud-api.md §3 (object properties) and pipelinq-portal.md (client id or {id|uuid}).
const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const CONTACT = '33333333-3333-4333-8333-333333333333';

const connectorWith = (contactClient: unknown) => ({
  getObject: async (resource: string, id: string) =>
    (resource === 'client'
      ? { id, type: 'organization', name: 'Bakkerij Bakker' }
      : { id, name: 'Fatima Bakker', client: contactClient }) as unknown as NcObject,
});

describe('verifyLinkedRecords: the contact belongs to the client', () => {
  for (const [shape, value] of [
    ['a plain uuid', ORG],
    ['{value}', { value: ORG }],
    ['{id}', { id: ORG }],
    ['{uuid}', { uuid: ORG }],
  ] as const) {
    it(`accepts the relation written as ${shape}`, async () => {
      await expect(verifyLinkedRecords(connectorWith(value), 'B2B', ORG, CONTACT)).resolves.toMatchObject({
        contactName: 'Fatima Bakker',
      });
    });
  }

  it("refuses another company's contact in either shape", async () => {
    for (const value of [OTHER, { value: OTHER }]) {
      const refused = verifyLinkedRecords(connectorWith(value), 'B2B', ORG, CONTACT);
      await expect(refused).rejects.toBeInstanceOf(BadUserInputError);
      await expect(refused).rejects.toMatchObject({
        extensions: {
          problems: [
            {
              field: 'contactId',
              code: 'CONTACT_NOT_OF_CLIENT',
              message: 'This contact does not belong to the client.',
              params: {},
            },
          ],
        },
      });
    }
  });
});

/** Nextcloud as a map of records by resource and id: what the admin's invitation checks against. */
const records = (entries: Record<string, Record<string, unknown>>) => ({
  getObject: async (resource: string, id: string) => (entries[`${resource}/${id}`] ?? null) as NcObject | null,
});
const problemsOf = async (check: Promise<unknown>) => {
  const error = await check.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadUserInputError);
  return (error as BadUserInputError & { extensions: { problems: Array<{ field: string; code: string }> } }).extensions.problems;
};

describe('verifyLinkedRecords: which records an account may be linked to', () => {
  const PERSON = '44444444-4444-4444-8444-444444444444';
  const nextcloud = records({
    [`client/${ORG}`]: { id: ORG, type: 'organization', name: '  Bakkerij Bakker  ' },
    [`client/${PERSON}`]: { id: PERSON, type: 'person', name: 'Jan Jansen' },
    [`client/${OTHER}`]: { id: OTHER, type: 'organization', name: 'Gepseudonimiseerd 0123456789' },
    [`contact/${CONTACT}`]: { id: CONTACT, name: ' Fatima Bakker ', client: ORG },
    [`contact/gone`]: { id: 'gone', name: 'Gepseudonimiseerd abcdef0123', client: ORG },
  });

  it('links a person account to a person client, and a company account to an organisation and its contact', async () => {
    await expect(verifyLinkedRecords(nextcloud, 'B2C', PERSON, null)).resolves.toEqual({
      clientName: 'Jan Jansen',
      contactName: null,
    });
    await expect(verifyLinkedRecords(nextcloud, 'B2B', ORG, CONTACT)).resolves.toEqual({
      clientName: 'Bakkerij Bakker',
      contactName: 'Fatima Bakker',
    });
  });

  it('refuses a client of the wrong type, saying which type it needs', async () => {
    const refused = verifyLinkedRecords(nextcloud, 'B2C', ORG, null);
    await expect(refused).rejects.toMatchObject({
      message: 'A B2C account needs a client of type person; this client is organization.',
      extensions: {
        problems: [{ field: 'clientId', code: 'CLIENT_TYPE_MISMATCH', params: { type: 'B2C', expected: 'person' } }],
      },
    });
    await expect(verifyLinkedRecords(nextcloud, 'B2B', PERSON, null)).rejects.toMatchObject({
      extensions: { problems: [{ code: 'CLIENT_TYPE_MISMATCH', params: { expected: 'organization' } }] },
    });
    const untyped = records({ [`client/${ORG}`]: { id: ORG, name: 'Zonder type' } });
    await expect(verifyLinkedRecords(untyped, 'B2B', ORG, null)).rejects.toThrow('this client is of no type.');
  });

  it('refuses pseudonymised records, which may never get an account again', async () => {
    expect(await problemsOf(verifyLinkedRecords(nextcloud, 'B2B', OTHER, null))).toEqual([
      {
        field: 'clientId',
        code: 'RECORD_PSEUDONYMISED',
        message: 'This record was pseudonymised after its retention period; it cannot get a portal account.',
        params: {},
      },
    ]);
    expect(await problemsOf(verifyLinkedRecords(nextcloud, 'B2B', ORG, 'gone'))).toEqual([
      expect.objectContaining({ field: 'contactId', code: 'RECORD_PSEUDONYMISED' }),
    ]);
  });

  it('reports a missing client and a missing contact together, one problem per field', async () => {
    const refused = verifyLinkedRecords(nextcloud, 'B2B', 'no-such-client', 'no-such-contact');
    await expect(refused).rejects.toThrow(
      'No client with this id exists in Nextcloud. No contact with this id exists in Nextcloud.',
    );
    expect(await problemsOf(refused)).toEqual([
      expect.objectContaining({ field: 'clientId', code: 'CLIENT_NOT_FOUND' }),
      expect.objectContaining({ field: 'contactId', code: 'CONTACT_NOT_FOUND' }),
    ]);
  });
});

describe('personNameOf: the name a mail greets', () => {
  const nextcloud = records({
    [`client/${ORG}`]: { id: ORG, type: 'organization', name: 'Bakkerij Bakker' },
    [`client/p1`]: { id: 'p1', type: 'person', name: ' Jan Jansen ' },
    [`client/p2`]: { id: 'p2', type: 'person', name: '   ' },
    [`contact/${CONTACT}`]: { id: CONTACT, name: 'Fatima Bakker', client: ORG },
  });

  it('is the contact’s name, else a person client’s; never a company’s; null when there is none', async () => {
    expect(await personNameOf(nextcloud, { type: 'B2B', clientId: ORG, contactId: CONTACT })).toBe('Fatima Bakker');
    expect(await personNameOf(nextcloud, { type: 'B2C', clientId: 'p1', contactId: null })).toBe('Jan Jansen');
    expect(await personNameOf(nextcloud, { type: 'B2B', clientId: ORG, contactId: null })).toBeNull();
    expect(await personNameOf(nextcloud, { type: 'B2C', clientId: 'p2', contactId: null })).toBeNull();
    expect(await personNameOf(nextcloud, { type: 'B2C', clientId: 'gone', contactId: null })).toBeNull();
    expect(await personNameOf(nextcloud, { type: 'B2B', clientId: ORG, contactId: 'gone' })).toBeNull();
  });
});

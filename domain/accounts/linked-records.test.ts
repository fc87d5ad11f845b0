import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import type { NcObject } from '../../nextcloud/types.js';
import { verifyLinkedRecords } from './linked-records.js';

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
        extensions: { problems: [expect.objectContaining({ code: 'CONTACT_NOT_OF_CLIENT' })] },
      });
    }
  });
});

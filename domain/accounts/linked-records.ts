import { BadUserInputError, inputProblem, type InputProblem } from '../../core/errors.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { AccountType } from './account.types.js';
import { referenceOf } from '../portal-data/record-values.js';
import { isPseudonymName } from './pseudonyms.js';

/** Pipelinq's `client.type` for each account type. */
const CLIENT_TYPE: Record<AccountType, string> = { B2B: 'organization', B2C: 'person' };

export interface LinkedRecords {
  clientName: string | null;
  contactName: string | null;
}

const PSEUDONYMISED = 'This record was pseudonymised after its retention period; it cannot get a portal account.';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * Checks in Nextcloud that an account may be linked to these records: the client exists and is a
 * person (B2C) or an organisation (B2B), and the contact, when given, belongs to that client.
 * Neither may be pseudonymised: linking a new address to such a record would re-identify the person.
 * Every problem is reported at once, as BAD_USER_INPUT with one entry per field.
 */
export async function verifyLinkedRecords(
  connector: Pick<NextcloudConnector, 'getObject'>,
  type: AccountType,
  clientId: string,
  contactId: string | null,
): Promise<LinkedRecords> {
  const [client, contact] = await Promise.all([
    connector.getObject('client', clientId),
    contactId ? connector.getObject('contact', contactId) : Promise.resolve(null),
  ]);
  const problems: InputProblem[] = [];
  if (!client) {
    problems.push(inputProblem('clientId', 'CLIENT_NOT_FOUND', 'No client with this id exists in Nextcloud.'));
  } else if (client.type !== CLIENT_TYPE[type]) {
    problems.push(
      inputProblem(
        'clientId',
        'CLIENT_TYPE_MISMATCH',
        `A ${type} account needs a client of type ${CLIENT_TYPE[type]}; this client is ${text(client.type) ?? 'of no type'}.`,
        { type, expected: CLIENT_TYPE[type] },
      ),
    );
  } else if (isPseudonymName(client.name)) {
    problems.push(inputProblem('clientId', 'RECORD_PSEUDONYMISED', PSEUDONYMISED));
  }
  if (contactId && !contact)
    problems.push(inputProblem('contactId', 'CONTACT_NOT_FOUND', 'No contact with this id exists in Nextcloud.'));
  else if (contact && referenceOf(contact.client) !== clientId)
    problems.push(inputProblem('contactId', 'CONTACT_NOT_OF_CLIENT', 'This contact does not belong to the client.'));
  else if (contact && isPseudonymName(contact.name))
    problems.push(inputProblem('contactId', 'RECORD_PSEUDONYMISED', PSEUDONYMISED));
  if (problems.length) throw new BadUserInputError(problems.map((p) => p.message).join(' '), problems);
  return { clientName: text(client?.name), contactName: text(contact?.name) };
}

/** The person's name as Nextcloud has it (contact, else the person client), or null. */
export async function personNameOf(
  connector: Pick<NextcloudConnector, 'getObject'>,
  account: { type: AccountType; clientId: string; contactId: string | null },
): Promise<string | null> {
  if (account.contactId) return text((await connector.getObject('contact', account.contactId))?.name);
  if (account.type === 'B2C') return text((await connector.getObject('client', account.clientId))?.name);
  return null;
}

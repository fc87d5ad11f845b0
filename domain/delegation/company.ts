import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { NcObject } from '../../nextcloud/types.js';
import type { Account } from '../accounts/account.types.js';
import type { PortalFieldMapping } from '../portal-data/field-mapping.js';
import type { RecordLoaders } from '../portal-data/record-loaders.js';
import { referenceOf, text } from '../portal-data/record-values.js';

/**
 * The company of a B2B account as Pipelinq holds it: the organisation `client` and the `contact`
 * objects whose `client` is that organisation. Only properties of reference/pipelinq-schemas.md
 * are read (client: name, email, phone, address, website; contact: name, email, role, client).
 * The field mapping names the client's and contact's display-name properties; the others have no
 * mapping entry yet, so the reference names are used as they are.
 */
const CLIENT_PROPS = { email: 'email', phone: 'phone', address: 'address', website: 'website' } as const;
const CONTACT_PROPS = { client: 'client', role: 'role', email: 'email' } as const;

/** At most this many colleagues are listed (one upstream page). */
export const MAX_COLLEAGUES = 200;

export interface CompanyDetails {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  website: string | null;
}

/** Whether a colleague can sign in: status only, never another person's sign-in data. */
export type PortalAccountState = 'NONE' | 'INVITED' | 'ACTIVE' | 'BLOCKED';

export interface Colleague {
  contactId: string;
  name: string | null;
  /** The contact's `role` (job title). */
  role: string | null;
  portalAccount: PortalAccountState;
  /** The signed-in person's own contact. */
  isYou: boolean;
  /** The tenant lets colleagues invite, this one has no account and Pipelinq has an address for them. */
  canInvite: boolean;
}

export async function loadCompany(
  loaders: RecordLoaders,
  mapping: PortalFieldMapping,
  clientId: string,
): Promise<CompanyDetails | null> {
  const object = await loaders.client.load(clientId);
  if (!object || object.id !== clientId) return null;
  return {
    id: object.id,
    name: text(object, mapping.client.name),
    email: text(object, [CLIENT_PROPS.email]),
    phone: text(object, [CLIENT_PROPS.phone]),
    address: text(object, [CLIENT_PROPS.address]),
    website: text(object, [CLIENT_PROPS.website]),
  };
}

/**
 * The company's contacts with the portal state of each. Rows upstream returns for another client
 * (a filter it ignored) are dropped. A closed account counts as none: its address may be used again.
 */
export async function loadColleagues(
  connector: Pick<NextcloudConnector, 'listObjects'>,
  mapping: PortalFieldMapping,
  clientId: string,
  accounts: readonly Pick<Account, 'contactId' | 'status'>[],
  ownContactId: string | null,
  invitesEnabled = false,
): Promise<Colleague[]> {
  const nameField = mapping.contact.name[0] ?? 'name';
  const page = await connector.listObjects(mapping.contact.resource, {
    filters: { [CONTACT_PROPS.client]: clientId },
    order: [[nameField, 'asc']],
    limit: MAX_COLLEAGUES,
  });
  const stateOf = (contactId: string): PortalAccountState => {
    const states = accounts.filter((a) => a.contactId === contactId).map((a) => a.status);
    if (states.includes('ACTIVE')) return 'ACTIVE';
    if (states.includes('INVITED')) return 'INVITED';
    if (states.includes('BLOCKED')) return 'BLOCKED';
    return 'NONE';
  };
  return page.results
    .filter((row: NcObject) => referenceOf(row[CONTACT_PROPS.client]) === clientId)
    .map((row) => {
      const portalAccount = stateOf(row.id);
      return {
        contactId: row.id,
        name: text(row, mapping.contact.name),
        role: text(row, [CONTACT_PROPS.role]),
        portalAccount,
        isYou: row.id === ownContactId,
        canInvite: invitesEnabled && portalAccount === 'NONE' && contactEmailOf(row) !== null,
      };
    });
}

/** The contact's address, for inviting it (never shown to the inviting colleague). */
export function contactEmailOf(contact: NcObject): string | null {
  return text(contact, [CONTACT_PROPS.email]);
}

/** Whether a contact object belongs to the company. */
export function isContactOf(contact: NcObject, clientId: string): boolean {
  return referenceOf(contact[CONTACT_PROPS.client]) === clientId;
}

import type { NcObject } from '../../nextcloud/types.js';
import type { Account } from '../accounts/account.types.js';
import type { PortalFieldMapping } from '../portal-data/index.js';
import type { OrganisationDetails, PersonDetails, ProfileChanges } from './profile.types.js';

/**
 * Where each profile field lives in Nextcloud. The portal keeps no personal data of its own: the
 * person's name, phone and address stay on their Pipelinq records, and the profile reads and
 * writes them there.
 *
 * - The person's record is the `contact` (every B2B account, and a B2C account that has one), else
 *   the B2C person `client`. Name, phone and (once confirmed) email live there.
 * - jobTitle is the contact's `role` (B2B only).
 * - address: Pipelinq's contact schema has no address, but a B2C person client does, so a B2C
 *   address always lives on the client. A B2B employee's address is kept on their contact (stored
 *   by OpenRegister beyond the base schema; a tenant that validates strictly answers the write
 *   with BAD_USER_INPUT). The organisation's own address is shown, never edited, here.
 *
 * Property names follow Pipelinq; the resources and the name property come from the tenant's
 * field mapping (domain/portal-data), like everywhere else.
 */

export type RecordRole = 'contact' | 'client';

export interface PersonRecords {
  contact: NcObject | null;
  client: NcObject | null;
}

/** The person's own fields; the organisation's are read-only. */
export type NextcloudField = 'displayName' | 'phone' | 'address' | 'jobTitle' | 'email';
export const NEXTCLOUD_FIELDS: readonly NextcloudField[] = ['displayName', 'phone', 'address', 'jobTitle'];

type Scope = Pick<Account, 'type' | 'contactId'>;

export function personRoleOf(account: Scope): RecordRole {
  return account.type === 'B2B' || account.contactId ? 'contact' : 'client';
}

export function homeOf(field: NextcloudField, account: Scope): RecordRole {
  if (field === 'jobTitle') return 'contact';
  if (field === 'address') return account.type === 'B2C' ? 'client' : 'contact';
  return personRoleOf(account);
}

/** The property a field is stored under on its home record. */
export function propertyOf(field: NextcloudField, role: RecordRole, mapping: PortalFieldMapping): string {
  if (field === 'displayName') return (role === 'contact' ? mapping.contact.name[0] : mapping.client.name[0]) ?? 'name';
  return field === 'jobTitle' ? 'role' : field;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** The current value of a field on its home record, as the profile shows it. */
export function valueOf(
  field: NextcloudField,
  account: Scope,
  records: PersonRecords,
  mapping: PortalFieldMapping,
): string | null {
  const role = homeOf(field, account);
  const record = records[role];
  if (!record) return null;
  return text(record[propertyOf(field, role, mapping)]);
}

export function personDetailsOf(account: Scope, records: PersonRecords, mapping: PortalFieldMapping): PersonDetails {
  const value = (field: NextcloudField) => valueOf(field, account, records, mapping);
  return {
    displayName: value('displayName'),
    phone: value('phone'),
    address: value('address'),
    jobTitle: account.type === 'B2B' ? value('jobTitle') : null,
    organisation: account.type === 'B2B' && records.client ? organisationOf(records.client, mapping) : null,
  };
}

function organisationOf(client: NcObject, mapping: PortalFieldMapping): OrganisationDetails {
  return {
    id: client.id,
    name: text(client[propertyOf('displayName', 'client', mapping)]),
    email: text(client.email),
    phone: text(client.phone),
    address: text(client.address),
    website: text(client.website),
  };
}

/**
 * The PATCH bodies for the changed Nextcloud fields, per record: only fields whose value differs
 * from what the record holds now, so an unchanged form writes nothing.
 */
export function patchesFor(
  changes: ProfileChanges,
  account: Scope,
  records: PersonRecords,
  mapping: PortalFieldMapping,
): { patches: Partial<Record<RecordRole, Record<string, string | null>>>; fields: NextcloudField[] } {
  const patches: Partial<Record<RecordRole, Record<string, string | null>>> = {};
  const fields: NextcloudField[] = [];
  for (const field of NEXTCLOUD_FIELDS) {
    const wanted = changes[field as keyof ProfileChanges];
    if (wanted === undefined) continue;
    if ((wanted ?? null) === valueOf(field, account, records, mapping)) continue;
    const role = homeOf(field, account);
    (patches[role] ??= {})[propertyOf(field, role, mapping)] = wanted;
    fields.push(field);
  }
  return { patches, fields };
}

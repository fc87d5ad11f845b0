import type { NcObject } from '../../nextcloud/types.js';
import type { Account } from '../accounts/account.types.js';
import type { PortalFieldMapping } from '../portal-data/index.js';
import type { OrganisationDetails, PersonDetails, ProfileChanges } from './profile.types.js';

/**
 * Where each profile field lives in Nextcloud: the one rule the profile reads and writes by.
 * The portal keeps no personal data of its own; the person's details stay on their Pipelinq
 * records (reference/pipelinq-schemas.md: a `client` has name, email, phone, address; a `contact`
 * has name, email, phone, role and no address).
 *
 * - B2C: the account belongs to a `client` of type person, so the person IS that client. Name,
 *   email, phone and address live on the client, and the profile reads them from there. When the
 *   account also has a contact (Pipelinq often keeps one for a private customer too), the same
 *   name, email and phone are written to it, so Nextcloud never holds two different phones for
 *   one person. The address goes to the client only: a contact has no address property.
 * - B2B: the account is one person (a `contact`) at an organisation `client`. Their own name,
 *   email, phone and job title (`role`) live on the contact and are read from it. The client's
 *   fields are the company's: shown read-only (changes go through a request), never written, and
 *   there is no personal address to edit (the contact has none), so `address` is refused for B2B.
 *
 * Writes go to the home record first and then to the mirror, each only with the fields whose value
 * differs on that record, so saving the same value again brings a mirror that fell behind (a failed
 * write, an edit in Nextcloud) back in line.
 *
 * Property names follow Pipelinq; the resources and the name property come from the tenant's
 * field mapping (domain/portal-data), like everywhere else.
 */

export type RecordRole = 'contact' | 'client';

export interface PersonRecords {
  contact: NcObject | null;
  client: NcObject | null;
}

/** The person's own fields kept in Nextcloud; the organisation's are read-only. */
export type NextcloudField = 'displayName' | 'phone' | 'address' | 'jobTitle' | 'email';
/** The ones updateProfile writes directly; email waits for its confirmation link. */
export const NEXTCLOUD_FIELDS: readonly NextcloudField[] = ['displayName', 'phone', 'address', 'jobTitle'];
/** Fields a B2C contact carries as a copy of its person client. */
const MIRRORED: ReadonlySet<NextcloudField> = new Set(['displayName', 'phone', 'email']);

type Scope = Pick<Account, 'type' | 'contactId'>;

/** The record the person's details are read from and written to first. */
export function homeRecordOf(account: Pick<Account, 'type'>): RecordRole {
  return account.type === 'B2B' ? 'contact' : 'client';
}

/** The record that keeps a copy of some fields (B2C with a contact), or null. */
export function mirrorRecordOf(account: Scope): RecordRole | null {
  return account.type === 'B2C' && account.contactId ? 'contact' : null;
}

/** Whether this kind of account has the field at all (B2C: no job title; B2B: no own address). */
export function appliesTo(field: NextcloudField, account: Pick<Account, 'type'>): boolean {
  if (field === 'jobTitle') return account.type === 'B2B';
  if (field === 'address') return account.type === 'B2C';
  return true;
}

/** The records a field is written to, home first. */
export function recordsFor(field: NextcloudField, account: Scope): RecordRole[] {
  if (!appliesTo(field, account)) return [];
  const mirror = mirrorRecordOf(account);
  return [homeRecordOf(account), ...(mirror && MIRRORED.has(field) ? [mirror] : [])];
}

/** The property a field is stored under on a record. */
export function propertyOf(field: NextcloudField, role: RecordRole, mapping: PortalFieldMapping): string {
  if (field === 'displayName') return (role === 'contact' ? mapping.contact.name[0] : mapping.client.name[0]) ?? 'name';
  return field === 'jobTitle' ? 'role' : field;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** A field's value on one record, as the profile shows it. */
function valueOn(field: NextcloudField, role: RecordRole, records: PersonRecords, mapping: PortalFieldMapping): string | null {
  const record = records[role];
  return record ? text(record[propertyOf(field, role, mapping)]) : null;
}

export function personDetailsOf(account: Scope, records: PersonRecords, mapping: PortalFieldMapping): PersonDetails {
  const home = homeRecordOf(account);
  const value = (field: NextcloudField) => (appliesTo(field, account) ? valueOn(field, home, records, mapping) : null);
  return {
    displayName: value('displayName'),
    phone: value('phone'),
    address: value('address'),
    jobTitle: value('jobTitle'),
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

export type RecordPatch = Record<string, string | null>;

/** The order fields are reported in (audit, tests): the form's order. */
const NEXTCLOUD_FIELDS_ORDER: readonly NextcloudField[] = [...NEXTCLOUD_FIELDS, 'email'];

/** What to write: at most one PATCH per record, the home record's first. */
export interface WritePlan {
  writes: Array<{ role: RecordRole; patch: RecordPatch }>;
  /** The fields that change on at least one record. */
  fields: NextcloudField[];
}

/**
 * The PATCH bodies for the given fields: on each record only the fields whose value differs from
 * what that record holds now, so an unchanged form writes nothing and a stale mirror is repaired.
 * Pure: a write to a record that was not found is planned like any other; the writer decides what
 * that means (home missing: NOT_FOUND; mirror missing: skipped and logged).
 */
export function writePlanFor(
  changes: Partial<Record<NextcloudField, string | null>>,
  account: Scope,
  records: PersonRecords,
  mapping: PortalFieldMapping,
): WritePlan {
  const patches = new Map<RecordRole, RecordPatch>();
  const fields = new Set<NextcloudField>();
  for (const role of [homeRecordOf(account), mirrorRecordOf(account)]) {
    if (role) patches.set(role, {});
  }
  for (const [field, wanted] of Object.entries(changes) as Array<[NextcloudField, string | null | undefined]>) {
    if (wanted === undefined) continue;
    for (const role of recordsFor(field, account)) {
      if ((wanted ?? null) === valueOn(field, role, records, mapping)) continue;
      patches.get(role)![propertyOf(field, role, mapping)] = wanted;
      fields.add(field);
    }
  }
  const writes = [...patches].filter(([, patch]) => Object.keys(patch).length).map(([role, patch]) => ({ role, patch }));
  return { writes, fields: NEXTCLOUD_FIELDS_ORDER.filter((f) => fields.has(f)) };
}

/** The Nextcloud fields among a profile update's changes. */
export function nextcloudChangesOf(changes: ProfileChanges): Partial<Record<NextcloudField, string | null>> {
  const out: Partial<Record<NextcloudField, string | null>> = {};
  for (const field of NEXTCLOUD_FIELDS) {
    const value = changes[field as keyof ProfileChanges];
    if (value !== undefined) out[field] = value as string | null;
  }
  return out;
}

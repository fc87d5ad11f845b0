import type { Logger } from '../../core/logger.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { NcObject } from '../../nextcloud/types.js';
import type { Account } from '../accounts/account.types.js';
import { PortalDataReader } from '../portal-data/portal-data-reader.js';
import { RECORD_KINDS, type PortalFieldMapping, type RecordKind } from '../portal-data/field-mapping.js';
import { list } from '../portal-data/record-values.js';
import type { PortalRecord } from '../portal-data/records.js';
import { FEATURES } from '../tenants/portal-settings.js';
import type { Tenant } from '../tenants/tenant-directory.js';

/**
 * What Nextcloud holds about the person behind an account, gathered for an export. Records go
 * through the same reader (scoping, re-check, field mapping) the portal uses, so the export holds
 * exactly the customer's records and never another customer's rows. The internal notes on those
 * requests are personal data about the person too (Art. 15): they are added from the same request
 * objects, unless the tenant stated a ground for leaving them out (internalNotesExportExclusion). The tenant's feature switches are ignored: they shape the portal, not the right
 * of access, so a switched-off section is still exported.
 */

/** The properties of a person or organisation record a customer gets; internal CRM notes stay out. */
const PARTY_FIELDS = ['name', 'type', 'email', 'phone', 'address', 'role', 'website', 'industry'] as const;
const PAGE = 250;

export type Party = Partial<Record<(typeof PARTY_FIELDS)[number], unknown>> & { id: string };

export interface CollectedData {
  /** The B2C person's own client record. */
  person: Party | null;
  contact: Party | null;
  /** The B2B organisation. */
  organisation: Party | null;
  records: Record<RecordKind, PortalRecord[]>;
  /** Internal notes per request id; null when the tenant excluded them (see `internalNotesExcluded`). */
  internalNotes: Record<string, InternalNote[]> | null;
  /** The tenant's stated ground for leaving internal notes out, or null when they are included. */
  internalNotesExcluded: string | null;
}

export interface InternalNote {
  author: string | null;
  message: string;
  createdAt: string | null;
}

export type CollectorConnector = Pick<NextcloudConnector, 'listObjects' | 'getObjectsByIds' | 'getObject'>;

function partyOf(object: NcObject | null): Party | null {
  if (!object) return null;
  const party: Party = { id: object.id };
  for (const field of PARTY_FIELDS) {
    const value = object[field];
    if (value !== undefined && value !== null && value !== '') party[field] = value;
  }
  return party;
}

export async function collectExportData(
  tenant: Tenant,
  account: Account,
  connector: CollectorConnector,
  logger?: Logger,
): Promise<CollectedData> {
  const everything: Tenant = { ...tenant, portal: { ...tenant.portal, enabledFeatures: [...FEATURES] } };
  const reader = new PortalDataReader(
    everything,
    {
      tenantId: tenant.id,
      accountId: account.id,
      accountType: account.type,
      clientId: account.clientId,
      contactId: account.contactId,
      scopes: null,
    },
    connector,
    logger,
  );
  const [client, contact] = await Promise.all([
    connector.getObject(reader.mapping.client.resource, account.clientId),
    account.contactId ? connector.getObject(reader.mapping.contact.resource, account.contactId) : Promise.resolve(null),
  ]);
  const records = {} as Record<RecordKind, PortalRecord[]>;
  for (const kind of RECORD_KINDS) records[kind] = await allOf(reader, kind);
  const excluded = tenant.portal.internalNotesExportExclusion ?? null;
  return {
    person: account.type === 'B2C' ? partyOf(client) : null,
    contact: partyOf(contact),
    organisation: account.type === 'B2B' ? partyOf(client) : null,
    records,
    internalNotes: excluded ? null : await internalNotesOf(connector, reader.mapping, records.request),
    internalNotesExcluded: excluded,
  };
}

/**
 * The notes the reader drops (visibility other than the customer value; Pipelinq treats a missing
 * one as internal), read from the same requests — the ids the reader already scoped — in one batch.
 */
async function internalNotesOf(
  connector: CollectorConnector,
  mapping: PortalFieldMapping,
  requests: PortalRecord[],
): Promise<Record<string, InternalNote[]>> {
  const n = mapping.note;
  const objects = await connector.getObjectsByIds(
    mapping.request.resource,
    requests.map((request) => request.id),
  );
  const notes: Record<string, InternalNote[]> = {};
  for (const request of requests) {
    const object = objects.get(request.id);
    notes[request.id] = (object ? list(object, mapping.request.fields.notes) : [])
      .filter((note) => note[n.visibility] !== n.customerValue && typeof note[n.message] === 'string')
      .map((note) => ({
        author: typeof note[n.author] === 'string' ? (note[n.author] as string) : null,
        message: note[n.message] as string,
        createdAt: typeof note[n.createdAt] === 'string' ? (note[n.createdAt] as string) : null,
      }));
  }
  return notes;
}

/** Every record of one kind, page by page, with its attached files. */
async function allOf(reader: PortalDataReader, kind: RecordKind): Promise<PortalRecord[]> {
  const all: PortalRecord[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await reader.list(kind, {}, { offset, limit: PAGE }, { withFiles: true });
    all.push(...page.items);
    if (page.items.length < PAGE || all.length >= page.total) return all;
  }
}

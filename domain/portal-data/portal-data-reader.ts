import DataLoader from 'dataloader';
import { BadUserInputError, inputProblem, type InputProblem } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { NcObject } from '../../nextcloud/types.js';
import { holdsScope, isFeatureEnabled } from '../policy.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import {
  compareDocuments,
  documentOf,
  matchesDocumentFilter,
  parseDocumentId,
  type DocumentFilterInput,
  type DocumentRecord,
} from './documents.js';
import { createRecordLoaders, type RecordLoaders } from './record-loaders.js';
import {
  fieldMappingFor,
  RECORD_KINDS,
  upstreamFixedFilters,
  type PortalFieldMapping,
  type RecordKind,
} from './field-mapping.js';
import { FILES_EXTEND, type ListDemand, type ListWindow } from './list-demand.js';
import { createListLoader } from './list-planner.js';
import type { Page, PageWindow } from './paging.js';
import { text } from './record-values.js';
import { documentSourceOf, toRecord, type PortalRecord, type RecordOfKind } from './records.js';
import { belongsTo, canSeeKind, ownerFilterSets, type Viewer } from './viewer.js';

export interface RecordFilterInput {
  status?: string[] | null;
  from?: Date | null;
  to?: Date | null;
  search?: string | null;
}

export interface ClientSummary {
  id: string;
  name: string | null;
  type: string | null;
}

export type ReaderConnector = Pick<NextcloudConnector, 'listObjects' | 'getObjectsByIds'>;

const MAX_SEARCH_LENGTH = 200;

function checkFilter(filter: RecordFilterInput): void {
  const problems: InputProblem[] = [];
  if (filter.from && filter.to && filter.from > filter.to)
    problems.push(inputProblem('filter.to', 'RANGE_END_BEFORE_START', 'Must not be before `from`.'));
  if ((filter.search?.length ?? 0) > MAX_SEARCH_LENGTH) {
    problems.push(
      inputProblem('filter.search', 'TOO_LONG', `At most ${MAX_SEARCH_LENGTH} characters.`, { max: MAX_SEARCH_LENGTH }),
    );
  }
  if (problems.length) throw new BadUserInputError('The filter is not valid.', problems);
}

/**
 * A customer's (or partner's) records for the length of one request: the per-request loaders
 * (lists batched by the planner, by-id lookups batched with `_ids`) and the scoping of every
 * answer. Made per request for one tenant and one viewer, so nothing it holds can reach another
 * request, tenant or customer.
 */
export class PortalDataReader {
  readonly mapping: PortalFieldMapping;
  private readonly lists: ReturnType<typeof createListLoader>;
  private readonly byId = new Map<RecordKind, DataLoader<string, NcObject | null>>();
  private readonly clients: DataLoader<string, NcObject | null>;
  private readonly contacts: DataLoader<string, NcObject | null>;

  constructor(
    readonly tenant: Tenant,
    readonly viewer: Viewer,
    private readonly connector: ReaderConnector,
    private readonly logger?: Logger,
    /** Shared with other readers of the same request (the profile), so people cost one call. */
    records: RecordLoaders = createRecordLoaders(tenant, connector),
  ) {
    this.mapping = fieldMappingFor(tenant);
    this.lists = createListLoader(connector, logger);
    this.clients = records.client;
    this.contacts = records.contact;
  }

  /** Whether the kind is switched on for the tenant and, for a partner, covered by its token. */
  canSee(kind: RecordKind): boolean {
    return canSeeKind(kind, this.viewer, this.tenant.portal.enabledFeatures);
  }

  /**
   * Whether documents show at all: the DOCUMENTS feature is on and a partner holds
   * read:documents. Otherwise a record's documents are an empty list, as if there were none.
   */
  documentsVisible(): boolean {
    return isFeatureEnabled(this.tenant, 'DOCUMENTS') && holdsScope(this.viewer.scopes, 'read:documents');
  }

  /** `withFiles`: the caller will ask for the records' documents; fetch their files in the same call. */
  async list<K extends RecordKind>(
    kind: K,
    filter: RecordFilterInput,
    window: PageWindow,
    options: { withFiles: boolean },
  ): Promise<Page<RecordOfKind[K]>> {
    checkFilter(filter);
    const demand = this.demand(kind, window, options.withFiles && this.documentsVisible(), filter);
    const outcome = await this.lists.load(demand);
    return { items: this.toRecords(kind, outcome.rows, demand.extendFiles), offset: window.offset, total: outcome.total };
  }

  /** One record of the viewer, or null for anything else (foreign, other tenant, absent alike). */
  async get<K extends RecordKind>(kind: K, id: string): Promise<RecordOfKind[K] | null> {
    const object = await this.objectLoader(kind).load(id);
    return object ? toRecord(kind, object, this.mapping, true) : null;
  }

  /**
   * The viewer's upstream object itself, internal fields included: only for writers that must
   * carry those fields over unchanged (a reply keeps the internal notes). Never returned to clients.
   */
  async object(kind: RecordKind, id: string): Promise<NcObject | null> {
    return this.objectLoader(kind).load(id);
  }

  /** The documents attached to one of the viewer's records (one batched call for many records). */
  async documentsOf(record: PortalRecord): Promise<DocumentRecord[]> {
    if (!this.documentsVisible()) return [];
    const files = record.files ?? (await this.get(record.kind, record.id))?.files ?? [];
    return files.map((file) => documentOf(record, file)).sort(compareDocuments);
  }

  async documents(filter: DocumentFilterInput, window: PageWindow): Promise<Page<DocumentRecord>> {
    checkFilter({ search: filter.search, from: filter.from, to: filter.to });
    if (!this.documentsVisible()) return { items: [], offset: window.offset, total: 0 };
    const kinds = RECORD_KINDS.filter((kind) => this.canSee(kind) && (!filter.sources?.length || filter.sources.includes(kind)));
    const perKind = await Promise.all(
      kinds.map(async (kind) => {
        const demand = this.demand(kind, 'all', true, {});
        const outcome = await this.lists.load(demand);
        // Only records with files have documents; the rest need not be looked at further.
        const withFiles = outcome.rows.filter((row) => (row['@self'].fileDetails?.length ?? 0) > 0);
        return this.scoped(kind, withFiles, true).map((row) => documentSourceOf(kind, row, this.mapping));
      }),
    );
    // A confirmed transaction with an invoice number is both an invoice and an order: its files are
    // listed once, under the first kind that shows them (invoice before order).
    const byFile = new Map<number, DocumentRecord>();
    for (const source of perKind.flat()) {
      for (const file of source.files) if (!byFile.has(file.id)) byFile.set(file.id, documentOf(source, file));
    }
    const documents = [...byFile.values()].filter((document) => matchesDocumentFilter(document, filter)).sort(compareDocuments);
    return {
      items: documents.slice(window.offset, window.offset + window.limit),
      offset: window.offset,
      total: documents.length,
    };
  }

  async document(documentId: string): Promise<DocumentRecord | null> {
    const ref = parseDocumentId(documentId);
    if (!ref || !this.documentsVisible() || !this.canSee(ref.kind)) return null;
    const record = await this.get(ref.kind, ref.objectId);
    const file = record?.files?.find((candidate) => candidate.id === ref.fileId);
    return record && file ? documentOf(record, file) : null;
  }

  /** The viewer's own client record; any other id is not theirs to see. */
  async client(id: string | null): Promise<ClientSummary | null> {
    if (id === null || id !== this.viewer.clientId) return null;
    const object = await this.clients.load(id);
    if (!object) return null;
    return { id: object.id, name: text(object, this.mapping.client.name), type: text(object, this.mapping.client.type) };
  }

  /** The name on the viewer's own contact (the person signed in), if it has one. */
  async ownContactName(): Promise<string | null> {
    if (!this.viewer.contactId) return null;
    const object = await this.contacts.load(this.viewer.contactId);
    return object ? text(object, this.mapping.contact.name) : null;
  }

  private demand(kind: RecordKind, window: ListWindow, extendFiles: boolean, filter: RecordFilterInput): ListDemand {
    const mapping = this.mapping[kind];
    const statuses = filter.status?.map((s) => s.trim()).filter(Boolean) ?? [];
    return {
      resource: mapping.resource,
      ownerSets: ownerFilterSets(mapping, this.viewer),
      fixedFilters: upstreamFixedFilters(mapping.fixedFilters),
      statusField: mapping.statusField,
      statuses: statuses.length ? statuses : null,
      dateField: mapping.dateField,
      from: filter.from ?? null,
      to: filter.to ?? null,
      search: filter.search?.trim() || null,
      window,
      extendFiles,
    };
  }

  /** The last gate: rows that do not belong to the viewer never become records. */
  private toRecords<K extends RecordKind>(kind: K, rows: NcObject[], extended: boolean): Array<RecordOfKind[K]> {
    return this.scoped(kind, rows, extended).map((row) => toRecord(kind, row, this.mapping, extended));
  }

  /**
   * The rows that belong to the viewer (the others are logged and dropped). Rows fetched with their
   * files are complete, so by-id lookups later in the request are answered from them.
   */
  private scoped(kind: RecordKind, rows: NcObject[], extended: boolean): NcObject[] {
    const mapping = this.mapping[kind];
    const kept: NcObject[] = [];
    for (const row of rows) {
      if (!belongsTo(row, mapping, this.viewer)) {
        this.logger?.warn(
          { tenant: this.tenant.id, kind, resource: mapping.resource },
          'portal data: upstream returned a row outside the viewer scope; dropped',
        );
        continue;
      }
      if (extended) this.objectLoader(kind).prime(row.id, row);
      kept.push(row);
    }
    return kept;
  }

  private objectLoader(kind: RecordKind): DataLoader<string, NcObject | null> {
    let loader = this.byId.get(kind);
    if (loader) return loader;
    const mapping = this.mapping[kind];
    const owners = ownerFilterSets(mapping, this.viewer);
    loader = new DataLoader<string, NcObject | null>(async (ids) => {
      // With one owner condition it goes into the query; several (client OR contact) cannot be
      // expressed upstream and are left to the re-check below.
      const filters = { ...upstreamFixedFilters(mapping.fixedFilters), ...(owners.length === 1 ? owners[0] : {}) };
      const found = await this.connector.getObjectsByIds(mapping.resource, ids, { filters, extend: FILES_EXTEND });
      return ids.map((id) => {
        const object = found.get(id);
        return object && object.id === id && belongsTo(object, mapping, this.viewer) ? object : null;
      });
    });
    this.byId.set(kind, loader);
    return loader;
  }
}

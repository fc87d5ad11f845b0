import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { AccountType } from '../accounts/account.types.js';
import type { FilterValue, NcObject } from '../../nextcloud/types.js';
import { upstreamFixedFilters, type PortalFieldMapping } from '../portal-data/field-mapping.js';
import { parseDate, text } from '../portal-data/record-values.js';
import { rowMeetsAll } from '../portal-data/row-filters.js';
import {
  ACTIVE_CONTRACT_STATUSES,
  CLOSED_INVOICE_STATUSES,
  OPEN_REQUEST_STATUSES,
  type RetentionFacts,
} from './retention-policy.js';

/**
 * Reads from Nextcloud what the retention decision needs about one person: the fiscal records
 * (posTransactions), contracts and requests that name that person. Each list is read completely;
 * a person with more rows than the guard allows is an error (kept, reported) rather than a guess
 * that might pseudonymise too early.
 *
 * Which records name the person: for B2C the person is the client, so everything of the client
 * counts, and the records that name only the contact. For B2B the client is the employer: its
 * invoices, contracts and open requests are the company's obligations, not the employee's, so only
 * records naming the contact count (transactions with them as `customer`, requests through their
 * contact or filed by their portal account). A B2B contract names no person (only `clientRef`).
 */

const PAGE = 250;
const MAX_PAGES = 100;

export type FactsConnector = Pick<NextcloudConnector, 'listObjects'>;

export async function listAll(
  connector: FactsConnector,
  resource: string,
  filters: Record<string, FilterValue>,
): Promise<NcObject[]> {
  const rows: NcObject[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await connector.listObjects(resource, { filters, limit: PAGE, page });
    rows.push(...result.results);
    if (result.results.length === 0 || page >= result.pages) return rows;
  }
  throw new Error(`retention: more than ${MAX_PAGES * PAGE} ${resource} rows for one client`);
}

function newestDate(row: NcObject, fields: readonly string[]): number | null {
  let newest: number | null = null;
  for (const field of fields) {
    const at = parseDate(row[field])?.getTime() ?? null;
    if (at !== null && (newest === null || at > newest)) newest = at;
  }
  const created = parseDate(row['@self'].created)?.getTime() ?? null;
  if (created !== null && (newest === null || created > newest)) newest = created;
  return newest;
}

export function mergeById(parts: NcObject[][]): NcObject[] {
  const byId = new Map<string, NcObject>();
  for (const part of parts) for (const row of part) byId.set(row.id, row);
  return [...byId.values()];
}

const statusOf = (row: NcObject, field: string) => (text(row, [field]) ?? '').toLowerCase();

export interface RetentionParty {
  accountId: string;
  type: AccountType;
  clientId: string;
  contactId: string | null;
}

/** Every record that names the person, as Nextcloud has it (drafts included). */
export interface PersonRecords {
  transactions: NcObject[];
  contracts: NcObject[];
  requests: NcObject[];
}

export async function readPersonRecords(
  connector: FactsConnector,
  mapping: PortalFieldMapping,
  party: RetentionParty,
): Promise<PersonRecords> {
  const { invoice, contract, request } = mapping;
  const clientIsPerson = party.type === 'B2C';
  const namingPerson = (
    owner: { client: string; contact: string | null },
    resource: string,
    extra: Array<Record<string, FilterValue>> = [],
  ) => {
    const lists: Array<Promise<NcObject[]>> = [];
    if (clientIsPerson) lists.push(listAll(connector, resource, { [owner.client]: party.clientId }));
    if (owner.contact && party.contactId) lists.push(listAll(connector, resource, { [owner.contact]: party.contactId }));
    for (const filters of extra) lists.push(listAll(connector, resource, filters));
    return Promise.all(lists).then(mergeById);
  };
  // The portal's own marker: a request it filed names the account that filed it.
  const reporter = mapping.portalRequest ? [{ [mapping.portalRequest.reporterAccountId]: party.accountId }] : [];
  const [transactions, contracts, requests] = await Promise.all([
    namingPerson(invoice.owner, invoice.resource),
    clientIsPerson ? listAll(connector, contract.resource, { [contract.owner.client]: party.clientId }) : Promise.resolve([]),
    namingPerson(request.owner, request.resource, reporter),
  ]);
  return { transactions, contracts, requests };
}

/** The decision's inputs from the person's records: newest fiscal date and open obligations. */
export function retentionFactsOf(records: PersonRecords, mapping: PortalFieldMapping, now: Date): RetentionFacts {
  const { invoice, order, contract, request } = mapping;
  const { transactions: allTransactions, contracts, requests: requestRows } = records;
  const isInvoice = (row: NcObject) => rowMeetsAll(row, upstreamFixedFilters(invoice.fixedFilters));
  const isOrder = (row: NcObject) => rowMeetsAll(row, upstreamFixedFilters(order.fixedFilters));
  // A draft is no fiscal record yet: only what the portal would show as an invoice or order counts.
  const transactions = allTransactions.filter((row) => isInvoice(row) || isOrder(row));

  const fiscalFields = [...new Set([...invoice.fields.date, ...invoice.fields.settledAt, ...order.fields.date])];
  let latest: number | null = null;
  for (const row of transactions) {
    const at = newestDate(row, fiscalFields);
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  const openInvoices = transactions.filter(
    (row) => isInvoice(row) && !(CLOSED_INVOICE_STATUSES as readonly string[]).includes(statusOf(row, invoice.statusField)),
  ).length;

  const activeContracts = contracts.filter((row) => {
    if ((ACTIVE_CONTRACT_STATUSES as readonly string[]).includes(statusOf(row, contract.statusField))) return true;
    const end = parseDate(text(row, contract.fields.endDate));
    return end !== null && end.getTime() > now.getTime();
  }).length;

  const openRequests = requestRows.filter((row) =>
    (OPEN_REQUEST_STATUSES as readonly string[]).includes(statusOf(row, request.statusField)),
  ).length;

  return { latestFiscalRecordAt: latest === null ? null : new Date(latest), openInvoices, activeContracts, openRequests };
}

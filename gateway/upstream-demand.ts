import type { FieldVisit } from './operation-shape.js';

/**
 * How many calls to the tenant's Nextcloud an operation may need, worked out from the operation
 * alone, before anything runs. It is an upper bound on purpose: refusing an operation that would
 * have fitted costs the client a smaller query; letting through one that does not costs the whole
 * tenant its Nextcloud (issue 10, item 2). The per-request guard (nextcloud/upstream-guard.ts)
 * enforces the same budget on the calls actually made, so a field missing from this table cannot
 * break the budget either, it is only refused later.
 *
 * The table follows how the data layer batches (domain/portal-data): each list field with its own
 * arguments is its own upstream list call, and identical ones share one (the list planner keys
 * them by resource and query); by-id lookups and related records go through per-request
 * DataLoaders, so they cost one `_ids` call per resource per 100 ids however often they appear.
 */

/**
 * Root list fields: calls per distinct set of arguments. A customer's records are asked for once
 * per owner field (domain/portal-data/viewer.ts `ownerFilterSets`): transactions and requests by
 * client and by the customer's own contact, contracts by client only; `documents` lists every
 * record kind. A list that must scan a large customer's records page by page takes more; the
 * per-request guard bounds those (nextcloud/upstream-guard.ts).
 */
const LIST_CALLS: Readonly<Record<string, number>> = {
  'Query.invoices': 2,
  'Query.orders': 2,
  'Query.contracts': 1,
  'Query.requests': 2,
  'Query.documents': 7,
};

/** Root by-id fields, by the DataLoader that batches them (`_ids` with at most 100 ids a call). */
const BY_ID_LOADER: Readonly<Record<string, string>> = {
  'Query.invoice': 'posTransaction',
  'Query.order': 'posTransaction',
  'Query.contract': 'contract',
  'Query.request': 'request',
  // A document id names its record; assume the widest case, one batch per record resource.
  'Query.document': 'document',
};
const IDS_PER_CALL = 100;

/**
 * Fields answered from per-request loaders or one lookup per request, whatever their number:
 * counted once each. People records (profile, a contract's client) and attachments of records not
 * already fetched with their files.
 */
const ONCE_PER_REQUEST: Readonly<Record<string, number>> = {
  'Query.profile': 2,
  'Query.requestCategories': 1,
  'Contract.client': 1,
  'Invoice.documents': 1,
  'Order.documents': 1,
  'Contract.documents': 1,
  'Request.documents': 1,
};

/**
 * Mutations that write to Nextcloud run once per occurrence (mutations are not deduplicated):
 * a read of the customer's own record, the write, and for a new request its attachments.
 */
const PER_OCCURRENCE: Readonly<Record<string, number>> = {
  'Mutation.submitRequest': 3,
  'Mutation.replyToRequest': 3,
  'Mutation.updateProfile': 3,
  'Mutation.createDocumentDownload': 1,
  'Mutation.staffSignIn': 1,
};

/** Stable key for a set of arguments: object keys sorted, so `{a, b}` and `{b, a}` are one call. */
function argumentsKey(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(argumentsKey).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${argumentsKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function upstreamCallsOf(fields: readonly FieldVisit[]): number {
  const lists = new Map<string, number>();
  const idsByLoader = new Map<string, Set<string>>();
  const once = new Map<string, number>();
  let perOccurrence = 0;
  for (const visit of fields) {
    const { coordinate } = visit;
    const listCalls = LIST_CALLS[coordinate];
    if (listCalls !== undefined) {
      lists.set(`${coordinate}${argumentsKey(visit.args)}`, listCalls);
      continue;
    }
    const loader = BY_ID_LOADER[coordinate];
    if (loader !== undefined) {
      const ids = idsByLoader.get(loader) ?? new Set<string>();
      ids.add(String(visit.args.id));
      idsByLoader.set(loader, ids);
      continue;
    }
    const onceCalls = ONCE_PER_REQUEST[coordinate];
    if (onceCalls !== undefined) {
      once.set(coordinate, onceCalls);
      continue;
    }
    perOccurrence += PER_OCCURRENCE[coordinate] ?? 0;
  }
  let total = perOccurrence;
  for (const calls of lists.values()) total += calls;
  for (const [loader, ids] of idsByLoader) {
    const batches = Math.ceil(ids.size / IDS_PER_CALL);
    // A document may live on any of the four record resources.
    total += loader === 'document' ? batches * 4 : batches;
  }
  for (const calls of once.values()) total += calls;
  return total;
}

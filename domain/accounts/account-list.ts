import { BadUserInputError } from '../../core/errors.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { AccountDocument } from './account.model.js';
import { toAccount, type AccountRepository } from './account.repository.js';
import type { Account, AccountStatus, AccountType } from './account.types.js';
import { collectionOf } from '../../store/collection.js';

export interface AccountListFilter {
  status?: AccountStatus | null;
  type?: AccountType | null;
  /** Part of the address, case-insensitive. */
  emailContains?: string | null;
}

export interface AccountListPage {
  accounts: Account[];
  /** Cursor per account, in the same order. */
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

export const DEFAULT_ACCOUNT_PAGE = 20;
export const MAX_ACCOUNT_PAGE = 100;

const cursorOf = (account: Pick<Account, 'createdAt' | 'id'>) =>
  Buffer.from(`${account.createdAt.toISOString()}|${account.id}`).toString('base64url');

function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|', 2);
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()))
    throw new BadUserInputError('The cursor is not valid; start again from the first page.');
  return { createdAt, id };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A tenant's accounts for its admin, newest first, paged by keyset (created, id) so pages stay
 * stable while accounts are added. Filters run in the query; the count uses the same filter.
 */
export async function listAccounts(
  repository: AccountRepository,
  tenantId: string,
  filter: AccountListFilter = {},
  page: { first?: number | null; after?: string | null } = {},
): Promise<AccountListPage> {
  const size = Math.min(Math.max(page.first ?? DEFAULT_ACCOUNT_PAGE, 1), MAX_ACCOUNT_PAGE);
  const query: Record<string, unknown> = { tenantId };
  if (filter.status) query.status = filter.status;
  if (filter.type) query.type = filter.type;
  const search = filter.emailContains?.trim().toLowerCase();
  if (search) query.email = { $regex: escapeRegex(search) };
  const after = page.after ? parseCursor(page.after) : null;
  const pageQuery = after
    ? { ...query, $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] }
    : query;
  const [docs, totalCount] = await Promise.all([
    collectionOf<AccountDocument>(repository.accounts)
      .find<AccountDocument>(pageQuery)
      .sort({ createdAt: -1, _id: -1 })
      .limit(size + 1)
      .toArray(),
    collectionOf<AccountDocument>(repository.accounts).countDocuments(query),
  ]);
  const accounts = docs.slice(0, size).map(toAccount);
  return { accounts, cursors: accounts.map(cursorOf), hasNextPage: docs.length > size, totalCount };
}

const nameOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * The person's name for each account (the linked contact, else the B2C person client), fetched
 * with at most two batched upstream calls for the whole page. Unknown names are absent.
 */
export async function personNamesOf(
  connector: Pick<NextcloudConnector, 'getObjectsByIds'>,
  accounts: readonly Account[],
): Promise<Map<string, string | null>> {
  const contactIds = accounts.flatMap((a) => (a.contactId ? [a.contactId] : []));
  const personClientIds = accounts.flatMap((a) => (!a.contactId && a.type === 'B2C' ? [a.clientId] : []));
  const [contacts, clients] = await Promise.all([
    contactIds.length ? connector.getObjectsByIds('contact', contactIds) : new Map(),
    personClientIds.length ? connector.getObjectsByIds('client', personClientIds) : new Map(),
  ]);
  return new Map(
    accounts.map((a) => [
      a.id,
      nameOf(a.contactId ? contacts.get(a.contactId)?.name : a.type === 'B2C' ? clients.get(a.clientId)?.name : null),
    ]),
  );
}

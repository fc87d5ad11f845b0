import { BadUserInputError, inputProblem } from '../../core/errors.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { NcObject } from '../../nextcloud/types.js';
import { referenceOf } from '../portal-data/record-values.js';
import { isPseudonymName } from './pseudonyms.js';

/** Two characters: one would list most of a tenant's CRM through a staff member's screen. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
export const SEARCH_MAX_RESULTS = 20;
export const SEARCH_DEFAULT_RESULTS = 10;
/** Contacts listed per organisation; a purchaser picks one person, not a phone book. */
const CONTACTS_PER_ORGANISATION = 50;

export interface FoundContact {
  id: string;
  name: string;
  email: string | null;
  role: string | null;
}

export interface FoundClient {
  id: string;
  name: string;
  type: 'person' | 'organization';
  email: string | null;
  /** An organisation's contacts (empty for a person). */
  contacts: FoundContact[];
}

type ReadMethods = Pick<NextcloudConnector, 'listObjects' | 'getObjectsByIds'>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** The term and bound checked once: BAD_USER_INPUT with a code the admin panel words itself. */
export function parseClientSearch(query: string, first: number | null | undefined): { term: string; limit: number } {
  const term = (query ?? '').trim();
  if (term.length < SEARCH_MIN_LENGTH)
    throw new BadUserInputError(`Type at least ${SEARCH_MIN_LENGTH} characters to search.`, [
      inputProblem('query', 'SEARCH_TOO_SHORT', `At least ${SEARCH_MIN_LENGTH} characters.`, { min: SEARCH_MIN_LENGTH }),
    ]);
  if (term.length > SEARCH_MAX_LENGTH)
    throw new BadUserInputError(`A search term has at most ${SEARCH_MAX_LENGTH} characters.`, [
      inputProblem('query', 'TOO_LONG', `At most ${SEARCH_MAX_LENGTH} characters.`, { max: SEARCH_MAX_LENGTH }),
    ]);
  const limit = first ?? SEARCH_DEFAULT_RESULTS;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_RESULTS)
    throw new BadUserInputError(`Ask for 1 to ${SEARCH_MAX_RESULTS} results.`, [
      inputProblem('first', 'NUMBER_OUT_OF_RANGE', `Between 1 and ${SEARCH_MAX_RESULTS}.`, { min: 1, max: SEARCH_MAX_RESULTS }),
    ]);
  return { term, limit };
}

function toContact(object: NcObject): FoundContact | null {
  const name = text(object.name);
  if (!name || isPseudonymName(name)) return null;
  return { id: object.id, name, email: text(object.email), role: text(object.role) };
}

function toClient(object: NcObject): FoundClient | null {
  const name = text(object.name);
  // Pseudonymised records cannot get an account (linked-records.ts), so they are not offered.
  if (!name || isPseudonymName(name)) return null;
  const type = object.type === 'organization' ? 'organization' : object.type === 'person' ? 'person' : null;
  if (!type) return null;
  return { id: object.id, name, type, email: text(object.email), contacts: [] };
}

/**
 * Finds the tenant's Pipelinq clients for an invitation, by name, email or company: OpenRegister's
 * `_search` (a case-insensitive substring over every string property, reference §3.2) on clients
 * and on contacts, since the person a B2B account is for is often known only by their own name or
 * address. A matching contact brings its organisation along. There is no OR across resources
 * upstream, so these are separate calls: clients, contacts, then the organisations and contacts
 * missing from those answers (at most four calls, each bounded).
 */
export async function searchClients(reads: ReadMethods, query: string, first?: number | null): Promise<FoundClient[]> {
  const { term, limit } = parseClientSearch(query, first);
  const [clientPage, contactPage] = await Promise.all([
    reads.listObjects('client', { search: term, limit, order: [['name', 'asc']] }),
    reads.listObjects('contact', { search: term, limit, order: [['name', 'asc']] }),
  ]);
  const found = new Map<string, FoundClient>();
  for (const object of clientPage.results) {
    const client = toClient(object);
    if (client) found.set(client.id, client);
  }
  const missingOrgIds = [
    ...new Set(contactPage.results.map((c) => referenceOf(c.client)).filter((id): id is string => id !== null && !found.has(id))),
  ];
  if (missingOrgIds.length && found.size < limit) {
    const orgs = await reads.getObjectsByIds('client', missingOrgIds.slice(0, limit - found.size));
    for (const object of orgs.values()) {
      const client = toClient(object);
      if (client && client.type === 'organization') found.set(client.id, client);
    }
  }
  const results = [...found.values()].slice(0, limit);
  const orgIds = results.filter((c) => c.type === 'organization').map((c) => c.id);
  if (orgIds.length) {
    const contacts = await reads.listObjects('contact', {
      filters: { client: orgIds },
      limit: Math.min(orgIds.length * CONTACTS_PER_ORGANISATION, 500),
      order: [['name', 'asc']],
    });
    const orgs = new Map(results.map((c) => [c.id, c]));
    for (const object of contacts.results) {
      const org = orgs.get(referenceOf(object.client) ?? '');
      const contact = toContact(object);
      if (org && contact && org.contacts.length < CONTACTS_PER_ORGANISATION) org.contacts.push(contact);
    }
  }
  return results;
}

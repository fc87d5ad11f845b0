import type { PageInfoFieldsFragment } from '../../gql/graphql';
import { ApiError } from '../errors';

/** One page of a Relay connection, flattened for the list views. */
export interface Page<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfoFieldsFragment;
  edges: Array<{ node: T }>;
}

/** Lists are nullable in the schema (null with UPSTREAM_UNAVAILABLE); the error then came first. */
export function toPage<T>(connection: Connection<T> | null | undefined): Page<T> {
  if (!connection) throw new ApiError('UPSTREAM_UNAVAILABLE', 'list missing');
  return {
    items: connection.edges.map((edge) => edge.node),
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor ?? null,
  };
}

export interface ListFilter {
  search: string;
  status: string;
}

/** The API's filter input: empty fields are left out rather than sent as "". */
export function filterInput(filter: ListFilter): { search?: string; status?: string[] } {
  const input: { search?: string; status?: string[] } = {};
  if (filter.search.trim()) input.search = filter.search.trim();
  if (filter.status) input.status = [filter.status];
  return input;
}

export const PAGE_SIZE = 10;

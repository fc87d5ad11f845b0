import { graphql } from '../../gql';
import type { DocumentSource } from '../../gql/graphql';
import { mutate, query } from './run';
import { PAGE_SIZE, toPage } from './page';

const Documents = graphql(`
  query Documents($first: Int!, $after: String, $filter: DocumentFilter) {
    documents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          ...DocumentFields
          source
          sourceId
          sourceNumber
          modifiedAt
        }
      }
    }
  }
`);

const CreateDocumentDownload = graphql(`
  mutation CreateDocumentDownload($documentId: ID!) {
    createDocumentDownload(documentId: $documentId) {
      url
      expiresAt
    }
  }
`);

export const DOCUMENT_SOURCES: readonly DocumentSource[] = ['INVOICE', 'ORDER', 'CONTRACT', 'REQUEST'];

/** The documents list filters by kind of record rather than by status. */
export async function listDocuments(after: string | null, filter: { search: string; status: string }) {
  const input: { search?: string; sources?: DocumentSource[] } = {};
  if (filter.search.trim()) input.search = filter.search.trim();
  if (filter.status) input.sources = [filter.status as DocumentSource];
  return toPage((await query(Documents, { first: PAGE_SIZE, after, filter: input })).documents);
}

/** A signed link, valid a few minutes and bound to this account. */
export async function createDocumentDownload(documentId: string) {
  return (await mutate(CreateDocumentDownload, { documentId })).createDocumentDownload;
}

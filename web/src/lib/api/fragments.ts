import { graphql } from '../../gql';

// Selections several operations share. Codegen registers fragments by name, so an operation
// spreads them (`...PageInfoFields`) without importing this module.

/** Where a list page ends and whether another follows: what `toPage` needs from every connection. */
export const PageInfoFields = graphql(`
  fragment PageInfoFields on PageInfo {
    hasNextPage
    endCursor
  }
`);

/** A file attached to a record, as the detail pages list it (DocumentList) with its download. */
export const DocumentFields = graphql(`
  fragment DocumentFields on Document {
    id
    name
    mimeType
    size
  }
`);

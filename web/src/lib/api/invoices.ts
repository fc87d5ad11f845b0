import { graphql } from '../../gql';
import { query } from './run';
import { filterInput, PAGE_SIZE, toPage, type ListFilter } from './page';

const Invoices = graphql(`
  query Invoices($first: Int!, $after: String, $filter: InvoiceFilter) {
    invoices(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          date
          amount
          currency
          status
          reference
        }
      }
    }
  }
`);

const Invoice = graphql(`
  query Invoice($id: ID!) {
    invoice(id: $id) {
      id
      number
      date
      amount
      currency
      status
      reference
      settledAt
      lines {
        description
        quantity
        unitPrice
        total
      }
      documents {
        id
        name
        mimeType
        size
      }
    }
  }
`);

export const INVOICE_STATUSES = ['confirmed', 'settled', 'refunded'] as const;

export async function listInvoices(after: string | null, filter: ListFilter) {
  return toPage((await query(Invoices, { first: PAGE_SIZE, after, filter: filterInput(filter) })).invoices);
}

export async function getInvoice(id: string) {
  return (await query(Invoice, { id })).invoice;
}

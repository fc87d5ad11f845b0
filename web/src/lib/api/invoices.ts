import { graphql } from '../../gql';
import { query } from './run';
import { filterInput, PAGE_SIZE, toPage, type ListFilter } from './page';
import { STATUS_FILTERS } from '../record-statuses';

const Invoices = graphql(`
  query Invoices($first: Int!, $after: String, $filter: InvoiceFilter) {
    invoices(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          number
          date
          amount
          currency
          status
          paymentState
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
      subtotal
      discount
      tax
      taxLines {
        rate
        base
        amount
      }
      paymentState
      paymentStatus
      paymentMethod
      paymentUrl
      settledAt
      refundedAt
      lines {
        description
        quantity
        unitPrice
        total
      }
      documents {
        ...DocumentFields
      }
    }
  }
`);

/** Exactly the statuses this kind can have (lib/record-statuses.ts). */
export const INVOICE_STATUSES = STATUS_FILTERS.invoice;

export async function listInvoices(after: string | null, filter: ListFilter) {
  return toPage((await query(Invoices, { first: PAGE_SIZE, after, filter: filterInput(filter) })).invoices);
}

export async function getInvoice(id: string) {
  return (await query(Invoice, { id })).invoice;
}

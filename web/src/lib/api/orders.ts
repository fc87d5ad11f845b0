import { graphql } from '../../gql';
import { query } from './run';
import { filterInput, PAGE_SIZE, toPage, type ListFilter } from './page';
import { STATUS_FILTERS } from '../record-statuses';

const Orders = graphql(`
  query Orders($first: Int!, $after: String, $filter: OrderFilter) {
    orders(first: $first, after: $after, filter: $filter) {
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

const Order = graphql(`
  query Order($id: ID!) {
    order(id: $id) {
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
export const ORDER_STATUSES = STATUS_FILTERS.order;

export async function listOrders(after: string | null, filter: ListFilter) {
  return toPage((await query(Orders, { first: PAGE_SIZE, after, filter: filterInput(filter) })).orders);
}

export async function getOrder(id: string) {
  return (await query(Order, { id })).order;
}

import { graphql } from '../../gql';
import type { Feature } from '../../gql/graphql';
import { queryPartial } from './run';

/**
 * One request for the overview. Sections of switched-off features are not asked for at all
 * (`@include`), since asking would only earn FEATURE_DISABLED; a section whose upstream fails
 * comes back null with its own error while the rest still shows.
 */
const Dashboard = graphql(`
  query Dashboard($invoices: Boolean!, $requests: Boolean!, $contracts: Boolean!, $orders: Boolean!) {
    invoices(first: 5) @include(if: $invoices) {
      totalCount
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
    openRequests: requests(first: 1, filter: { status: ["new", "in_progress"] }) @include(if: $requests) {
      totalCount
    }
    activeContracts: contracts(first: 1, filter: { status: ["active", "expiring"] }) @include(if: $contracts) {
      totalCount
    }
    orders(first: 1) @include(if: $orders) {
      totalCount
    }
  }
`);

export function loadDashboard(features: readonly Feature[]) {
  return queryPartial(Dashboard, {
    invoices: features.includes('INVOICES'),
    requests: features.includes('REQUESTS'),
    contracts: features.includes('CONTRACTS'),
    orders: features.includes('ORDERS'),
  });
}

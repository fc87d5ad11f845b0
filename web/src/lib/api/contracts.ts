import { graphql } from '../../gql';
import { query } from './run';
import { filterInput, PAGE_SIZE, toPage, type ListFilter } from './page';
import { STATUS_FILTERS } from '../record-statuses';

const Contracts = graphql(`
  query Contracts($first: Int!, $after: String, $filter: ContractFilter) {
    contracts(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          number
          title
          status
          startDate
          endDate
          value
          currency
          billingInterval
        }
      }
    }
  }
`);

const Contract = graphql(`
  query Contract($id: ID!) {
    contract(id: $id) {
      id
      number
      title
      status
      startDate
      endDate
      value
      currency
      billingInterval
      noticePeriodDays
      autoRenew
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
export const CONTRACT_STATUSES = STATUS_FILTERS.contract;

export async function listContracts(after: string | null, filter: ListFilter) {
  return toPage((await query(Contracts, { first: PAGE_SIZE, after, filter: filterInput(filter) })).contracts);
}

export async function getContract(id: string) {
  return (await query(Contract, { id })).contract;
}

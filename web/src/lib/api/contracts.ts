import { graphql } from '../../gql';
import type { ContractCancellationInput } from '../../gql/graphql';
import { mutate, query } from './run';
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
      canCancel
      earliestEndDate
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

const RequestContractCancellation = graphql(`
  mutation RequestContractCancellation($input: ContractCancellationInput!) {
    requestContractCancellation(input: $input) {
      id
      number
    }
  }
`);

/** Files the cancellation as a request; the contract itself only changes when staff process it. */
export async function requestContractCancellation(input: ContractCancellationInput) {
  return (await mutate(RequestContractCancellation, { input })).requestContractCancellation;
}

import { graphql } from '../../gql';
import type { SubmitRequestInput } from '../../gql/graphql';
import { mutate, query } from './run';
import { filterInput, PAGE_SIZE, toPage, type ListFilter } from './page';
import { STATUS_FILTERS } from '../record-statuses';

const Requests = graphql(`
  query Requests($first: Int!, $after: String, $filter: RequestFilter) {
    requests(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          number
          subject
          category
          status
          date
        }
      }
    }
  }
`);

const Request = graphql(`
  query Request($id: ID!) {
    request(id: $id) {
      id
      number
      subject
      body
      category
      status
      priority
      date
      canReply
      notes {
        author
        createdAt
        message
      }
      documents {
        ...DocumentFields
      }
    }
  }
`);

const RequestCategories = graphql(`
  query RequestCategories {
    requestCategories {
      name
    }
  }
`);

const SubmitRequest = graphql(`
  mutation SubmitRequest($input: SubmitRequestInput!) {
    submitRequest(input: $input) {
      id
      attachmentFailures {
        index
        fileName
        code
      }
    }
  }
`);

const ReplyToRequest = graphql(`
  mutation ReplyToRequest($id: ID!, $message: String!) {
    replyToRequest(id: $id, message: $message) {
      id
    }
  }
`);

/** Exactly the statuses this kind can have (lib/record-statuses.ts). */
export const REQUEST_STATUSES = STATUS_FILTERS.request;

export async function listRequests(after: string | null, filter: ListFilter) {
  return toPage((await query(Requests, { first: PAGE_SIZE, after, filter: filterInput(filter) })).requests);
}

export async function getRequest(id: string) {
  return (await query(Request, { id })).request;
}

/** An empty list means the portal keeps no catalogue: any category (or none) is accepted. */
export async function listRequestCategories(): Promise<string[]> {
  return ((await query(RequestCategories, {})).requestCategories ?? []).map((category) => category.name);
}

export async function submitRequest(input: SubmitRequestInput) {
  return (await mutate(SubmitRequest, { input })).submitRequest;
}

export async function replyToRequest(id: string, message: string) {
  return (await mutate(ReplyToRequest, { id, message })).replyToRequest;
}

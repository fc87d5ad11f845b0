import { graphql } from '../../gql';
import type {
  AccountStatus,
  AccountType,
  AdminPortalAccountFragment,
  AdminSearchClientsQuery,
  InvitePortalAccountInput,
  PortalAccountFilter,
} from '../../gql/graphql';
import { mutate, query } from './run';
import { toPage } from './page';
import { ADMIN_PAGE_SIZE } from './admin-list.svelte';

graphql(`
  fragment AdminPortalAccount on PortalAccount {
    id
    email
    type
    status
    locale
    activatedAt
    lastSignInAt
    createdAt
    contactName
  }
`);

const PortalAccounts = graphql(`
  query AdminPortalAccounts($tenantId: ID!, $first: Int!, $after: String, $filter: PortalAccountFilter) {
    portalAccounts(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          ...AdminPortalAccount
        }
      }
    }
  }
`);

const InvitePortalAccount = graphql(`
  mutation InvitePortalAccount($tenantId: ID!, $input: InvitePortalAccountInput!) {
    invitePortalAccount(tenantId: $tenantId, input: $input) {
      ...AdminPortalAccount
    }
  }
`);

const SearchClients = graphql(`
  query AdminSearchClients($tenantId: ID!, $query: String!, $first: Int) {
    searchClients(tenantId: $tenantId, query: $query, first: $first) {
      id
      name
      type
      email
      contacts {
        id
        name
        email
        role
      }
    }
  }
`);

const SetPortalAccountStatus = graphql(`
  mutation SetPortalAccountStatus($tenantId: ID!, $accountId: ID!, $status: AccountStatus!) {
    setPortalAccountStatus(tenantId: $tenantId, accountId: $accountId, status: $status) {
      ...AdminPortalAccount
    }
  }
`);

export type AdminAccount = AdminPortalAccountFragment;

/**
 * The status change an admin can make from here: block an invited or active account, unblock a
 * blocked one that has a password (the gateway refuses ACTIVE for one never activated). Closing
 * is the customer's own step (with its retention rules), so it is not offered.
 */
export function nextStatusOf(account: AdminAccount): AccountStatus | null {
  if (account.status === 'INVITED' || account.status === 'ACTIVE') return 'BLOCKED';
  if (account.status === 'BLOCKED' && account.activatedAt) return 'ACTIVE';
  return null;
}

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['INVITED', 'ACTIVE', 'BLOCKED', 'CLOSED'];
export const ACCOUNT_TYPES: readonly AccountType[] = ['B2C', 'B2B'];

/** The filter form's values; '' means "any". */
export interface AccountFilterForm {
  status: AccountStatus | '';
  type: AccountType | '';
  emailContains: string;
}

export const EMPTY_ACCOUNT_FILTER: AccountFilterForm = { status: '', type: '', emailContains: '' };

function filterInput(form: AccountFilterForm): PortalAccountFilter {
  const filter: PortalAccountFilter = {};
  if (form.status) filter.status = form.status;
  if (form.type) filter.type = form.type;
  if (form.emailContains.trim()) filter.emailContains = form.emailContains.trim();
  return filter;
}

export async function listPortalAccounts(tenantId: string, after: string | null, form: AccountFilterForm) {
  const data = await query(PortalAccounts, { tenantId, first: ADMIN_PAGE_SIZE, after, filter: filterInput(form) });
  return toPage(data.portalAccounts);
}

export async function invitePortalAccount(tenantId: string, input: InvitePortalAccountInput) {
  return (await mutate(InvitePortalAccount, { tenantId, input })).invitePortalAccount;
}

export async function setPortalAccountStatus(tenantId: string, accountId: string, status: AccountStatus) {
  return (await mutate(SetPortalAccountStatus, { tenantId, accountId, status })).setPortalAccountStatus;
}

export type FoundClient = AdminSearchClientsQuery['searchClients'][number];

/** The tenant's Pipelinq clients matching a name, email or company (at least 2 characters; ADMIN). */
export async function searchClients(tenantId: string, text: string): Promise<FoundClient[]> {
  return (await query(SearchClients, { tenantId, query: text, first: 10 })).searchClients;
}

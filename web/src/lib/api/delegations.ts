import { graphql } from '../../gql';
import type { DelegationScope, GrantDelegationInput } from '../../gql/graphql';
import { mutate, query } from './run';

/** Company context, colleagues and delegated access (issue 16): thin calls over the generated client. */

const CompanyContext = graphql(`
  query CompanyContext {
    viewer {
      __typename
      ... on CustomerViewer {
        company {
          id
          name
        }
        actingFor {
          delegationId
          companyName
          scopes
        }
      }
    }
    delegationsReceived {
      id
      companyName
      status
    }
  }
`);

// Codegen registers fragments by name, so the operations below spread it without a reference.
export const DelegationFields = graphql(`
  fragment DelegationFields on Delegation {
    id
    companyName
    granteeEmail
    granteeHasAccount
    scopes
    validFrom
    validUntil
    revokedAt
    status
  }
`);

const Delegations = graphql(`
  query Delegations {
    delegationsGranted {
      ...DelegationFields
    }
    delegationsReceived {
      ...DelegationFields
    }
  }
`);

const Colleagues = graphql(`
  query Colleagues {
    colleagues {
      contactId
      name
      role
      hasPortalAccount
      portalAccountState
      isYou
      canInvite
    }
  }
`);

const GrantDelegation = graphql(`
  mutation GrantDelegation($input: GrantDelegationInput!) {
    grantDelegation(input: $input) {
      ...DelegationFields
    }
  }
`);

const RevokeDelegation = graphql(`
  mutation RevokeDelegation($id: ID!) {
    revokeDelegation(id: $id) {
      id
      status
    }
  }
`);

const SwitchContext = graphql(`
  mutation SwitchContext($id: ID) {
    switchContext(delegationId: $id) {
      delegationId
      companyName
    }
  }
`);

const InviteColleague = graphql(`
  mutation InviteColleague($contactId: ID!) {
    inviteColleague(contactId: $contactId) {
      contactId
      portalAccountState
    }
  }
`);

/** The scopes in the order the form offers them. */
export const DELEGATION_SCOPES = [
  'VIEW_INVOICES_ORDERS',
  'VIEW_CONTRACTS',
  'VIEW_DOCUMENTS',
  'SUBMIT_REQUESTS',
] as const satisfies readonly DelegationScope[];

export const loadCompanyContext = () => query(CompanyContext, {});
export const listDelegations = () => query(Delegations, {});
export const listColleagues = async () => (await query(Colleagues, {})).colleagues;
export const grantDelegation = async (input: GrantDelegationInput) => (await mutate(GrantDelegation, { input })).grantDelegation;
export const revokeDelegation = async (id: string) => (await mutate(RevokeDelegation, { id })).revokeDelegation;
export const switchContext = async (id: string | null) => (await mutate(SwitchContext, { id })).switchContext;
export const inviteColleague = async (contactId: string) => (await mutate(InviteColleague, { contactId })).inviteColleague;

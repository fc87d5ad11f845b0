import { graphql } from '../../gql';
import type { StaffSignInInput } from '../../gql/graphql';
import { mutate, query } from './run';

/**
 * Staff sign-in for the admin panel. The gateway answers with a token and also sets it as the
 * HttpOnly `portal_staff` cookie; the panel asks only for the roles, so the token never sits in
 * the page's memory: every later call authenticates with the cookie (`credentials: 'same-origin'`).
 */
const StaffSignIn = graphql(`
  mutation StaffSignIn($input: StaffSignInInput!) {
    staffSignIn(input: $input) {
      roles
      expiresAt
    }
  }
`);

/** Read back right after signing in: proves the browser kept and sends the staff cookie. */
const AdminViewer = graphql(`
  query AdminViewer {
    viewer {
      __typename
      ... on StaffViewer {
        loginName
        roles
        tenantId
      }
    }
  }
`);

export const staffSignIn = async (input: StaffSignInInput) => (await mutate(StaffSignIn, { input })).staffSignIn;
export const loadAdminViewer = async () => (await query(AdminViewer, {})).viewer;

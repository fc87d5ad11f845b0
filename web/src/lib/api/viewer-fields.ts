import { graphql } from '../../gql';

/** Who is signed in, as every operation that returns a viewer asks for it (bootstrap, sign-in). */
export const ViewerFields = graphql(`
  fragment ViewerFields on Viewer {
    __typename
    ... on CustomerViewer {
      enrolmentOnly
      sessionExpiresAt
      account {
        id
        email
        type
        locale
        contactName
        mfaEnabled
      }
    }
    ... on StaffViewer {
      loginName
      roles
      tenantId
    }
  }
`);

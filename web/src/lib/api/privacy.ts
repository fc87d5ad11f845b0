import { graphql } from '../../gql';
import { mutate, query } from './run';

/**
 * GDPR requests: a copy of one's data (Art. 15) and closing the account (Art. 17). Closing is
 * confirmed through a mailed link (`/confirm-closure?token=`), so a stolen session cannot do it.
 * A gateway that predates these fields answers NOT_SUPPORTED (see `toApiError`); the pages then
 * say the function is not available yet instead of failing.
 */
const DataExports = graphql(`
  query DataExports {
    dataExports {
      id
      status
      requestedAt
      expiresAt
      downloadUrl
    }
  }
`);

const RequestDataExport = graphql(`
  mutation RequestDataExport {
    requestDataExport {
      id
      status
      requestedAt
      expiresAt
      downloadUrl
    }
  }
`);

const RequestAccountClosure = graphql(`
  mutation RequestAccountClosure {
    requestAccountClosure
  }
`);

const ConfirmAccountClosure = graphql(`
  mutation ConfirmAccountClosure($token: String!) {
    confirmAccountClosure(token: $token)
  }
`);

export const listDataExports = async () => (await query(DataExports, {})).dataExports;
export const requestDataExport = async () => (await mutate(RequestDataExport, {})).requestDataExport;
export const requestAccountClosure = async () => (await mutate(RequestAccountClosure, {})).requestAccountClosure;
export const confirmAccountClosure = async (token: string) =>
  (await mutate(ConfirmAccountClosure, { token })).confirmAccountClosure;

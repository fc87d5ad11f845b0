import { graphql } from '../../gql';
import { mutate, query } from './run';

/** The Security page's own calls: the password and the signed-in devices. */

const ChangePassword = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

const MySessions = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      lastSeenAt
      browser
      operatingSystem
      network
      current
    }
  }
`);

const RevokeSession = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

const SignOutOtherSessions = graphql(`
  mutation SignOutOtherSessions {
    signOutOtherSessions
  }
`);

/** Other sessions end; this one continues with a renewed cookie (set by the answer). */
export const changePassword = async (currentPassword: string, newPassword: string) =>
  (await mutate(ChangePassword, { input: { currentPassword, newPassword } })).changePassword;
export const listSessions = async () => (await query(MySessions, {})).mySessions;
export type ActiveSession = Awaited<ReturnType<typeof listSessions>>[number];
export const revokeSession = async (id: string) => (await mutate(RevokeSession, { id })).revokeSession;
/** How many sessions ended. */
export const signOutOtherSessions = async () => (await mutate(SignOutOtherSessions, {})).signOutOtherSessions;

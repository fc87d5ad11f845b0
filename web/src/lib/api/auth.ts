import { graphql } from '../../gql';
import type { SignInInput } from '../../gql/graphql';
import { mutate } from './run';

const SignIn = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      status
      sessionExpiresAt
      viewer {
        ...ViewerFields
      }
    }
  }
`);

const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

const RequestPasswordReset = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

const ActivateAccount = graphql(`
  mutation ActivateAccount($token: String!, $password: String!) {
    activateAccount(token: $token, password: $password)
  }
`);

const ConfirmEmailChange = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token)
  }
`);

export const signIn = async (input: SignInInput) => (await mutate(SignIn, { input })).signIn;
export const signOut = async () => (await mutate(SignOut, {})).signOut;
export const requestPasswordReset = async (email: string) => (await mutate(RequestPasswordReset, { email })).requestPasswordReset;
export const resetPassword = async (token: string, newPassword: string) =>
  (await mutate(ResetPassword, { token, newPassword })).resetPassword;
export const activateAccount = async (token: string, password: string) =>
  (await mutate(ActivateAccount, { token, password })).activateAccount;
export const confirmEmailChange = async (token: string) => (await mutate(ConfirmEmailChange, { token })).confirmEmailChange;

import { graphql } from '../../gql';
import { mutate } from './run';

const BeginMfaEnrollment = graphql(`
  mutation BeginMfaEnrollment {
    beginMfaEnrollment {
      secret
      otpauthUri
    }
  }
`);

const ConfirmMfaEnrollment = graphql(`
  mutation ConfirmMfaEnrollment($code: String!) {
    confirmMfaEnrollment(code: $code)
  }
`);

const DisableMfa = graphql(`
  mutation DisableMfa($code: String!) {
    disableMfa(code: $code)
  }
`);

export const beginMfaEnrollment = async () => (await mutate(BeginMfaEnrollment, {})).beginMfaEnrollment;
/** The recovery codes: shown once, never again retrievable. */
export const confirmMfaEnrollment = async (code: string) => (await mutate(ConfirmMfaEnrollment, { code })).confirmMfaEnrollment;
export const disableMfa = async (code: string) => (await mutate(DisableMfa, { code })).disableMfa;

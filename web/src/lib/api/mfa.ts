import { graphql } from '../../gql';
import type { IdentityProof } from '../identity-proof';
import { mutate } from './run';

const BeginMfaEnrollment = graphql(`
  mutation BeginMfaEnrollment($currentCode: String, $password: String) {
    beginMfaEnrollment(currentCode: $currentCode, password: $password) {
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

/** The first enrolment needs no proof; replacing a live factor needs a current code or the password. */
export const beginMfaEnrollment = async (proof: IdentityProof = {}) =>
  (await mutate(BeginMfaEnrollment, { currentCode: proof.currentCode ?? null, password: proof.password ?? null }))
    .beginMfaEnrollment;
/** The recovery codes: shown once, never again retrievable. */
export const confirmMfaEnrollment = async (code: string) => (await mutate(ConfirmMfaEnrollment, { code })).confirmMfaEnrollment;
export const disableMfa = async (code: string) => (await mutate(DisableMfa, { code })).disableMfa;

import { graphql } from '../../gql';
import type { ProfileInput } from '../../gql/graphql';
import { mutate, query } from './run';

/** The profile as the page shows it; reading and saving answer the same fields. */
export const ProfileFields = graphql(`
  fragment ProfileFields on Profile {
    id
    email
    pendingEmail
    pendingEmailExpiresAt
    displayName
    phone
    address
    jobTitle
    locale
    type
    mfaEnabled
    organisation {
      id
      name
      email
      phone
      address
      website
    }
  }
`);

const Profile = graphql(`
  query Profile {
    profile {
      ...ProfileFields
    }
  }
`);

const UpdateProfile = graphql(`
  mutation UpdateProfile($input: ProfileInput!) {
    updateProfile(input: $input) {
      ...ProfileFields
    }
  }
`);

export async function getProfile() {
  return (await query(Profile, {})).profile;
}

export async function updateProfile(input: ProfileInput) {
  return (await mutate(UpdateProfile, { input })).updateProfile;
}

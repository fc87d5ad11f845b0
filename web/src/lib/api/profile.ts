import { graphql } from '../../gql';
import type { ProfileInput } from '../../gql/graphql';
import { mutate, query } from './run';

const Profile = graphql(`
  query Profile {
    profile {
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
  }
`);

const UpdateProfile = graphql(`
  mutation UpdateProfile($input: ProfileInput!) {
    updateProfile(input: $input) {
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
  }
`);

export async function getProfile() {
  return (await query(Profile, {})).profile;
}

export async function updateProfile(input: ProfileInput) {
  return (await mutate(UpdateProfile, { input })).updateProfile;
}

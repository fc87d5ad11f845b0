import { graphql } from '../../gql';
import type { ApiTokenInput } from '../../gql/graphql';
import { mutate, query } from './run';

const ApiTokens = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      scopes
      createdAt
      lastUsedAt
      expiresAt
    }
  }
`);

const CreateApiToken = graphql(`
  mutation CreateApiToken($input: ApiTokenInput!) {
    createApiToken(input: $input) {
      secret
      token {
        id
        name
        scopes
        createdAt
        lastUsedAt
        expiresAt
      }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id)
  }
`);

/** The scopes the gateway knows (schema description of ApiTokenInput.scopes). */
export const API_TOKEN_SCOPES = [
  'read:invoices',
  'read:contracts',
  'read:orders',
  'read:requests',
  'read:documents',
  'write:requests',
] as const;

export const listApiTokens = async () => (await query(ApiTokens, {})).apiTokens;
export const createApiToken = async (input: ApiTokenInput) => (await mutate(CreateApiToken, { input })).createApiToken;
export const revokeApiToken = async (id: string) => (await mutate(RevokeApiToken, { id })).revokeApiToken;

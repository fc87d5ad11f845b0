import { graphql } from '../../gql';
import type { ApiTokenInput, ApiTokenScope } from '../../gql/graphql';
import type { MessageKey } from '../i18n/nl';
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

/**
 * The label of every scope of the schema's ApiTokenScope enum, in the order the form offers them.
 * Keyed by the generated type: a scope the gateway gains without an entry here, or without its
 * text in nl.ts (and so in en.ts), fails the type check instead of showing a bare enum name.
 */
export const API_TOKEN_SCOPE_LABELS: { [Scope in ApiTokenScope]: `scope.${Scope}` & MessageKey } = {
  READ_INVOICES: 'scope.READ_INVOICES',
  READ_CONTRACTS: 'scope.READ_CONTRACTS',
  READ_ORDERS: 'scope.READ_ORDERS',
  READ_REQUESTS: 'scope.READ_REQUESTS',
  READ_DOCUMENTS: 'scope.READ_DOCUMENTS',
  WRITE_REQUESTS: 'scope.WRITE_REQUESTS',
};

export const API_TOKEN_SCOPES = Object.keys(API_TOKEN_SCOPE_LABELS) as ApiTokenScope[];

export const listApiTokens = async () => (await query(ApiTokens, {})).apiTokens;
export const createApiToken = async (input: ApiTokenInput) => (await mutate(CreateApiToken, { input })).createApiToken;
export const revokeApiToken = async (id: string) => (await mutate(RevokeApiToken, { id })).revokeApiToken;

import { registerEnumType } from 'type-graphql';

/**
 * What a partner API token may do. GraphQL shows the names (READ_INVOICES …); the values are the
 * strings the token store has always held (domain/api-tokens API_TOKEN_SCOPES), so tokens made
 * before the enum existed keep working unchanged.
 */
export enum ApiTokenScope {
  READ_INVOICES = 'read:invoices',
  READ_CONTRACTS = 'read:contracts',
  READ_ORDERS = 'read:orders',
  READ_REQUESTS = 'read:requests',
  READ_DOCUMENTS = 'read:documents',
  WRITE_REQUESTS = 'write:requests',
}

registerEnumType(ApiTokenScope, {
  name: 'ApiTokenScope',
  description: 'What a partner API token may do; a token without a scope sees nothing of that kind',
  valuesConfig: {
    READ_INVOICES: { description: 'See the company’s invoices' },
    READ_CONTRACTS: { description: 'See the company’s contracts' },
    READ_ORDERS: { description: 'See the company’s orders' },
    READ_REQUESTS: { description: 'See the company’s requests and their customer-visible notes' },
    READ_DOCUMENTS: {
      description: 'See and download the documents attached to the records the token’s other scopes cover',
    },
    WRITE_REQUESTS: {
      description: 'Submit requests and reply to them on the company’s behalf (with READ_CONTRACTS: ask to end a contract)',
    },
  },
});

import { Client, fetchExchange } from '@urql/core';

/**
 * The one GraphQL client of the web app. POST only: Apollo's CSRF prevention refuses plain GET
 * queries, and the tenant comes from the page's own address (or ?tenant= in the widget).
 */
export function createPortalClient(): Client {
  const tenant = new URLSearchParams(window.location.search).get('tenant');
  return new Client({
    url: tenant ? `/graphql?tenant=${encodeURIComponent(tenant)}` : '/graphql',
    exchanges: [fetchExchange],
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
  });
}

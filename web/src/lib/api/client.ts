import { Client, fetchExchange } from '@urql/core';
import { embed } from '../embed';
import { trustedDocumentsExchange } from './trusted-documents';

/**
 * The one GraphQL client of the web app. POST only: Apollo's CSRF prevention refuses plain GET
 * queries. Operations travel as the hash of a trusted document (trusted-documents.ts), not as
 * text. No document cache: every page shows what the API says now, and a mutation never leaves a
 * stale list behind. The tenant comes from the page's own address; `?tenant=` (the
 * widget's URL, or a direct link) is passed through. Inside the widget the gateway must set the
 * session cookie as SameSite=None; Partitioned, which `X-Portal-Embedded: 1` asks for.
 */
function createPortalClient(): Client {
  const headers: Record<string, string> = embed.embedded ? { 'X-Portal-Embedded': '1' } : {};
  return new Client({
    url: embed.tenant ? `/graphql?tenant=${encodeURIComponent(embed.tenant)}` : '/graphql',
    exchanges: [trustedDocumentsExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: { credentials: 'same-origin', headers },
  });
}

export const client = createPortalClient();

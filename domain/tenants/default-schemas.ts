/**
 * Pipelinq's own register and schema slugs (DESIGN.md, Nextcloud). A tenant may override any of
 * them; the connector resolves slugs to numeric ids once per tenant.
 */
export const DEFAULT_REGISTER = 'pipelinq';

export const DEFAULT_SCHEMAS: Readonly<Record<string, string>> = {
  client: 'client',
  contact: 'contact',
  posTransaction: 'posTransaction',
  salesContract: 'salesContract',
  request: 'request',
  requestCategory: 'requestCategory',
};

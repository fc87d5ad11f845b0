import { describe, expect, it } from 'vitest';
import { dataScopesOf, delegationScopeOf, parseDelegationScopes } from './delegation.scopes.js';

describe('delegation scopes', () => {
  it('map onto the partner-token data scopes, requests including reading them', () => {
    expect(dataScopesOf(['VIEW_INVOICES_ORDERS'])).toEqual(['read:invoices', 'read:orders']);
    expect(dataScopesOf(['SUBMIT_REQUESTS', 'VIEW_DOCUMENTS'])).toEqual(['read:requests', 'write:requests', 'read:documents']);
    expect(delegationScopeOf('write:requests')).toBe('SUBMIT_REQUESTS');
    expect(delegationScopeOf('read:everything')).toBeNull();
  });

  it('are parsed strictly: canonical order, no duplicates, no unknown names, at least one', () => {
    expect(parseDelegationScopes(['SUBMIT_REQUESTS', 'VIEW_CONTRACTS', 'SUBMIT_REQUESTS'])).toEqual([
      'VIEW_CONTRACTS',
      'SUBMIT_REQUESTS',
    ]);
    expect(() => parseDelegationScopes(['view-invoices'])).toThrow(/Unknown scope/);
    expect(() => parseDelegationScopes([])).toThrow(/at least one/);
  });
});

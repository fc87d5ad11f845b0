import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { DELEGATION_SCOPES, dataScopesOf, delegationScopeOf, parseDelegationScopes } from './delegation.scopes.js';

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

  it('each scope grants exactly its own data scopes, and each data scope names the scope it came from', () => {
    expect(DELEGATION_SCOPES).toEqual(['VIEW_INVOICES_ORDERS', 'VIEW_CONTRACTS', 'VIEW_DOCUMENTS', 'SUBMIT_REQUESTS']);
    expect(dataScopesOf(['VIEW_CONTRACTS'])).toEqual(['read:contracts']);
    expect(dataScopesOf(['VIEW_DOCUMENTS'])).toEqual(['read:documents']);
    expect(dataScopesOf([])).toEqual([]);
    // A scope named twice grants its data scopes once.
    expect(dataScopesOf(['VIEW_CONTRACTS', 'VIEW_CONTRACTS'])).toEqual(['read:contracts']);
    expect(delegationScopeOf('read:invoices')).toBe('VIEW_INVOICES_ORDERS');
    expect(delegationScopeOf('read:orders')).toBe('VIEW_INVOICES_ORDERS');
    expect(delegationScopeOf('read:contracts')).toBe('VIEW_CONTRACTS');
    expect(delegationScopeOf('read:documents')).toBe('VIEW_DOCUMENTS');
    expect(delegationScopeOf('read:requests')).toBe('SUBMIT_REQUESTS');
  });

  it('a refusal names the unknown scopes and the valid ones, on the scopes field', () => {
    const refusal = (requested: string[]) => {
      try {
        parseDelegationScopes(requested);
      } catch (error) {
        expect(error).toBeInstanceOf(BadUserInputError);
        return error as BadUserInputError;
      }
      throw new Error('not refused');
    };
    const unknown = refusal(['VIEW_CONTRACTS', 'view-invoices', 'admin']);
    expect(unknown.message).toBe('Unknown scope: view-invoices, admin.');
    expect(unknown.extensions.problems).toEqual([
      {
        field: 'scopes',
        code: 'SCOPE_UNKNOWN',
        message: 'Use VIEW_INVOICES_ORDERS, VIEW_CONTRACTS, VIEW_DOCUMENTS, SUBMIT_REQUESTS.',
        params: { scopes: 'view-invoices, admin' },
      },
    ]);
    // The echoed names are capped, so a huge request cannot blow up the answer.
    const long = refusal(['x'.repeat(500)]);
    expect((long.extensions.problems as Array<{ params: { scopes: string } }>)[0]!.params.scopes).toHaveLength(200);
    const none = refusal([]);
    expect(none.message).toBe('Choose at least one scope.');
    expect(none.extensions.problems).toEqual([
      { field: 'scopes', code: 'REQUIRED', message: 'Choose at least one scope.', params: {} },
    ]);
  });
});

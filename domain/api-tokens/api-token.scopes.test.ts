import { describe, expect, it } from 'vitest';
import { API_TOKEN_SCOPES, parseScopes } from './api-token.scopes.js';

const refusalOf = (requested: string[]) => {
  try {
    parseScopes(requested);
  } catch (error) {
    return error;
  }
  throw new Error(`parseScopes accepted ${requested.join(', ')}`);
};

describe('API token scopes', () => {
  it('names every unknown scope, for the form field, and lists the valid ones', () => {
    expect(refusalOf(['read:orders', 'admin:all', 'root'])).toMatchObject({
      message: `Unknown scopes: admin:all, root. Use ${API_TOKEN_SCOPES.join(', ')}.`,
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { field: 'scopes', code: 'SCOPE_UNKNOWN', message: 'Unknown: admin:all, root', params: { scopes: 'admin:all, root' } },
        ],
      },
    });
    expect(refusalOf(['admin:all'])).toMatchObject({
      message: `Unknown scope: admin:all. Use read:invoices, read:contracts, read:orders, read:requests, read:documents, write:requests.`,
    });
  });

  it('keeps the echoed unknown names short however much is sent', () => {
    const flood = Array.from({ length: 50 }, (_, i) => `made-up-scope-${i}`);
    const refusal = refusalOf(flood) as { extensions: { problems: { params: { scopes: string } }[] } };
    expect(refusal.extensions.problems[0]!.params.scopes).toHaveLength(200);
  });

  it('needs at least one scope', () => {
    expect(refusalOf([])).toMatchObject({
      message: 'Choose at least one scope.',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'scopes', code: 'REQUIRED', message: 'Choose at least one scope.' }],
      },
    });
  });

  it('ignores surrounding blanks and duplicates, in canonical order', () => {
    expect(parseScopes([' write:requests ', 'read:orders', 'read:orders'])).toEqual(['read:orders', 'write:requests']);
  });
});

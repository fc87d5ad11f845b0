import { BadUserInputError, inputProblem } from '../../core/errors.js';
import { dataScopesOf, isDelegationScope } from '../delegation/delegation.scopes.js';

/** What a partner token may be allowed to do; each maps to one family of data fields. */
export const API_TOKEN_SCOPES = [
  'read:invoices',
  'read:contracts',
  'read:orders',
  'read:requests',
  'read:documents',
  'write:requests',
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

const known: ReadonlySet<string> = new Set(API_TOKEN_SCOPES);
export const isApiTokenScope = (value: string): value is ApiTokenScope => known.has(value);

/**
 * The requested scopes, de-duplicated and in canonical order. Unknown scopes are an error, not
 * silently dropped (the original portal dropped them), and a token needs at least one.
 */
export function parseScopes(requested: readonly string[]): ApiTokenScope[] {
  // One scope model for tokens and delegations (issue 16): a delegation scope name stands for the
  // data scopes it grants (VIEW_CONTRACTS = read:contracts, SUBMIT_REQUESTS = read+write:requests).
  const cleaned = requested.map((s) => s.trim()).flatMap((s) => (isDelegationScope(s) ? dataScopesOf([s]) : [s]));
  const unknown = cleaned.filter((s) => !isApiTokenScope(s));
  if (unknown.length) {
    throw new BadUserInputError(
      `Unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Use ${API_TOKEN_SCOPES.join(', ')}.`,
      [inputProblem('scopes', 'SCOPE_UNKNOWN', `Unknown: ${unknown.join(', ')}`, { scopes: unknown.join(', ').slice(0, 200) })],
    );
  }
  const chosen = API_TOKEN_SCOPES.filter((scope) => cleaned.includes(scope));
  if (chosen.length === 0)
    throw new BadUserInputError('Choose at least one scope.', [inputProblem('scopes', 'REQUIRED', 'Choose at least one scope.')]);
  return chosen;
}

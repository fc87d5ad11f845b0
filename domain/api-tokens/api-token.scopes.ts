import { BadUserInputError, inputProblem } from '../../core/errors.js';

/**
 * What a partner token may be allowed to do; each maps to one family of data fields. These strings
 * are what the token store holds; GraphQL shows them as the ApiTokenScope enum (READ_INVOICES …,
 * schema/accounts/api-token.enums.ts), whose values are exactly these.
 */
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
  // A delegation name (VIEW_CONTRACTS …) is unknown here too: GraphQL, the one caller, sends only
  // the ApiTokenScope enum's values, so a second spelling would be a path nobody can reach.
  const cleaned = requested.map((s) => s.trim());
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

import { BadUserInputError, inputProblem } from '../../core/errors.js';
import type { ApiTokenScope } from '../api-tokens/api-token.scopes.js';

/**
 * What a company may delegate (issue 16). Pipelinq's own portal knew view-invoices,
 * view-contracts and submit-requests; documents are a scope of their own here, and invoices and
 * orders go together because both are Pipelinq `posTransaction` objects.
 */
export const DELEGATION_SCOPES = ['VIEW_INVOICES_ORDERS', 'VIEW_CONTRACTS', 'VIEW_DOCUMENTS', 'SUBMIT_REQUESTS'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];

/**
 * One scope model for delegations and partner tokens: each delegated scope is a set of the data
 * scopes a partner token carries, so the policy predicates and the data layer (holdsScope,
 * canSeeKind, documentsVisible) decide both the same way. Submitting requests includes reading
 * them (a grantee must see what they filed and reply to it). A document is reachable when
 * VIEW_DOCUMENTS and the scope of the record it is attached to are both granted, exactly as for a
 * partner token with read:documents.
 */
const DATA_SCOPES: Record<DelegationScope, readonly ApiTokenScope[]> = {
  VIEW_INVOICES_ORDERS: ['read:invoices', 'read:orders'],
  VIEW_CONTRACTS: ['read:contracts'],
  VIEW_DOCUMENTS: ['read:documents'],
  SUBMIT_REQUESTS: ['read:requests', 'write:requests'],
};

export function dataScopesOf(scopes: readonly DelegationScope[]): ApiTokenScope[] {
  return [...new Set(scopes.flatMap((scope) => DATA_SCOPES[scope]))];
}

/** The delegated scope a data scope belongs to (for the audit trail's "which scope was used"). */
export function delegationScopeOf(dataScope: string): DelegationScope | null {
  for (const scope of DELEGATION_SCOPES) if ((DATA_SCOPES[scope] as readonly string[]).includes(dataScope)) return scope;
  return null;
}

const known: ReadonlySet<string> = new Set(DELEGATION_SCOPES);

/** De-duplicated, canonical order; unknown scopes are an error and at least one is needed. */
export function parseDelegationScopes(requested: readonly string[]): DelegationScope[] {
  const unknown = requested.filter((scope) => !known.has(scope));
  if (unknown.length) {
    throw new BadUserInputError(`Unknown scope: ${unknown.join(', ')}.`, [
      inputProblem('scopes', 'SCOPE_UNKNOWN', `Use ${DELEGATION_SCOPES.join(', ')}.`, {
        scopes: unknown.join(', ').slice(0, 200),
      }),
    ]);
  }
  const chosen = DELEGATION_SCOPES.filter((scope) => requested.includes(scope));
  if (chosen.length === 0)
    throw new BadUserInputError('Choose at least one scope.', [inputProblem('scopes', 'REQUIRED', 'Choose at least one scope.')]);
  return chosen;
}

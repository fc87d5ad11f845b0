import type { CombinedError } from '@urql/core';
import { problemText } from './i18n/problems';

/**
 * What went wrong in a form the UI can use: the stable `extensions.code` from the gateway
 * (CONTRACT.md, Errors), plus the extras some codes carry. Messages shown to people come from the
 * dictionaries by code (see `errorMessage` in i18n); the server's English text is kept only as a
 * detail for problems that have no code of their own (e.g. password policy feedback).
 */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'FEATURE_DISABLED'
  | 'BAD_USER_INPUT'
  | 'CONTRAST_TOO_LOW'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_CLOSED'
  | 'INVALID_MFA_CODE'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'NOT_CONFIGURED'
  | 'SERVICE_UNAVAILABLE'
  | 'TENANT_NOT_FOUND'
  | 'ORIGIN_NOT_ALLOWED'
  | 'LINK_EXPIRED'
  | 'INTERNAL_SERVER_ERROR'
  /** The request never got a GraphQL answer (offline, proxy error page, …). */
  | 'NETWORK'
  /** The API does not know the field yet (an older gateway); see `missingField`. */
  | 'NOT_SUPPORTED';

const KNOWN = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'FEATURE_DISABLED',
  'BAD_USER_INPUT',
  'CONTRAST_TOO_LOW',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_CLOSED',
  'INVALID_MFA_CODE',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'NOT_CONFIGURED',
  'SERVICE_UNAVAILABLE',
  'TENANT_NOT_FOUND',
  'ORIGIN_NOT_ALLOWED',
  'LINK_EXPIRED',
  'INTERNAL_SERVER_ERROR',
]);

export interface Problem {
  field: string;
  message: string;
  /** A stable code (the gateway's core/problem-codes.ts) the UI words itself, with its parameters. */
  code?: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extras: {
      retryAfter?: number;
      problems?: Problem[];
      path?: readonly (string | number)[];
      /** CONTRAST_TOO_LOW: the ratio found and the minimum (4.5) it had to reach. */
      contrastRatio?: number;
      requiredMinimum?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get retryAfter(): number | undefined {
    return this.extras.retryAfter;
  }

  get problems(): Problem[] {
    return this.extras.problems ?? [];
  }

  /**
   * The problems reported for one input field, in the reader's language (from the problem codes;
   * the server's English `message` is never shown), or undefined when the field has none.
   */
  problemFor(field: string): string | undefined {
    const texts = this.problems.filter((problem) => problem.field === field).map(problemText);
    return texts.length ? texts.join(' ') : undefined;
  }
}

const UNKNOWN_FIELD = /Cannot query field "([^"]+)"/;

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'field' in value && 'message' in value;
}

/** The first error of a GraphQL answer as an ApiError (the most specific one the gateway sent). */
export function toApiError(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (!first) return new ApiError('NETWORK', error.networkError?.message ?? error.message);
  const extensions = first.extensions ?? {};
  if (UNKNOWN_FIELD.test(first.message)) return new ApiError('NOT_SUPPORTED', first.message);
  const rawCode = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  const code = (KNOWN.has(rawCode) ? rawCode : 'INTERNAL_SERVER_ERROR') as ApiErrorCode;
  const retryAfter = typeof extensions.retryAfter === 'number' ? extensions.retryAfter : undefined;
  const problems = Array.isArray(extensions.problems) ? extensions.problems.filter(isProblem) : undefined;
  const contrastRatio = typeof extensions.contrastRatio === 'number' ? extensions.contrastRatio : undefined;
  const requiredMinimum = typeof extensions.requiredMinimum === 'number' ? extensions.requiredMinimum : undefined;
  return new ApiError(code, first.message, { retryAfter, problems, path: first.path, contrastRatio, requiredMinimum });
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('NETWORK', error instanceof Error ? error.message : String(error));
}

import { GraphQLError } from 'graphql';
import type { ProblemCode, ProblemParams } from './problem-codes.js';

/**
 * The stable error codes a client may see (CONTRACT.md, Errors). Anything else is masked as
 * INTERNAL_SERVER_ERROR by the one formatter in gateway/errors.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  FEATURE_DISABLED = 'FEATURE_DISABLED',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONTRAST_TOO_LOW = 'CONTRAST_TOO_LOW',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  ACCOUNT_CLOSED = 'ACCOUNT_CLOSED',
  INVALID_MFA_CODE = 'INVALID_MFA_CODE',
  RATE_LIMITED = 'RATE_LIMITED',
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  /** The tenant's connection to Nextcloud is set up wrongly: not an outage, so not "try again". */
  NOT_CONFIGURED = 'NOT_CONFIGURED',
  /** The portal's own database is unreachable: answered with HTTP 503 and Retry-After, try again. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED',
  LINK_EXPIRED = 'LINK_EXPIRED',
  /** A GraphQL request named a document hash the gateway does not trust (gateway/trusted-documents.ts). */
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  /** A browser (not a Bearer-token client) sent a document outside the trusted list where TRUSTED_DOCUMENTS requires it. */
  TRUSTED_DOCUMENT_REQUIRED = 'TRUSTED_DOCUMENT_REQUIRED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** The HTTP status a REST route answers for each code; GraphQL keeps 200 except where noted. */
export const httpStatusOf: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.FEATURE_DISABLED]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONTRAST_TOO_LOW]: 400,
  [ErrorCode.INVALID_CREDENTIALS]: 401,
  [ErrorCode.ACCOUNT_LOCKED]: 429,
  [ErrorCode.ACCOUNT_CLOSED]: 403,
  [ErrorCode.INVALID_MFA_CODE]: 401,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.UPSTREAM_UNAVAILABLE]: 503,
  [ErrorCode.NOT_CONFIGURED]: 503,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TENANT_NOT_FOUND]: 404,
  [ErrorCode.ORIGIN_NOT_ALLOWED]: 403,
  [ErrorCode.LINK_EXPIRED]: 410,
  [ErrorCode.PERSISTED_QUERY_NOT_FOUND]: 400,
  [ErrorCode.TRUSTED_DOCUMENT_REQUIRED]: 403,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * An error whose message and extensions are safe to show a client. Domain code throws these;
 * everything else that escapes is treated as a bug and masked.
 */
export class PortalError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
    this.name = 'PortalError';
  }
}

export const isPortalError = (error: unknown): error is PortalError => error instanceof PortalError;

export class NotFoundError extends PortalError {
  constructor(what = 'The requested item') {
    super(ErrorCode.NOT_FOUND, `${what} was not found.`);
  }
}

/**
 * One field's problem. `code` (core/problem-codes.ts) and `params` are stable, for clients that
 * show the problem in their own words and language (e.g. `FILE_TOO_LARGE` with `{ name,
 * maxMegabytes }`); `message` is the English text for API users reading raw answers.
 */
export interface InputProblem {
  field: string;
  message: string;
  code: ProblemCode;
  params: ProblemParams;
}

/** A field problem; `params` holds the values its text needs (numbers as numbers). */
export const inputProblem = (field: string, code: ProblemCode, message: string, params: ProblemParams = {}): InputProblem => ({
  field,
  code,
  message,
  params,
});

export class BadUserInputError extends PortalError {
  /** `problems` lists every field that failed, so a form can show them all at once. */
  constructor(message: string, problems: InputProblem[] = []) {
    super(ErrorCode.BAD_USER_INPUT, message, problems.length ? { problems } : {});
  }
}

export class UnauthenticatedError extends PortalError {
  constructor(message = 'You need to sign in first.') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends PortalError {
  constructor(message = 'You are not allowed to do this.') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class UpstreamUnavailableError extends PortalError {
  constructor(message = 'The records system is not reachable right now. Please try again shortly.') {
    super(ErrorCode.UPSTREAM_UNAVAILABLE, message);
  }
}

export class NotConfiguredError extends PortalError {
  constructor(message = 'This part of the portal is not available.') {
    super(ErrorCode.NOT_CONFIGURED, message);
  }
}

/** The portal itself (not Nextcloud) cannot serve the request for a while; `retryAfter` says when to try again. */
export class ServiceUnavailableError extends PortalError {
  constructor(retryAfterSeconds: number, message = 'The portal is briefly unavailable. Please try again in a moment.') {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

export class TenantNotFoundError extends PortalError {
  constructor() {
    super(ErrorCode.TENANT_NOT_FOUND, 'This portal does not exist.');
  }
}

export class RateLimitedError extends PortalError {
  constructor(retryAfterSeconds: number, message = 'Too many attempts. Please wait and try again.') {
    super(ErrorCode.RATE_LIMITED, message, { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

/** A genuine link past its expiry (410): told apart from an unknown or tampered one (404). */
export class LinkExpiredError extends PortalError {
  constructor(message = 'This link has expired. Ask for a new one.') {
    super(ErrorCode.LINK_EXPIRED, message);
  }
}

/** Extension keys a PortalError may show besides its code, on every transport; anything else is dropped. */
const PUBLIC_EXTENSION_KEYS = ['retryAfter', 'contrastRatio', 'requiredMinimum', 'problems'] as const;

/** What a client may see of an intentional error: its code and the public extensions it carries. */
export function publicExtensionsOf(error: PortalError): Record<string, unknown> {
  const extensions: Record<string, unknown> = { code: error.code };
  for (const key of PUBLIC_EXTENSION_KEYS) {
    if (error.extensions[key] !== undefined) extensions[key] = error.extensions[key];
  }
  return extensions;
}

export class FeatureDisabledError extends PortalError {
  constructor() {
    super(ErrorCode.FEATURE_DISABLED, 'This part of the portal is not available.');
  }
}

import type { Request } from 'express';
import { ErrorCode, PortalError } from '../core/errors.js';
import type { Principal } from '../domain/principal.js';
import type { TrustedDocumentsMode } from './config.js';
import { readCredentials } from './context.js';
import { documentHashOf, type TrustedDocuments } from './trusted-documents.js';

export class PersistedQueryNotFoundError extends PortalError {
  constructor() {
    super(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "This document hash is not in the gateway's list of trusted documents.", {
      http: { status: 400 },
    });
  }
}

export class TrustedDocumentRequiredError extends PortalError {
  constructor() {
    super(
      ErrorCode.TRUSTED_DOCUMENT_REQUIRED,
      'This gateway answers only the portal’s own operations here. API clients authenticate with a Bearer token to send their own queries.',
      { http: { status: 403 } },
    );
  }
}

/** A persisted-query extension that is malformed or contradicts the text beside it. */
class BadPersistedQueryError extends PortalError {
  constructor(message: string) {
    super(ErrorCode.BAD_USER_INPUT, message, { http: { status: 400 } });
  }
}

/** The trusted list and how strictly it applies; absent in tests that build an app without it. */
export interface TrustedDocumentsPolicy {
  documents: TrustedDocuments;
  mode: TrustedDocumentsMode;
}

/**
 * Runs both halves around the building of a request's context: the cheap refusals before any
 * session lookup, the Bearer check after it.
 */
export async function admittedContext<C extends { principal: Principal }>(
  req: Request,
  policy: TrustedDocumentsPolicy | undefined,
  build: () => Promise<C>,
): Promise<C> {
  const admission = policy ? admitDocument(req, policy.documents, policy.mode) : 'any-caller';
  const context = await build();
  if (admission === 'bearer-caller') requireBearerCaller(context.principal, readCredentials(req).staffVia);
  return context;
}

/** What a request asks the caller to prove once the principal is known. */
export type DocumentAdmission = 'any-caller' | 'bearer-caller';

/** The document part of a GraphQL request, read exactly as Apollo reads it (runHttpQuery). */
interface DocumentClaim {
  /** Document text, if Apollo would see one. */
  text: string | undefined;
  /** `extensions.persistedQuery`, if present at all (Apollo acts on any truthy value). */
  persistedQuery: unknown;
}

function claimOf(req: Pick<Request, 'method' | 'body' | 'originalUrl'>): DocumentClaim {
  if (req.method === 'GET') {
    const search = new URL(req.originalUrl, 'http://gateway.invalid').searchParams;
    const texts = search.getAll('query');
    let extensions: unknown;
    try {
      extensions = JSON.parse(search.get('extensions') ?? 'null');
    } catch {
      extensions = null; // Apollo refuses the request itself.
    }
    // Two `query` parameters are refused by Apollo; counting them as text keeps this check on the safe side.
    return { text: texts.length ? texts.join('\n') : undefined, persistedQuery: recordOf(extensions)?.persistedQuery };
  }
  const body = recordOf(req.body);
  return {
    text: typeof body?.query === 'string' ? body.query : undefined,
    persistedQuery: recordOf(body?.extensions)?.persistedQuery,
  };
}

const recordOf = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * The first half of the check, before anything else is spent on the request: a hash must be a
 * trusted one, a hash and a text must agree, and a text that is not a trusted document is
 * admitted only for a caller who proves a Bearer token in `require-for-browsers` mode. A text
 * equal to a trusted document counts as that document, so it needs no hash.
 */
export function admitDocument(
  req: Pick<Request, 'method' | 'body' | 'originalUrl'>,
  documents: TrustedDocuments,
  mode: TrustedDocumentsMode,
): DocumentAdmission {
  const { text, persistedQuery } = claimOf(req);
  let claimedHash: string | undefined;
  if (persistedQuery) {
    const hash = recordOf(persistedQuery)?.sha256Hash;
    if (typeof hash !== 'string') throw new BadPersistedQueryError('extensions.persistedQuery needs a sha256Hash string.');
    claimedHash = hash;
  }
  if (text === undefined) {
    if (claimedHash !== undefined && !documents.has(claimedHash)) throw new PersistedQueryNotFoundError();
    // A trusted hash, or no document at all (Apollo answers that one).
    return 'any-caller';
  }
  // Text alone, and every text allowed: nothing to compare, so no hash to spend on each request.
  if (claimedHash === undefined && mode === 'allow-raw') return 'any-caller';
  const textHash = documentHashOf(text);
  // Apollo would refuse this too; refusing here keeps a mismatch from ever reaching its store.
  if (claimedHash !== undefined && claimedHash !== textHash) {
    throw new BadPersistedQueryError('The document text does not match extensions.persistedQuery.sha256Hash.');
  }
  if (documents.has(textHash) || mode === 'allow-raw') return 'any-caller';
  return 'bearer-caller';
}

/**
 * The second half, once the principal is known: a Bearer-only admission needs a principal that a
 * Bearer token established. An invalid or unknown token leaves the caller anonymous, and a staff
 * cookie is a browser session, so neither passes; a customer session never comes from a Bearer.
 */
export function requireBearerCaller(principal: Principal, staffVia: 'cookie' | 'bearer'): void {
  const viaBearer = principal.kind === 'partner' || (principal.kind === 'staff' && staffVia === 'bearer');
  if (!viaBearer) throw new TrustedDocumentRequiredError();
}

import type { Logger } from '../../core/logger.js';
import type { DownloadedFile, NextcloudConnector } from '../../nextcloud/connector.js';
import type { AccountType } from '../principal.js';
import { holdsScope, isAccountModeEnabled, isFeatureEnabled } from '../policy.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { DocumentRecord } from './documents.js';
import type { DownloadLinks, SignedLink } from './download-links.js';
import { PortalDataReader } from './portal-data-reader.js';
import type { Viewer } from './viewer.js';

/**
 * Document downloads: a short-lived link bound to the account that asked for it, and the check at
 * download time. The link holds the account's data scope, so the download re-checks access exactly
 * as the GraphQL API would — feature on, record still the account's, file still attached — without
 * a session (a link opened in a new tab or by a partner's HTTP client has none).
 */

export const DOCUMENT_LINK_PURPOSE = 'document';
export const DOCUMENT_LINK_TTL_MS = 5 * 60_000;

/** What a document link carries; short keys keep the URL short. */
export interface DocumentLinkBody {
  /** tenant, account, actor (as the audit trail names the principal) */
  t: string;
  a: string;
  r: string;
  /** client, contact, account type, partner scopes (null for a customer session) */
  c: string;
  n: string | null;
  m: AccountType;
  s: string[] | null;
  /** the document id */
  d: string;
  /**
   * The partner API token that minted the link (null for a customer session): the link dies with
   * it, so revoking a token also ends the downloads it handed out. Absent in links signed before
   * this field existed; mintingTokenOf() then reads the token from the actor.
   */
  k?: string | null;
  /**
   * The delegation a grantee minted the link under, and its grantor (absent for one's own
   * records): the download checks the delegation is still live and still grants documents.
   */
  g?: string | null;
  o?: string | null;
}

export function linkBodyOf(viewer: Viewer, actor: string, documentId: string, tokenId: string | null): DocumentLinkBody {
  return {
    t: viewer.tenantId,
    a: viewer.accountId,
    r: actor,
    c: viewer.clientId,
    n: viewer.contactId,
    m: viewer.accountType,
    s: viewer.scopes ? [...viewer.scopes] : null,
    d: documentId,
    k: tokenId,
    ...(viewer.onBehalfOf ? { g: viewer.onBehalfOf.delegationId, o: viewer.onBehalfOf.grantorAccountId } : {}),
  };
}

/** The partner token the link is bound to, or null when a customer session minted it. */
export function mintingTokenOf(body: DocumentLinkBody): string | null {
  if (body.k !== undefined) return body.k;
  return body.r.startsWith('token:') ? body.r.slice('token:'.length) : null;
}

export function viewerOfLink(body: DocumentLinkBody): Viewer {
  return {
    tenantId: body.t,
    accountId: body.a,
    accountType: body.m,
    clientId: body.c,
    contactId: body.n,
    scopes: body.s ? new Set(body.s) : null,
    onBehalfOf: body.g && body.o ? { delegationId: body.g, grantorAccountId: body.o } : null,
  };
}

export function isDocumentLinkBody(body: unknown): body is DocumentLinkBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    typeof b.t === 'string' &&
    typeof b.a === 'string' &&
    typeof b.r === 'string' &&
    typeof b.c === 'string' &&
    (b.n === null || typeof b.n === 'string') &&
    (b.m === 'B2B' || b.m === 'B2C') &&
    (b.s === null || (Array.isArray(b.s) && b.s.every((scope) => typeof scope === 'string'))) &&
    typeof b.d === 'string' &&
    (b.k === undefined || b.k === null || typeof b.k === 'string') &&
    (b.g === undefined || b.g === null || typeof b.g === 'string') &&
    (b.o === undefined || b.o === null || typeof b.o === 'string')
  );
}

export function signDocumentLink(
  links: DownloadLinks,
  publicUrl: string,
  body: DocumentLinkBody,
): { url: string; expiresAt: Date } {
  const signed: SignedLink = links.sign(DOCUMENT_LINK_PURPOSE, body, DOCUMENT_LINK_TTL_MS);
  return { url: `${publicUrl.replace(/\/+$/, '')}/portal/downloads/${signed.token}`, expiresAt: signed.expiresAt };
}

/**
 * The document and its bytes, or null when the link's account may no longer have it (feature or
 * mode switched off, record or file gone or no longer theirs). Upstream outages throw.
 */
export async function openDocument(
  tenant: Tenant,
  body: DocumentLinkBody,
  connector: Pick<NextcloudConnector, 'listObjects' | 'getObjectsByIds' | 'downloadFile'>,
  logger?: Logger,
): Promise<{ document: DocumentRecord; file: DownloadedFile } | null> {
  if (!isFeatureEnabled(tenant, 'DOCUMENTS') || !isAccountModeEnabled(tenant, body.m)) return null;
  if (!holdsScope(body.s ?? null, 'read:documents')) return null;
  const reader = new PortalDataReader(tenant, viewerOfLink(body), connector, logger);
  const document = await reader.document(body.d);
  if (!document) return null;
  const file = await connector.downloadFile(reader.mapping[document.sourceKind].resource, document.sourceId, document.id);
  return { document, file };
}

import { DownloadLinks } from '../portal-data/download-links.js';

/**
 * Export download links: `/portal/downloads/<token>` like documents, signed with the same
 * downloads key (domain/portal-data/download-links.ts) under their own purpose, so the one route
 * verifies both and a document token can never be replayed as an export token or the reverse.
 * The token names the tenant, the account and the export; the download checks all three against
 * the stored export, so a link works only for the account it was made for.
 */

export const EXPORT_LINK_PURPOSE = 'data-export';
export const EXPORT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface ExportLinkBody {
  t: string;
  a: string;
  x: string;
}

export function isExportLinkBody(body: unknown): body is ExportLinkBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.t === 'string' && typeof b.a === 'string' && typeof b.x === 'string';
}

export class ExportLinks {
  private readonly links: DownloadLinks;
  /** While signing: the instant that makes the token expire exactly with the export. */
  private anchor: Date | null = null;

  constructor(secretKey: string | Buffer) {
    this.links = new DownloadLinks(secretKey, () => this.anchor ?? new Date());
  }

  /** A link valid until the export's own expiry (the mail and the portal show the same one). */
  urlFor(publicUrl: string, body: ExportLinkBody, expiresAt: Date): string {
    this.anchor = new Date(expiresAt.getTime() - EXPORT_TTL_MS);
    try {
      const { token } = this.links.sign(EXPORT_LINK_PURPOSE, body, EXPORT_TTL_MS);
      return `${publicUrl.replace(/\/+$/, '')}/portal/downloads/${token}`;
    } finally {
      this.anchor = null;
    }
  }
}

import type { Connection } from 'mongoose';
import { DownloadLinks } from './download-links.js';
import { SubmissionQuota } from './submission-quota.js';

/**
 * The long-lived parts of the portal data domain, made once at start-up (gateway/server.ts) and
 * reached through `Services.portalData`. Everything per request (loaders, the viewer's scope)
 * lives in PortalDataReader instead.
 */
export interface PortalDataServices {
  /** Signs and checks `/portal/downloads/:token` links (key derived from the secret for downloads only). */
  links: DownloadLinks;
  /** Request submissions per account per hour. */
  submissions: SubmissionQuota;
  /**
   * Whether an account may still use what it was given (a download link): true only while it is
   * ACTIVE. Null until an account store is wired; links then rely on their short lifetime and the
   * scope re-check alone.
   */
  accountIsActive: ((tenantId: string, accountId: string) => Promise<boolean>) | null;
  now: () => Date;
}

export function createPortalDataServices(options: {
  connection: Connection;
  secretKey: string | Buffer;
  now?: () => Date;
  accountIsActive?: PortalDataServices['accountIsActive'];
}): PortalDataServices {
  const now = options.now ?? (() => new Date());
  return {
    links: new DownloadLinks(options.secretKey, now),
    submissions: new SubmissionQuota(options.connection, now),
    accountIsActive: options.accountIsActive ?? null,
    now,
  };
}

import type { Logger } from '../core/logger.js';
import type { AuditService } from './audit/index.js';
import type { CustomerAuthenticator, PartnerAuthenticator, StaffAuthenticator } from './auth/authenticators.js';
import type { Mailer } from './mail/mailer.js';
import type { StaffAuthService } from './staff/staff-auth.service.js';
import type { TenantDirectory } from './tenants/tenant-directory.js';
import type { NextcloudConnectors } from './tenants/nextcloud-connectors.js';

/**
 * The domain services a request may use, assembled once at start-up by the gateway
 * (gateway/server.ts) and passed to resolvers and routes through the context. Each service takes
 * the tenant and principal as explicit arguments; none of them holds user data between calls.
 */
export interface Services {
  logger: Logger;
  tenants: TenantDirectory;
  nextcloud: NextcloudConnectors;
  staff: StaffAuthService;
  /** The only writer of the append-only audit trail. */
  audit: AuditService;
  /** The only sender of mail: SMTP_URL, or .eml files in DATA_DIR/outbox/ when unset. */
  mailer: Mailer;
  /** How credentials become principals; a kind without an authenticator is never accepted. */
  authenticators: {
    customer?: CustomerAuthenticator;
    partner?: PartnerAuthenticator;
    staff?: StaffAuthenticator;
  };
}

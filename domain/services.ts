import type { Logger } from '../core/logger.js';
import type { AccountServices } from './composition/account-services.js';
import type { AuditService } from './audit/index.js';
import type { AvgServices } from './avg/index.js';
import type { CustomerAuthenticator, PartnerAuthenticator, StaffAuthenticator } from './auth/authenticators.js';
import type { Mailer } from './mail/mailer.js';
import type { PortalDataServices } from './portal-data/portal-data.services.js';
import type { ProfileService } from './profile/index.js';
import type { StaffAuthService } from './staff/staff-auth.service.js';
import type { PortalAssetStore } from './tenants/portal-assets.js';
import type { TenantConfigService } from './tenants/tenant-config.service.js';
import type { TenantDirectory } from './tenants/tenant-directory.js';
import type { NextcloudConnectors } from './tenants/nextcloud-connectors.js';
import type { TenantReadinessMonitor } from './tenants/connection/readiness-monitor.js';

/**
 * The application's domain services, assembled once by the composition root
 * (domain/composition/create-services.ts) for the server, the commands and jobs. Resolvers never
 * see this bag: they get a RequestScope (domain/scope/request-scope.ts) whose façades bind the
 * tenant and principal. Each service takes them as explicit arguments and holds no user data
 * between calls.
 */
export interface Services {
  logger: Logger;
  tenants: TenantDirectory;
  nextcloud: NextcloudConnectors;
  /** Each tenant's cached connection status (readiness, metrics, the admin banner). */
  tenantReadiness: TenantReadinessMonitor;
  /** A tenant admin's portal configuration: read, validate, save (audited). */
  tenantConfig: TenantConfigService;
  /** Uploaded logos and favicons, by sha256. */
  portalAssets: PortalAssetStore;
  staff: StaffAuthService;
  /** The only writer of the append-only audit trail. */
  audit: AuditService;
  /** The only sender of mail: SMTP_URL, or .eml files in DATA_DIR/outbox/ when unset. */
  mailer: Mailer;
  /** Customer data: signed download links and the request submission quota. */
  portalData: PortalDataServices;
  /** The signed-in customer's profile (written through to Nextcloud) and email changes. */
  profile: ProfileService;
  /** GDPR (AVG): data exports (Art. 15), account closure (Art. 17), the retention cleanup. */
  avg: AvgServices;
  /** Customer accounts and their credentials (domain/accounts/account-services.ts builds them). */
  accounts: AccountServices['accounts'];
  invitations: AccountServices['invitations'];
  passwordReset: AccountServices['passwordReset'];
  signIn: AccountServices['signIn'];
  /** Re-authentication (current code or password) before MFA changes and new API tokens. */
  identity: AccountServices['identity'];
  /** A signed-in customer's password change (current password required, other sessions end). */
  passwordChange: AccountServices['passwordChange'];
  sessions: AccountServices['sessions'];
  mfa: AccountServices['mfa'];
  apiTokens: AccountServices['apiTokens'];
  /** Insert-only sliding-window limits: `rateLimiter.hit(key, { limit, windowMs })`. */
  rateLimiter: AccountServices['rateLimiter'];
  accountTokens: AccountServices['accountTokens'];
  passwordHasher: AccountServices['passwordHasher'];
  /** Delegated access of B2B accounts: grants, their company context, binding on activation. */
  delegations: AccountServices['delegations'];
  /** How credentials become principals; a kind without an authenticator is never accepted. */
  authenticators: {
    customer?: CustomerAuthenticator;
    partner?: PartnerAuthenticator;
    staff?: StaffAuthenticator;
  };
}

import path from 'node:path';
import type { Connection } from 'mongoose';
import type { Logger } from '../../core/logger.js';
import type { Metrics } from '../../core/metrics.js';
import { createSecretBox } from '../../core/secret-box.js';
import { emailFingerprint, emailFingerprintKey } from '../accounts/account-minimisation.js';
import { accountEmailModel, accountModel } from '../accounts/account.model.js';
import { AuditService, auditClientHashKey, auditEventModel } from '../audit/index.js';
import { createAvgServices, type ExportQueue } from '../avg/index.js';
import { createMailer, fromAddressFor } from '../mail/mailer.js';
import { createPortalDataServices } from '../portal-data/portal-data.services.js';
import { createProfileService } from '../profile/index.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { Services } from '../services.js';
import { StaffAuthService } from '../staff/staff-auth.service.js';
import { staffSessionModel } from '../staff/staff-session.model.js';
import { TenantReadinessMonitor } from '../tenants/connection/readiness-monitor.js';
import { HostClaims } from '../tenants/host-claims.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { portalAssetModel } from '../tenants/portal-asset.model.js';
import { PortalAssetStore } from '../tenants/portal-assets.js';
import { TenantConfigService } from '../tenants/tenant-config.service.js';
import { createTenantDirectory } from '../tenants/tenant-directory.js';
import { initModels } from '../../store/connection.js';
import { createAccountServices } from './account-services.js';

export interface CreateServicesOptions {
  connection: Connection;
  /** PORTAL_SECRET_KEY, already checked against the database by the caller. */
  secretKey: string;
  logger: Logger;
  metrics: Metrics;
  /** DATA_DIR: the development mail outbox lives under it (data exports are in the database). */
  dataDir: string;
  /** PUBLIC_URL: mails come from its host, and its host is never a tenant's custom domain. */
  publicUrl: string;
  mail: { smtpUrl: string | null; from?: string | null };
  /** Where export requests are queued (the job runner); absent where nothing runs them (CLIs). */
  exportQueue?: ExportQueue;
  /**
   * `watch` (a server): the tenant directory follows changes other processes make. `once` (a
   * command): it is read once, so the process can end.
   */
  tenants?: 'watch' | 'once';
  /** How long a tenant's connection status is cached for /readyz and /metrics (default 30 s). */
  readinessTtlMs?: number;
  /**
   * The one clock every service reads: link and session lifetimes, audit times, rate-limit
   * windows. Default: the system clock. Tests pass a clock they move by hand.
   */
  now?: () => Date;
  /**
   * Nextcloud calls: the timeout of one attempt and the budget of a call with its retries
   * (defaults in domain/tenants/nextcloud-connectors.ts). Tests shorten them to see a slow
   * Nextcloud give up within a test's time.
   */
  upstream?: { timeoutMs?: number; budgetMs?: number };
}

/** The application's services and how to let go of them. */
export interface AppServices {
  services: Services;
  /** Waits for mails sent after an answer, then closes the mailer and stops following tenants. */
  close(): Promise<void>;
}

/** Commands have no job runner: asking one of them for an export is a programming error. */
const noExportQueue: ExportQueue = {
  enqueueExport: async () => {
    throw new Error('This process runs no jobs: data exports are queued by the gateway.');
  },
};

/**
 * The one composition root (issue 11, item 2): every domain service, wired once, for the server,
 * the commands and the test kits alike. The caller owns the process-level parts — the database
 * connection, the secret key check, metrics, the job runner and the HTTP edge — and passes them in.
 */
export async function createServices(options: CreateServicesOptions): Promise<AppServices> {
  const { connection, secretKey, logger, metrics, now } = options;
  const closers: Array<() => Promise<unknown> | unknown> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await Promise.resolve(closer()).catch(() => {});
    closers.length = 0;
  };
  try {
    // Collections and indexes the services below write to exist before anything is served.
    auditEventModel(connection);
    portalAssetModel(connection);
    accountModel(connection);
    accountEmailModel(connection);
    const tenants = createTenantDirectory(connection, secretKey, logger);
    await initModels(connection);
    if (options.tenants === 'once') await tenants.refresh();
    else {
      await tenants.start();
      closers.push(() => tenants.stop());
    }

    const nextcloud = new NextcloudConnectors(tenants, { metrics, logger, ...options.upstream });
    const subjectKey = emailFingerprintKey(secretKey);
    const audit = new AuditService({
      connection,
      clientHashKey: auditClientHashKey(secretKey),
      logger,
      metrics,
      now,
      // The accounts' own address fingerprint, so one DPO search finds accounts and events alike.
      subjectFingerprint: (tenantId, email) => emailFingerprint(subjectKey, tenantId, email),
    });
    const staff = new StaffAuthService(
      staffSessionModel(connection),
      nextcloud,
      createSecretBox(secretKey, 'staff-app-passwords'),
      audit,
      now,
      new RateLimiter(connection, now),
    );
    const mailer = createMailer({
      smtpUrl: options.mail.smtpUrl,
      outboxDir: path.join(options.dataDir, 'outbox'),
      from: fromAddressFor(options.publicUrl, 'Klantportaal', options.mail.from ?? null),
      logger,
    });
    closers.push(() => mailer.close());
    const accountServices = await createAccountServices({ connection, secretKey, nextcloud, audit, mailer, logger, now });
    // Reset mails are sent after the answer; let them finish before the mailer closes.
    closers.push(() => accountServices.passwordReset.settled());
    const profile = await createProfileService({
      connection,
      accounts: accountServices.accounts.repository,
      tokens: accountServices.accountTokens,
      rateLimiter: accountServices.rateLimiter,
      identity: accountServices.identity,
      nextcloud,
      audit,
      mailer,
      logger,
      now,
    });
    const avg = await createAvgServices({
      connection,
      secretKey,
      tenants,
      nextcloud,
      audit,
      mailer,
      accounts: accountServices.accounts,
      accountTokens: accountServices.accountTokens,
      rateLimiter: accountServices.rateLimiter,
      queue: options.exportQueue ?? noExportQueue,
      logger,
      now,
    });
    const portalAssets = new PortalAssetStore(portalAssetModel(connection));
    const tenantConfig = new TenantConfigService({
      tenants,
      assets: portalAssets,
      audit,
      logger,
      reservedHosts: [new URL(options.publicUrl).hostname],
      hostClaims: new HostClaims(connection),
      now,
    });
    const services: Services = {
      logger,
      tenants,
      nextcloud,
      tenantReadiness: new TenantReadinessMonitor({
        tenants,
        metrics,
        logger,
        ttlMs: options.readinessTtlMs,
        now: now && (() => now().getTime()),
      }),
      staff,
      audit,
      mailer,
      tenantConfig,
      portalAssets,
      portalData: createPortalDataServices({
        connection,
        secretKey,
        now,
        // A download link dies with its account: blocked, closed or gone means 404.
        accountIsActive: async (tenantId, accountId) => {
          const account = await accountServices.accounts.repository.findById(accountId);
          return account !== null && account.tenantId === tenantId && account.status === 'ACTIVE';
        },
      }),
      profile,
      avg,
      ...accountServices,
      authenticators: { staff, customer: accountServices.sessions, partner: accountServices.apiTokens },
    };
    return { services, close };
  } catch (error) {
    await close();
    throw error;
  }
}

import type { Connection } from 'mongoose';
import type { Logger } from '../../core/logger.js';
import { AccountMail, type MailSender } from '../accounts/account-mail.js';
import { AccountRepository } from '../accounts/account.repository.js';
import { recipientNameLookup } from '../accounts/recipient-name.js';
import type { AccountService } from '../accounts/account.service.js';
import type { AccountTokens } from '../accounts/account-tokens.js';
import type { AuditService } from '../audit/index.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { ClosureService } from './closure.service.js';
import { accountExtrasReader, forgetAccountLeftovers } from './export-account-extras.js';
import { ExportLinks } from './export-links.js';
import { ExportRepository } from './export.repository.js';
import { ExportArchiveStore } from './export-store.js';
import { ExportRunner, type ExportStep } from './export-runner.js';
import { ExportService, type ExportQueue } from './export.service.js';
import { Pseudonymiser } from './pseudonymiser.js';
import { RetentionService } from './retention.service.js';

/** The GDPR (AVG) services as they go into `Services.avg`. */
export interface AvgServices {
  exports: ExportService;
  /** The export job's work (jobs/ calls it). */
  exportRunner: ExportRunner;
  closure: ClosureService;
  retention: RetentionService;
}

interface TenantLookup {
  get(id: string): Tenant | undefined;
  list(): Tenant[];
}

export interface RetentionDeps {
  connection: Connection;
  /** Also the key of export archives at rest (they live in the database: export-store.ts). */
  secretKey: string;
  tenants: TenantLookup;
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  audit: Pick<AuditService, 'append'>;
  logger?: Logger;
  now?: () => Date;
}

export interface AvgServicesDeps extends RetentionDeps {
  audit: Pick<AuditService, 'append' | 'stream'>;
  mailer: MailSender;
  accounts: AccountService;
  accountTokens: AccountTokens;
  rateLimiter: Pick<RateLimiter, 'enforce'>;
  queue: ExportQueue;
  /** Test hook: interrupt an export run after a step. */
  exportCheckpoint?: (step: ExportStep, exportId: string) => Promise<void> | void;
}

function exportRepositoryOf(deps: Pick<RetentionDeps, 'connection' | 'secretKey'>): ExportRepository {
  return new ExportRepository(deps.connection, new ExportArchiveStore(deps.connection, deps.secretKey));
}

/** The retention cleanup alone: what `portal cleanup` needs (no mailer, no job queue). */
export function createRetentionService(deps: RetentionDeps): RetentionService {
  const accounts = new AccountRepository(deps.connection);
  const exportsRepository = exportRepositoryOf(deps);
  return new RetentionService({
    accounts,
    tenants: deps.tenants,
    nextcloud: deps.nextcloud,
    audit: deps.audit,
    pseudonymiser: new Pseudonymiser(deps.secretKey, accounts),
    deleteExports: async (tenantId, accountId) => {
      await exportsRepository.deleteAllFor(tenantId, accountId);
      // An account an admin closed never went through the closure flow's clean-up.
      await forgetAccountLeftovers(deps.connection)(accountId);
    },
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
  });
}

export async function createAvgServices(deps: AvgServicesDeps): Promise<AvgServices> {
  const now = deps.now ?? (() => new Date());
  const repository = exportRepositoryOf(deps);
  for (const model of [repository.exports, repository.slots]) {
    await model.init();
    await model.createIndexes();
  }
  const links = new ExportLinks(deps.secretKey);
  const accounts = deps.accounts.repository;
  const names = recipientNameLookup({ accounts, nextcloud: deps.nextcloud, logger: deps.logger });
  const mail = new AccountMail(deps.mailer, deps.logger, names);
  const exports = new ExportService({
    repository,
    accounts,
    links,
    audit: deps.audit,
    queue: deps.queue,
    logger: deps.logger,
    now,
  });
  return {
    exports,
    exportRunner: new ExportRunner({
      repository,
      accounts,
      tenants: deps.tenants,
      nextcloud: deps.nextcloud,
      audit: deps.audit,
      mail,
      links,
      accountExtras: accountExtrasReader(deps.connection),
      logger: deps.logger,
      now,
      checkpoint: deps.exportCheckpoint,
    }),
    closure: new ClosureService({
      accounts: deps.accounts,
      tokens: deps.accountTokens,
      rateLimiter: deps.rateLimiter,
      audit: deps.audit,
      mail,
      exports,
      forgetLeftovers: forgetAccountLeftovers(deps.connection),
      logger: deps.logger,
    }),
    retention: createRetentionService({ ...deps, now }),
  };
}

import { isPortalError, NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountMail } from '../accounts/account-mail.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import type { AuditService } from '../audit/index.js';
import { fieldMappingFor } from '../portal-data/field-mapping.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { canUseExport } from './account-state.js';
import { writeExportArchive } from './export-archive.js';
import type { AccountExtrasReader } from './export-account-extras.js';
import { collectExportData } from './export-collector.js';
import { EXPORT_TTL_MS, type ExportLinks } from './export-links.js';
import { documentsOf, planDocuments } from './export-manifest.js';
import { exportTrailer } from './export-trailer.js';
import type { DataExportDocument } from './export.model.js';
import { UNFINISHED, type ExportRepository } from './export.repository.js';

/** Runs of one export before it is given up (a crashed run counts as one). */
export const MAX_EXPORT_ATTEMPTS = 4;
/** Sends of the ready mail before only the portal list shows the export. */
export const MAX_MAIL_ATTEMPTS = 3;
const ACTOR = 'system:data-export';

/** Steps a test may interrupt, to prove that a re-run finishes the job exactly once. */
export type ExportStep = 'collected' | 'archived' | 'ready' | 'mailed';

/** Thrown to make the job worker retry later (with backoff): the export is not lost. */
export class ExportRetryError extends Error {
  constructor(
    readonly exportId: string,
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(`export ${exportId} will be retried: ${reason}`, options);
    this.name = 'ExportRetryError';
  }
}

export interface ExportRunnerDeps {
  repository: ExportRepository;
  accounts: AccountRepository;
  tenants: { get(id: string): Tenant | undefined };
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  audit: Pick<AuditService, 'append' | 'stream'>;
  mail: AccountMail;
  links: ExportLinks;
  /** The account's data in the portal store outside the account document. */
  accountExtras: AccountExtrasReader;
  logger?: Logger;
  now: () => Date;
  /** Test hook, called after each step. */
  checkpoint?: (step: ExportStep, exportId: string) => Promise<void> | void;
}

/**
 * The export job's work, safe to run any number of times for one export: each step looks at the
 * stored export first and skips what is already done. PENDING or RUNNING (a run that died) starts
 * over with a fresh archive; READY without `mailedAt` only sends the mail; anything else is done.
 */
export class ExportRunner {
  constructor(private readonly deps: ExportRunnerDeps) {}

  async run(tenantId: string, exportId: string): Promise<void> {
    const doc = await this.deps.repository.get(exportId);
    if (!doc || doc.tenantId !== tenantId) return;
    if (doc.status === 'READY') return this.finishReady(doc);
    if (!UNFINISHED.includes(doc.status)) return;

    const tenant = this.deps.tenants.get(tenantId);
    const account = await this.deps.accounts.findById(doc.accountId);
    if (!tenant || !account || account.tenantId !== tenantId || !canUseExport(account)) {
      return this.fail(doc, 'ACCOUNT_UNAVAILABLE', doc.attempts);
    }
    const attempts = doc.attempts + 1;
    await this.deps.repository.update(doc._id, UNFINISHED, {
      status: 'RUNNING',
      attempts,
      startedAt: this.deps.now(),
      updatedAt: this.deps.now(),
    });
    let archive: { archiveId: string; size: number; sha256: string };
    try {
      archive = await this.build(tenant, account, doc);
    } catch (error) {
      const reason = isPortalError(error) ? error.code : 'EXPORT_FAILED';
      this.deps.logger?.warn({ err: error, tenantId, exportId, attempts }, 'data export run failed');
      if (attempts >= MAX_EXPORT_ATTEMPTS) return this.fail(doc, reason, attempts);
      await this.deps.repository.update(doc._id, UNFINISHED, {
        status: 'PENDING',
        lastError: reason,
        updatedAt: this.deps.now(),
      });
      throw new ExportRetryError(exportId, reason, { cause: error });
    }

    const readyAt = this.deps.now();
    // Whole seconds: the signed link carries its expiry in seconds, and both must be the same instant.
    const expiresAt = new Date(Math.floor((readyAt.getTime() + EXPORT_TTL_MS) / 1000) * 1000);
    const ready: Partial<DataExportDocument> = {
      status: 'READY',
      file: { archiveId: archive.archiveId, size: archive.size, sha256: archive.sha256 },
      readyAt,
      expiresAt,
      lastError: null,
      updatedAt: readyAt,
    };
    const marked = await this.deps.repository.update(doc._id, ['RUNNING'], ready);
    if (!marked) {
      // Closure revoked it meanwhile, or a racing run got there first: either way this run's
      // archive is nobody's (a READY record names the other run's), so it goes.
      const current = await this.deps.repository.get(doc._id);
      if (current?.file?.archiveId !== archive.archiveId) await this.deps.repository.archives.remove(archive.archiveId);
      return;
    }
    await this.deps.repository.releaseSlot(doc.accountId, doc._id);
    await this.deps.checkpoint?.('ready', doc._id);
    await this.finishReady({ ...doc, ...ready, attempts } as DataExportDocument);
  }

  private async build(tenant: Tenant, account: Account, doc: DataExportDocument) {
    const connector = this.deps.nextcloud.for(tenant.id);
    const data = await collectExportData(tenant, account, connector, this.deps.logger);
    const extras = await this.deps.accountExtras(account.id);
    await this.deps.checkpoint?.('collected', doc._id);
    const mapping = fieldMappingFor(tenant);
    const plans = planDocuments(data.records);
    const exportedAt = this.deps.now();
    const owner = { tenantId: tenant.id, exportId: doc._id };
    // The ZIP streams through encryption into the database (export-store.ts); nothing on disk.
    const stored = await this.deps.repository.archives.save(owner, (sink) =>
      writeExportArchive(sink, {
        mtime: exportedAt,
        entries: plans.map((plan) => ({
          zipPath: plan.zipPath,
          open: async () => {
            try {
              const file = await connector.downloadFile(mapping[plan.record.kind].resource, plan.record.id, plan.file.id);
              return file.body;
            } catch (error) {
              // Deleted since it was listed: the export says so instead of failing as a whole.
              if (error instanceof NotFoundError) return null;
              throw error;
            }
          },
        })),
        // export.json, README.txt, the readable overview and the CSV files (export-trailer.ts).
        trailer: (entries) =>
          exportTrailer({
            exportId: doc._id,
            exportedAt,
            tenant,
            account,
            data,
            documents: documentsOf(plans, entries),
            extras,
            events: () => this.deps.audit.stream(tenant.id, { accountId: account.id }),
          }),
      }),
    );
    try {
      await this.deps.checkpoint?.('archived', doc._id);
    } catch (error) {
      // Stored but never to be READY: this run's archive goes now (a killed process's, by housekeeping).
      await this.deps.repository.archives.remove(stored.id);
      throw error;
    }
    return { archiveId: stored.id, size: stored.result.size, sha256: stored.result.sha256 };
  }

  /** Sends the ready mail unless it went out already. A failed send is retried by the job. */
  /** What follows READY, each step once: the audit event, then the mail. */
  private async finishReady(doc: DataExportDocument): Promise<void> {
    if (!doc.readyRecordedAt) await this.recordReady(doc);
    await this.mailOnce(doc);
  }

  /**
   * `export.ready` only once the status change succeeded (a run that lost the race records
   * nothing). Should the append fail, the job is retried and the READY branch writes it then.
   */
  private async recordReady(doc: DataExportDocument): Promise<void> {
    await this.deps.audit.append({
      tenantId: doc.tenantId,
      type: 'export.ready',
      outcome: 'success',
      accountId: doc.accountId,
      actor: ACTOR,
      target: { type: 'data-export', id: doc._id },
      details: { size: doc.file?.size ?? null, sha256: doc.file?.sha256 ?? null, attempts: doc.attempts },
    });
    await this.deps.repository.update(doc._id, ['READY'], { readyRecordedAt: this.deps.now() });
  }

  private async mailOnce(doc: DataExportDocument): Promise<void> {
    if (doc.mailedAt || !doc.expiresAt) return;
    const tenant = this.deps.tenants.get(doc.tenantId);
    const account = await this.deps.accounts.findById(doc.accountId);
    if (!tenant || !account || !canUseExport(account)) return;
    const downloadUrl = this.deps.links.urlFor(doc.publicUrl, { t: doc.tenantId, a: doc.accountId, x: doc._id }, doc.expiresAt);
    try {
      await this.deps.mail.send(tenant, account.email, account.locale, 'data-export-ready', {
        downloadUrl,
        validForMinutes: EXPORT_TTL_MS / 60_000,
      });
    } catch (error) {
      // The export itself is done and listed in the portal; only the mail is retried, a few times.
      const mailAttempts = (doc.mailAttempts ?? 0) + 1;
      await this.deps.repository.update(doc._id, ['READY'], { mailAttempts, lastError: 'MAIL_FAILED' });
      if (mailAttempts >= MAX_MAIL_ATTEMPTS) {
        this.deps.logger?.error({ err: error, exportId: doc._id }, 'data export mail given up; the export is in the portal');
        return;
      }
      throw new ExportRetryError(doc._id, 'MAIL_FAILED', { cause: error });
    }
    await this.deps.repository.update(doc._id, ['READY'], { mailedAt: this.deps.now(), lastError: null });
    await this.deps.checkpoint?.('mailed', doc._id);
  }

  /**
   * The job gives up: FAILED, an `error` outcome in the audit trail. A failed run removed its own
   * upload already; what a killed worker left is swept by housekeeping.
   */
  private async fail(doc: DataExportDocument, reason: string, attempts: number): Promise<void> {
    const now = this.deps.now();
    const failed = await this.deps.repository.update(doc._id, UNFINISHED, {
      status: 'FAILED',
      lastError: reason,
      updatedAt: now,
    });
    await this.deps.repository.releaseSlot(doc.accountId, doc._id);
    if (!failed) return;
    await this.deps.audit
      .append({
        tenantId: doc.tenantId,
        type: 'export.ready',
        outcome: 'error',
        accountId: doc.accountId,
        actor: ACTOR,
        target: { type: 'data-export', id: doc._id },
        details: { reason, attempts },
      })
      .catch((error: unknown) =>
        this.deps.logger?.error({ err: error, exportId: doc._id }, 'audit of a failed export not written'),
      );
  }
}

import { isPortalError, NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountMail } from '../accounts/account-mail.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import { audited, type AuditService } from '../audit/index.js';
import { fieldMappingFor } from '../portal-data/field-mapping.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { canUseExport } from './account-state.js';
import { writeExportArchive } from './export-archive.js';
import type { AccountExtrasReader } from './export-account-extras.js';
import { collectExportData } from './export-collector.js';
import { EXPORT_TTL_MS, type ExportLinks } from './export-links.js';
import { documentsOf, manifestStream, planDocuments, readmeText } from './export-manifest.js';
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
    if (doc.status === 'READY') return this.mailOnce(doc);
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
    let archive: { path: string; size: number; sha256: string };
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
      file: { path: archive.path, size: archive.size, sha256: archive.sha256 },
      readyAt,
      expiresAt,
      lastError: null,
      updatedAt: readyAt,
    };
    const marked = await audited(
      this.deps.audit,
      {
        tenantId,
        type: 'export.ready',
        accountId: account.id,
        actor: ACTOR,
        target: { type: 'data-export', id: doc._id },
        details: { size: archive.size, sha256: archive.sha256, attempts },
      },
      () => this.deps.repository.update(doc._id, ['RUNNING'], ready),
      { logger: this.deps.logger },
    );
    if (!marked) {
      // Another run finished it meanwhile (same file: keep it), or closure revoked it (remove it).
      const current = await this.deps.repository.get(doc._id);
      if (current?.status !== 'READY') await this.deps.repository.removeFile(archive.path);
      return;
    }
    await this.deps.repository.releaseSlot(doc.accountId, doc._id);
    await this.deps.checkpoint?.('ready', doc._id);
    await this.mailOnce({ ...doc, ...ready } as DataExportDocument);
  }

  private async build(tenant: Tenant, account: Account, doc: DataExportDocument) {
    const connector = this.deps.nextcloud.for(tenant.id);
    const data = await collectExportData(tenant, account, connector, this.deps.logger);
    const extras = await this.deps.accountExtras(account.id);
    await this.deps.checkpoint?.('collected', doc._id);
    const mapping = fieldMappingFor(tenant);
    const plans = planDocuments(data.records);
    const exportedAt = this.deps.now();
    const relative = this.deps.repository.relativePathOf(tenant.id, doc._id);
    const written = await writeExportArchive(this.deps.repository.absolutePath(relative), {
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
      trailer: (entries) => [
        {
          zipPath: 'export.json',
          body: manifestStream({
            exportId: doc._id,
            exportedAt,
            tenant,
            account,
            data,
            documents: documentsOf(plans, entries),
            extras,
            signInEvents: this.deps.audit.stream(tenant.id, { accountId: account.id }),
            auditEvents: this.deps.audit.stream(tenant.id, { accountId: account.id }),
          }),
        },
        {
          zipPath: 'README.txt',
          body: readmeText(account.locale, tenant.portal.displayName, exportedAt, data.internalNotesExcluded),
        },
      ],
    });
    await this.deps.checkpoint?.('archived', doc._id);
    return { path: relative, size: written.size, sha256: written.sha256 };
  }

  /** Sends the ready mail unless it went out already. A failed send is retried by the job. */
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

  /** The job gives up: FAILED, its half-written file removed, an `error` outcome in the audit trail. */
  private async fail(doc: DataExportDocument, reason: string, attempts: number): Promise<void> {
    const now = this.deps.now();
    const failed = await this.deps.repository.update(doc._id, UNFINISHED, {
      status: 'FAILED',
      lastError: reason,
      updatedAt: now,
    });
    await this.deps.repository.removeFile(this.deps.repository.relativePathOf(doc.tenantId, doc._id));
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

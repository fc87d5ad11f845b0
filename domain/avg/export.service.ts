import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { LinkExpiredError, NotFoundError, RateLimitedError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { RequestMeta } from '../request-meta.js';
import type { CustomerPrincipal } from '../principal.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { canUseExport } from './account-state.js';
import { ArchiveIntegrityError } from './export-cipher.js';
import type { DataExportDocument, ExportStatus } from './export.model.js';
import { UNFINISHED, type ExportRepository } from './export.repository.js';
import type { ExportLinkBody, ExportLinks } from './export-links.js';

/** Requests per account in any 24 hours; with the slot, at most one of them runs at a time. */
export const EXPORTS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;
/** An export still unfinished after this long is given up (the job retried and lost its way). */
export const STALE_EXPORT_MS = DAY_MS;
/** `lastError` of an export whose link closure revoked (the record stays, as EXPIRED). */
export const REVOKED_AT_CLOSURE = 'REVOKED_AT_CLOSURE';
const REVOKED_MESSAGE = 'This link no longer works: the account was closed.';

/** How an export reaches the job worker; jobs/ provides it (the domain never imports Agenda). */
export interface ExportQueue {
  enqueueExport(tenantId: string, exportId: string): Promise<void>;
}

export interface DataExportView {
  id: string;
  status: ExportStatus;
  requestedAt: Date;
  expiresAt: Date | null;
  downloadUrl: string | null;
}

export interface OpenedExport {
  body: Readable;
  size: number;
  fileName: string;
  exportId: string;
}

export interface ExportServiceDeps {
  repository: ExportRepository;
  accounts: AccountRepository;
  links: ExportLinks;
  audit: AuditWriter;
  queue: ExportQueue;
  logger?: Logger;
  now: () => Date;
}

/** The customer's side of data exports: asking for one, seeing them, downloading one; and their clean-up. */
export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  /**
   * Queues an export for the signed-in account. One unfinished export per account (a second
   * request while one runs is RATE_LIMITED) and three per 24 hours.
   */
  async request(
    tenant: Tenant,
    principal: CustomerPrincipal,
    meta: RequestMeta & { publicUrl: string },
  ): Promise<DataExportView> {
    const { repository, now } = this.deps;
    const at = now();
    const id = `exp_${randomBytes(16).toString('base64url')}`;
    if (!(await this.claimSlot(principal, id, at))) {
      throw new RateLimitedError(60, 'An export of your data is already being prepared. You will get an email when it is ready.');
    }
    let stored = false;
    try {
      const recent = await repository.requestedSince(principal.accountId, new Date(at.getTime() - DAY_MS));
      if (recent.length >= EXPORTS_PER_DAY) {
        const freesAt = recent[recent.length - EXPORTS_PER_DAY]!.getTime() + DAY_MS;
        throw new RateLimitedError((freesAt - at.getTime()) / 1000, `You can request at most ${EXPORTS_PER_DAY} exports a day.`);
      }
      const doc: DataExportDocument = {
        _id: id,
        tenantId: tenant.id,
        accountId: principal.accountId,
        status: 'PENDING',
        requestedAt: at,
        publicUrl: meta.publicUrl,
        attempts: 0,
        startedAt: null,
        readyAt: null,
        expiresAt: null,
        file: null,
        mailedAt: null,
        mailAttempts: 0,
        lastError: null,
        updatedAt: at,
      };
      await audited(
        this.deps.audit,
        { tenantId: tenant.id, type: 'export.requested', principal, target: { type: 'data-export', id }, client: meta },
        async () => {
          await repository.insert(doc);
          stored = true;
          await this.deps.queue.enqueueExport(tenant.id, id);
        },
        { logger: this.deps.logger },
      );
      return this.view(doc, meta.publicUrl);
    } catch (error) {
      if (stored) await repository.update(id, UNFINISHED, { status: 'FAILED', lastError: 'QUEUE_UNAVAILABLE', updatedAt: now() });
      await repository.releaseSlot(principal.accountId, id);
      throw error;
    }
  }

  /** The account's exports, newest first; READY ones carry their download link. */
  async list(tenant: Tenant, principal: CustomerPrincipal, publicUrl: string): Promise<DataExportView[]> {
    const docs = await this.deps.repository.listForAccount(tenant.id, principal.accountId);
    return docs.map((doc) => this.view(doc, publicUrl));
  }

  /**
   * The file behind a verified export link, re-checked now: the export is still this account's
   * and READY, the account may still use it. A link past the export's expiry is LINK_EXPIRED;
   * anything else that does not fit is NOT_FOUND (as for a tampered token).
   */
  async open(tenant: Tenant, body: ExportLinkBody): Promise<OpenedExport> {
    const doc = await this.deps.repository.get(body.x);
    if (!doc || doc.tenantId !== tenant.id || doc.accountId !== body.a) throw new NotFoundError('The download');
    if (doc.status === 'EXPIRED' && doc.lastError === REVOKED_AT_CLOSURE) throw new LinkExpiredError(REVOKED_MESSAGE);
    if (doc.status === 'EXPIRED' || (doc.expiresAt && doc.expiresAt.getTime() <= this.deps.now().getTime())) {
      throw new LinkExpiredError('This link has expired. Request a new export in the portal.');
    }
    if (doc.status !== 'READY' || !doc.file) throw new NotFoundError('The download');
    const account = await this.deps.accounts.findById(doc.accountId);
    if (!account || account.tenantId !== tenant.id) throw new NotFoundError('The download');
    // An account closed by an admin (no closure flow ran the revocation) answers the same.
    if (account.status === 'CLOSED') throw new LinkExpiredError(REVOKED_MESSAGE);
    if (!canUseExport(account)) throw new NotFoundError('The download');
    return {
      body: await this.openArchive(doc._id, doc.file.archiveId),
      size: doc.file.size,
      fileName: `export-${doc.requestedAt.toISOString().slice(0, 10)}-${doc._id.slice(4, 12)}.zip`,
      exportId: doc._id,
    };
  }

  /**
   * Closure: every export of the account stops — READY ones lose their file and link, unfinished
   * ones are given up (their run finds them EXPIRED and mails nothing). The records stay, EXPIRED
   * with `REVOKED_AT_CLOSURE`, so the link answers 410 saying why. Safe to repeat.
   */
  async revokeAtClosure(tenantId: string, accountId: string): Promise<number> {
    const now = this.deps.now();
    const open: readonly ExportStatus[] = ['READY', ...UNFINISHED];
    const docs = await this.deps.repository.listForAccount(tenantId, accountId, 10_000);
    let revoked = 0;
    for (const doc of docs.filter((d) => open.includes(d.status))) {
      const done = await this.deps.repository.update(doc._id, open, {
        status: 'EXPIRED',
        file: null,
        lastError: REVOKED_AT_CLOSURE,
        updatedAt: now,
      });
      await this.deps.repository.removeArchive(doc.file);
      await this.deps.repository.releaseSlot(accountId, doc._id);
      if (done) revoked++;
    }
    return revoked;
  }

  /**
   * Deletes the archives (files and chunks) of exports past their expiry; the records stay, as
   * EXPIRED. The record changes first: a purge cut short leaves an archive no READY export names,
   * which the orphan sweep deletes, never a READY export without its archive.
   */
  async purgeExpired(): Promise<number> {
    const now = this.deps.now();
    const expired = await this.deps.repository.find({ status: 'READY', expiresAt: { $lte: now } });
    for (const doc of expired) {
      await this.deps.repository.update(doc._id, ['READY'], { status: 'EXPIRED', file: null, updatedAt: now });
      await this.deps.repository.removeArchive(doc.file);
    }
    return expired.length;
  }

  /** Housekeeping: archives and chunk sets older than an hour that no READY export names. */
  async sweepOrphanArchives(): Promise<number> {
    return this.deps.repository.sweepOrphanArchives(this.deps.now());
  }

  /** Gives up exports that stayed unfinished for a day (their job is gone); frees their slot. */
  async failStale(): Promise<number> {
    const now = this.deps.now();
    const stale = await this.deps.repository.find({
      status: { $in: [...UNFINISHED] },
      requestedAt: { $lte: new Date(now.getTime() - STALE_EXPORT_MS) },
    });
    for (const doc of stale) {
      await this.deps.repository.update(doc._id, UNFINISHED, { status: 'FAILED', lastError: 'STALE', updatedAt: now });
      await this.deps.repository.releaseSlot(doc.accountId, doc._id);
    }
    return stale.length;
  }

  /**
   * The archive's plaintext, checked whole before the first byte goes out (a second read; see
   * export-store.ts `verify`). A damaged or tampered archive is an error, logged with the export
   * id; the customer gets a masked server error instead of a broken ZIP.
   */
  private async openArchive(exportId: string, archiveId: string): Promise<Readable> {
    const { archives } = this.deps.repository;
    try {
      if (!(await archives.verify(archiveId, exportId))) throw new NotFoundError('The download');
      const body = await archives.open(archiveId, exportId);
      if (!body) throw new NotFoundError('The download');
      return body;
    } catch (error) {
      if (error instanceof ArchiveIntegrityError) {
        this.deps.logger?.error({ exportId, archiveId }, 'data export archive failed authentication; not served');
      }
      throw error;
    }
  }

  private view(doc: DataExportDocument, publicUrl: string): DataExportView {
    const live = doc.status === 'READY' && doc.expiresAt !== null && doc.expiresAt.getTime() > this.deps.now().getTime();
    return {
      id: doc._id,
      // A READY export past its expiry is EXPIRED to the customer even before housekeeping ran.
      status: doc.status === 'READY' && !live ? 'EXPIRED' : doc.status,
      requestedAt: doc.requestedAt,
      expiresAt: doc.expiresAt,
      downloadUrl: live
        ? this.deps.links.urlFor(publicUrl, { t: doc.tenantId, a: doc.accountId, x: doc._id }, doc.expiresAt!)
        : null,
    };
  }

  /** Takes the account's slot; a slot left by a finished or vanished export is cleared first. */
  private async claimSlot(principal: CustomerPrincipal, exportId: string, at: Date): Promise<boolean> {
    const { repository } = this.deps;
    if (await repository.claimSlot(principal.accountId, principal.tenantId, exportId, at)) return true;
    const holder = await repository.slotHolder(principal.accountId);
    if (holder) {
      const held = await repository.get(holder);
      if (held && UNFINISHED.includes(held.status)) return false;
      await repository.releaseSlot(principal.accountId, holder);
    }
    return repository.claimSlot(principal.accountId, principal.tenantId, exportId, at);
  }
}

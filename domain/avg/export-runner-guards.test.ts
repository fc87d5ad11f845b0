import { mongo } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../core/errors.js';
import { loadSecretKey } from '../../gateway/secret-key.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { overridingConnectors } from '../../test/connectors.js';
import { archivesInStore, storedZip } from '../../test/export-archives.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { readZip } from '../../test/zip.js';
import type { MailSender } from '../accounts/account-mail.js';
import type { CustomerPrincipal } from '../principal.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { createAvgServices, type AvgServices } from './avg-services.js';
import { ArchiveBuckets } from './export-buckets.js';
import { ExportRetryError, MAX_MAIL_ATTEMPTS, type ExportStep } from './export-runner.js';
import { ExportArchiveStore } from './export-store.js';
import { ExportRepository } from './export.repository.js';

/**
 * What the export job refuses to do and what it leaves out (export-runner.ts): a job for another
 * portal or for an export that is already over does no work; an account that may no longer have
 * its data gets no archive and no mail; the archive holds this account's audit trail only; a
 * document deleted since it was listed is reported, not fatal; a mail server that is down costs
 * the mail, not the export. Retries and crashes: export-runner.test.ts.
 */
let catcher: SmtpCatcher;
let gateway: TestGateway;
let jan: CustomerPrincipal;
let bakkerij: CustomerPrincipal;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
  gateway = await startTestGateway({ SMTP_URL: catcher.url }, { jobs: { start: false } });
  const principal = async (email: string, accountType: 'B2B' | 'B2C'): Promise<CustomerPrincipal> => {
    const account = (await gateway.services.accounts.repository.findByEmail('demo', email))!;
    return {
      kind: 'customer',
      tenantId: 'demo',
      accountId: account.id,
      accountType,
      clientId: account.clientId,
      contactId: account.contactId,
      sessionId: 'test',
      enrolmentOnly: false,
    };
  };
  jan = await principal(DEMO.demo.janJansen.email, 'B2C');
  bakkerij = await principal(DEMO.demo.bakkerij.email, 'B2B');
});
afterAll(async () => {
  await gateway?.close();
  await catcher?.close();
});
beforeEach(async () => {
  await gateway.connection.db!.collection('dataExports').deleteMany({});
  await gateway.connection.db!.collection('dataExportSlots').deleteMany({});
  for (const entry of await new ArchiveBuckets(gateway.connection).inventory()) {
    await new ArchiveBuckets(gateway.connection).discard(new mongo.ObjectId(entry.id));
  }
  await setStatus(jan, 'ACTIVE');
  catcher.clear();
});

const steps: string[] = [];
async function avg(
  options: {
    nextcloud?: Pick<NextcloudConnectors, 'for'>;
    mailer?: MailSender;
    dieAfter?: ExportStep;
    onStep?: (step: ExportStep) => Promise<void>;
  } = {},
): Promise<AvgServices> {
  steps.length = 0;
  const s = gateway.services;
  return createAvgServices({
    connection: gateway.connection,
    secretKey: loadSecretKey(gateway.config),
    tenants: s.tenants,
    nextcloud: options.nextcloud ?? s.nextcloud,
    audit: s.audit,
    mailer: options.mailer ?? s.mailer,
    accounts: s.accounts,
    accountTokens: s.accountTokens,
    rateLimiter: s.rateLimiter,
    queue: { enqueueExport: async () => {} },
    exportCheckpoint: async (step: ExportStep) => {
      steps.push(step);
      if (step === options.dieAfter) throw new Error('worker died');
      await options.onStep?.(step);
    },
    logger: s.logger,
  });
}

const tenant = () => gateway.services.tenants.get('demo')!;
const meta = { ip: '192.0.2.7', userAgent: 'vitest', publicUrl: 'https://portal.example' };
const stored = async (id: string) => (await gateway.connection.db!.collection('dataExports').findOne({ _id: id as never }))!;
const zipOf = async (id: string) =>
  readZip(await storedZip(gateway.connection, loadSecretKey(gateway.config), (await stored(id)) as never));
const exportMails = (email = DEMO.demo.janJansen.email) =>
  catcher.messages().filter((m) => isAddressedTo(m, email) && /export/i.test(m.subject));
const eventsAbout = async (exportId: string, accountId = jan.accountId) =>
  (await gateway.services.audit.list('demo', { accountId }, { first: 200 })).events.filter((e) => e.targetId === exportId);
async function setStatus(who: CustomerPrincipal, status: string): Promise<void> {
  await gateway.connection.db!.collection('accounts').updateOne({ _id: who.accountId as never }, { $set: { status } });
}

describe('a job the runner does no work for', () => {
  it('names another portal than the export’s: nothing is collected, the export stays queued', async () => {
    const services = await avg();
    const requested = await services.exports.request(tenant(), jan, meta);
    await services.exportRunner.run('other', requested.id);
    expect(steps).toEqual([]);
    expect(await stored(requested.id)).toMatchObject({ status: 'PENDING', attempts: 0, file: null });
    await services.exportRunner.run('demo', requested.id);
    expect(await stored(requested.id)).toMatchObject({ status: 'READY', attempts: 1 });
  }, 30_000);

  it('is for an export that already failed or expired: a duplicate delivery collects nothing', async () => {
    const services = await avg();
    for (const status of ['FAILED', 'EXPIRED']) {
      const requested = await services.exports.request(tenant(), jan, meta);
      await gateway.connection.db!.collection('dataExports').updateOne({ _id: requested.id as never }, { $set: { status } });
      await gateway.connection.db!.collection('dataExportSlots').deleteMany({});
      await services.exportRunner.run('demo', requested.id);
      expect(steps, status).toEqual([]);
      expect(await stored(requested.id), status).toMatchObject({ status, file: null });
    }
    expect(exportMails()).toHaveLength(0);
  }, 30_000);

  it('belongs to an account blocked since the request: FAILED, audited as an error, no archive, no mail, slot free', async () => {
    const services = await avg();
    const requested = await services.exports.request(tenant(), jan, meta);
    await setStatus(jan, 'BLOCKED');
    await services.exportRunner.run('demo', requested.id);
    expect(steps).toEqual([]);
    expect(await stored(requested.id)).toMatchObject({ status: 'FAILED', lastError: 'ACCOUNT_UNAVAILABLE', file: null });
    const failed = (await eventsAbout(requested.id)).find((e) => e.type === 'export.ready');
    expect(failed).toMatchObject({
      outcome: 'error',
      targetType: 'data-export',
      details: { reason: 'ACCOUNT_UNAVAILABLE', attempts: 0 },
    });
    expect(exportMails()).toHaveLength(0);
    await setStatus(jan, 'ACTIVE');
    expect((await services.exports.request(tenant(), jan, meta)).status).toBe('PENDING');
  }, 30_000);
});

describe('an export whose account is gone', () => {
  /** What the runner sees once the account's record no longer exists. */
  const orphan = (id: string) =>
    gateway.connection.db!.collection('dataExports').updateOne({ _id: id as never }, { $set: { accountId: 'acc-gone' } });

  it('before the run: FAILED, nothing collected', async () => {
    const services = await avg();
    const requested = await services.exports.request(tenant(), jan, meta);
    await orphan(requested.id);
    await services.exportRunner.run('demo', requested.id);
    expect(steps).toEqual([]);
    expect(await stored(requested.id)).toMatchObject({ status: 'FAILED', lastError: 'ACCOUNT_UNAVAILABLE', file: null });
  }, 30_000);

  it('after READY: the re-run mails nobody and ends quietly', async () => {
    const services = await avg({ dieAfter: 'ready' });
    const requested = await services.exports.request(tenant(), jan, meta);
    await expect(services.exportRunner.run('demo', requested.id)).rejects.toThrow('died');
    await orphan(requested.id);
    await (await avg()).exportRunner.run('demo', requested.id);
    expect(exportMails()).toHaveLength(0);
    expect(await stored(requested.id)).toMatchObject({ status: 'READY', mailedAt: null });
  }, 30_000);
});

describe('an export deleted while it runs', () => {
  it('by the retention cleanup (pseudonymisation): the run ends quietly and leaves no archive', async () => {
    const services = await avg({
      onStep: async (step) => {
        if (step !== 'archived') return;
        const secretKey = loadSecretKey(gateway.config);
        const repository = new ExportRepository(gateway.connection, new ExportArchiveStore(gateway.connection, secretKey));
        await repository.deleteAllFor('demo', jan.accountId);
      },
    });
    const requested = await services.exports.request(tenant(), jan, meta);
    await services.exportRunner.run('demo', requested.id);
    expect(steps).toEqual(['collected', 'archived']);
    expect(await gateway.connection.db!.collection('dataExports').countDocuments({ _id: requested.id as never })).toBe(0);
    expect(await archivesInStore(gateway.connection)).toEqual({ archives: 0, leftovers: 0 });
    expect(exportMails()).toHaveLength(0);
  }, 30_000);
});

describe('what a finished export holds and says', () => {
  it('the account’s own audit trail only, and export.ready with the archive’s size and hash', async () => {
    const services = await avg();
    // Another customer of the same portal asks for an export first: its events are not Jan's.
    const other = await services.exports.request(tenant(), bakkerij, meta);
    const requested = await services.exports.request(tenant(), jan, meta);
    await services.exportRunner.run('demo', requested.id);
    const doc = await stored(requested.id);
    const json = JSON.parse((await zipOf(requested.id)).get('export.json')!.toString('utf8')) as {
      auditEvents: Array<{ seq: number; type: string; target: { id: string } | null }>;
    };
    const targets = json.auditEvents.map((event) => event.target?.id);
    expect(targets).toContain(requested.id);
    expect(targets).not.toContain(other.id);
    // Exactly Jan's events up to the archive (export.ready is written after it).
    const own = (await gateway.services.audit.list('demo', { accountId: jan.accountId }, { first: 200 })).events;
    const readySeq = own.find((e) => e.type === 'export.ready' && e.targetId === requested.id)!.seq;
    expect(json.auditEvents.map((e) => e.seq)).toEqual(
      own
        .map((e) => e.seq)
        .filter((seq) => seq < readySeq)
        .sort((a, b) => a - b),
    );

    const [ready] = (await eventsAbout(requested.id)).filter((e) => e.type === 'export.ready');
    expect(ready).toMatchObject({
      outcome: 'success',
      targetType: 'data-export',
      details: { size: doc.file.size, sha256: doc.file.sha256, attempts: 1 },
    });
    expect(doc.file.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 30_000);

  it('a document deleted from Nextcloud since it was listed is reported as missing; the rest is exported', async () => {
    let gone = '';
    const nextcloud = overridingConnectors(gateway.services.nextcloud, (real) => ({
      downloadFile: (...args) => {
        if (gone) return real.downloadFile(...args);
        gone = String(args[2]);
        return Promise.reject(new NotFoundError('file'));
      },
    }));
    const services = await avg({ nextcloud });
    const requested = await services.exports.request(tenant(), jan, meta);
    await services.exportRunner.run('demo', requested.id);
    expect(await stored(requested.id)).toMatchObject({ status: 'READY' });
    const zip = await zipOf(requested.id);
    const documents = (JSON.parse(zip.get('export.json')!.toString('utf8')) as { documents: Array<Record<string, unknown>> })
      .documents;
    expect(documents.length).toBeGreaterThan(1);
    const missing = documents.filter((d) => !d.included);
    expect(missing).toEqual([expect.objectContaining({ fileId: Number(gone), size: null, sha256: null })]);
    expect(zip.has(missing[0]!.path as string)).toBe(false);
    for (const document of documents.filter((d) => d.included)) expect(zip.has(document.path as string)).toBe(true);
  }, 30_000);

  it('any other download failure fails the run (to be retried) rather than export less', async () => {
    const nextcloud = overridingConnectors(gateway.services.nextcloud, () => ({
      downloadFile: () => Promise.reject(new Error('socket hang up')),
    }));
    const services = await avg({ nextcloud });
    const requested = await services.exports.request(tenant(), jan, meta);
    await expect(services.exportRunner.run('demo', requested.id)).rejects.toBeInstanceOf(ExportRetryError);
    expect(await stored(requested.id)).toMatchObject({ status: 'PENDING', lastError: 'EXPORT_FAILED', file: null });
  }, 30_000);
});

describe('the ready mail', () => {
  it('carries the link the portal lists, valid as long as the export', async () => {
    const services = await avg();
    const requested = await services.exports.request(tenant(), jan, meta);
    await services.exportRunner.run('demo', requested.id);
    const [mail] = exportMails();
    const [listed] = await services.exports.list(tenant(), jan, meta.publicUrl);
    expect(linkIn(mail!, '/portal/downloads/')).toBe(listed!.downloadUrl);
    expect(mail!.text).toMatch(/30 dagen|30 days/);
  }, 30_000);

  it('goes to nobody when the account was blocked after the export was ready', async () => {
    const services = await avg();
    const requested = await services.exports.request(tenant(), jan, meta);
    // The job dies right after READY; before it runs again the account is blocked.
    const crashing = await avg({ dieAfter: 'ready' });
    await expect(crashing.exportRunner.run('demo', requested.id)).rejects.toThrow('died');
    expect(await stored(requested.id)).toMatchObject({ status: 'READY' });
    await setStatus(jan, 'BLOCKED');
    await services.exportRunner.run('demo', requested.id);
    expect(exportMails()).toHaveLength(0);
    expect((await stored(requested.id)).mailedAt).toBeNull();
  }, 30_000);

  it('a mail server that is down: retried a few times, then given up, the export stays READY in the portal', async () => {
    let sends = 0;
    const down: MailSender = {
      send: async () => {
        sends++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      },
    };
    const services = await avg({ mailer: down });
    const requested = await services.exports.request(tenant(), jan, meta);
    for (let attempt = 1; attempt < MAX_MAIL_ATTEMPTS; attempt++) {
      await expect(services.exportRunner.run('demo', requested.id)).rejects.toMatchObject({ reason: 'MAIL_FAILED' });
      expect(await stored(requested.id)).toMatchObject({ status: 'READY', mailAttempts: attempt, lastError: 'MAIL_FAILED' });
    }
    // The last attempt gives up quietly: the job is done, the export is listed for download.
    await services.exportRunner.run('demo', requested.id);
    expect(sends).toBe(MAX_MAIL_ATTEMPTS);
    expect(await stored(requested.id)).toMatchObject({ status: 'READY', mailAttempts: MAX_MAIL_ATTEMPTS, mailedAt: null });
    const [listed] = await services.exports.list(tenant(), jan, meta.publicUrl);
    expect(listed!.downloadUrl).toMatch(/\/portal\/downloads\//);
    // Still only one archive, one export.ready.
    expect((await eventsAbout(requested.id)).filter((e) => e.type === 'export.ready')).toHaveLength(1);
  }, 30_000);
});

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { mongo } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../core/metrics.js';
import { loadSecretKey } from '../../gateway/secret-key.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { createTestClock, HOUR } from '../../test/clock.js';
import { overridingConnectors } from '../../test/connectors.js';
import { archiveCollections, archivesInStore as inventory, storedZip } from '../../test/export-archives.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { readZip } from '../../test/zip.js';
import type { CustomerPrincipal } from '../principal.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { createAvgServices, type AvgServices } from './avg-services.js';
import { ExportRetryError, MAX_EXPORT_ATTEMPTS, type ExportStep } from './export-runner.js';
import { ArchiveBuckets } from './export-buckets.js';
import { ExportArchiveStore } from './export-store.js';
import { ExportRepository } from './export.repository.js';

/**
 * The export job's work called directly (as the Agenda handler does), against a whole gateway's
 * database, simulator and mailer with the worker switched off: retries, crashes between steps,
 * giving up, and the per-account limits.
 */
let catcher: SmtpCatcher;
let gateway: TestGateway;
let jan: CustomerPrincipal;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
  gateway = await startTestGateway({ SMTP_URL: catcher.url }, { jobs: { start: false } });
  const account = (await gateway.services.accounts.repository.findByEmail('demo', DEMO.demo.janJansen.email))!;
  jan = {
    kind: 'customer',
    tenantId: 'demo',
    accountId: account.id,
    accountType: account.type,
    clientId: account.clientId,
    contactId: account.contactId,
    sessionId: 'test',
    enrolmentOnly: false,
  };
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
  catcher.clear();
});

const clock = createTestClock(new Date());
const queued: string[] = [];

async function avg(
  options: { checkpoint?: (step: ExportStep, id: string) => void; nextcloud?: Pick<NextcloudConnectors, 'for'> } = {},
): Promise<AvgServices> {
  const s = gateway.services;
  return createAvgServices({
    connection: gateway.connection,
    secretKey: loadSecretKey(gateway.config),
    tenants: s.tenants,
    nextcloud: options.nextcloud ?? s.nextcloud,
    audit: s.audit,
    mailer: s.mailer,
    accounts: s.accounts,
    accountTokens: s.accountTokens,
    rateLimiter: s.rateLimiter,
    queue: { enqueueExport: async (_tenantId, id) => void queued.push(id) },
    exportCheckpoint: options.checkpoint,
    now: clock.now,
    logger: s.logger,
  });
}

const tenant = () => gateway.services.tenants.get('demo')!;
const meta = { ip: '192.0.2.7', userAgent: 'vitest', publicUrl: 'https://portal.example' };
const exportMails = () =>
  catcher.messages().filter((m) => isAddressedTo(m, DEMO.demo.janJansen.email) && /export/i.test(m.subject));
const stored = async (id: string) => (await gateway.connection.db!.collection('dataExports').findOne({ _id: id as never }))!;
const zipOf = async (doc: Awaited<ReturnType<typeof stored>>) =>
  readZip(await storedZip(gateway.connection, loadSecretKey(gateway.config), doc as never));
const archivesInStore = () => inventory(gateway.connection);
const eventsOf = async (id: string) =>
  (await gateway.services.audit.list('demo', { accountId: jan.accountId }, { first: 200 })).events
    .filter((event) => event.targetId === id)
    .map((event) => `${event.type}:${event.outcome}`);

describe('ExportRunner', () => {
  it('an export that closure revokes while it runs leaves no archive behind and mails nobody', async () => {
    const running: { services?: AvgServices } = {};
    const services = await avg({
      checkpoint: async (step) => {
        if (step === 'collected') await running.services!.exports.revokeAtClosure('demo', jan.accountId);
      },
    });
    running.services = services;
    const requested = await services.exports.request(tenant(), jan, meta);
    await services.exportRunner.run('demo', requested.id);
    expect(await stored(requested.id)).toMatchObject({ status: 'EXPIRED', lastError: 'REVOKED_AT_CLOSURE', file: null });
    expect(await archivesInStore()).toEqual({ archives: 0, leftovers: 0 });
    expect(exportMails()).toHaveLength(0);
    // The run lost its status change to the closure: it records no export.ready at all.
    expect((await eventsOf(requested.id)).filter((e) => e.startsWith('export.ready'))).toEqual([]);
  });

  it('a run that throws between steps is retried and ends in one complete export and one mail', async () => {
    let failOnce = true;
    const services = await avg({
      checkpoint: (step) => {
        if (step === 'archived' && failOnce) {
          failOnce = false;
          throw new Error('worker killed after writing the archive');
        }
      },
    });
    const requested = await services.exports.request(tenant(), jan, meta);
    expect(queued).toContain(requested.id);
    await expect(services.exportRunner.run('demo', requested.id)).rejects.toBeInstanceOf(ExportRetryError);
    expect(await stored(requested.id)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'EXPORT_FAILED' });
    // The archive the failed run had stored is gone with it.
    expect(await archivesInStore()).toEqual({ archives: 0, leftovers: 0 });

    await services.exportRunner.run('demo', requested.id);
    await catcher.waitFor((m) => /export/i.test(m.subject));
    const doc = await stored(requested.id);
    expect(doc).toMatchObject({ status: 'READY', attempts: 2 });
    expect(await archivesInStore()).toEqual({ archives: 1, leftovers: 0 });
    const zip = await storedZip(gateway.connection, loadSecretKey(gateway.config), doc as never);
    expect(zip.length).toBe(doc.file.size);
    expect(readZip(zip).has('export.json')).toBe(true);

    // Running the job again (a duplicate delivery) changes nothing and mails nobody.
    await services.exportRunner.run('demo', requested.id);
    expect(exportMails()).toHaveLength(1);
    expect((await eventsOf(requested.id)).filter((e) => e === 'export.ready:success')).toHaveLength(1);
  }, 30_000);

  it('a crash after READY but before the mail sends exactly one mail on the re-run', async () => {
    let crash = true;
    const services = await avg({
      checkpoint: (step) => {
        if (step === 'ready' && crash) {
          crash = false;
          throw new Error('process died');
        }
      },
    });
    const requested = await services.exports.request(tenant(), jan, meta);
    await expect(services.exportRunner.run('demo', requested.id)).rejects.toThrow('process died');
    expect(await stored(requested.id)).toMatchObject({ status: 'READY', mailedAt: null });
    expect(exportMails()).toHaveLength(0);
    // export.ready follows the status change: the run that died in between recorded nothing yet…
    expect(await eventsOf(requested.id)).not.toContain('export.ready:success');
    await services.exportRunner.run('demo', requested.id);
    await services.exportRunner.run('demo', requested.id);
    expect(exportMails()).toHaveLength(1);
    expect((await stored(requested.id)).mailedAt).toBeInstanceOf(Date);
    // …and the next run wrote it, once.
    expect((await eventsOf(requested.id)).filter((e) => e === 'export.ready:success')).toHaveLength(1);
  }, 30_000);

  it('an export left RUNNING by a dead worker (and its half upload) is finished by the next run; housekeeping sweeps the half', async () => {
    const services = await avg();
    const requested = await services.exports.request(tenant(), jan, meta);
    await gateway.connection
      .db!.collection('dataExports')
      .updateOne({ _id: requested.id as never }, { $set: { status: 'RUNNING', attempts: 1 } });
    // What a worker killed mid-upload leaves: chunks, no files document (so nothing servable).
    const deadUpload = mongo.ObjectId.createFromTime(Math.floor((Date.now() - 2 * HOUR) / 1000));
    await (
      await archiveCollections(gateway.connection, deadUpload)
    ).chunks.insertMany(
      [0, 1].map((n) => ({
        _id: mongo.ObjectId.createFromTime(Math.floor((Date.now() - 2 * HOUR) / 1000) + n),
        files_id: deadUpload,
        n,
        data: Buffer.alloc(64, n),
      })),
    );
    await services.exportRunner.run('demo', requested.id);
    const doc = await stored(requested.id);
    expect(doc).toMatchObject({ status: 'READY', attempts: 2 });
    expect(doc.file.archiveId).not.toBe(deadUpload.toHexString());
    expect(exportMails()).toHaveLength(1);

    // The hourly sweep removes the dead upload's chunks and keeps the READY export's archive.
    clock.set(new Date());
    expect(await services.exports.sweepOrphanArchives()).toBe(1);
    expect(await (await archiveCollections(gateway.connection, deadUpload)).chunks.countDocuments({})).toBe(0);
    expect(await archivesInStore()).toEqual({ archives: 1, leftovers: 0 });
    expect((await zipOf(doc)).has('export.json')).toBe(true);
  }, 30_000);

  it('a build that fails halfway through the upload leaves no archive and no chunk, and is retried', async () => {
    // A document download that breaks off after 200 kB: the archive is then partly uploaded.
    let broken = 0;
    let chunksBeforeFailure = 0;
    const nextcloud = overridingConnectors(gateway.services.nextcloud, (real) => ({
      downloadFile: async (...args) => {
        if (broken > 0) return real.downloadFile(...args);
        broken++;
        const body = Readable.from(
          (async function* () {
            for (let i = 0; i < 4; i++) yield randomBytes(50_000);
            await new Promise((resolve) => setTimeout(resolve, 100));
            for (const entry of await new ArchiveBuckets(gateway.connection).inventory()) {
              const { chunks } = await archiveCollections(gateway.connection, entry.id);
              chunksBeforeFailure += await chunks.countDocuments({ files_id: new mongo.ObjectId(entry.id) });
            }
            throw new Error('connection reset by Nextcloud');
          })(),
        );
        return { body } as Awaited<ReturnType<typeof real.downloadFile>>;
      },
    }));
    const services = await avg({ nextcloud });
    const requested = await services.exports.request(tenant(), jan, meta);
    await expect(services.exportRunner.run('demo', requested.id)).rejects.toBeInstanceOf(ExportRetryError);
    expect(broken).toBe(1);
    // Part of the archive had reached the database when the run broke; none of it stayed.
    expect(chunksBeforeFailure).toBeGreaterThan(0);
    expect(await stored(requested.id)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'EXPORT_FAILED', file: null });
    expect(await archivesInStore()).toEqual({ archives: 0, leftovers: 0 });
    expect(exportMails()).toHaveLength(0);

    await services.exportRunner.run('demo', requested.id);
    expect(await stored(requested.id)).toMatchObject({ status: 'READY', attempts: 2 });
    expect(await archivesInStore()).toEqual({ archives: 1, leftovers: 0 });
  }, 30_000);

  it('retries while Nextcloud fails, then gives up: FAILED, audited as an error, slot free, no mail', async () => {
    // A connector set of its own, so the breaker this trips does not slow the other tests.
    const nextcloud = new NextcloudConnectors(gateway.services.tenants, { metrics: createMetrics() });
    const services = await avg({ nextcloud });
    const requested = await services.exports.request(tenant(), jan, meta);
    gateway.simulator.instance('demo').setFaults({ errorRate: 1 });
    try {
      for (let attempt = 1; attempt < MAX_EXPORT_ATTEMPTS; attempt++) {
        await expect(services.exportRunner.run('demo', requested.id)).rejects.toBeInstanceOf(ExportRetryError);
        expect(await stored(requested.id)).toMatchObject({
          status: 'PENDING',
          attempts: attempt,
          lastError: 'UPSTREAM_UNAVAILABLE',
        });
      }
      await services.exportRunner.run('demo', requested.id);
    } finally {
      gateway.simulator.instance('demo').resetFaults();
    }
    expect(await stored(requested.id)).toMatchObject({ status: 'FAILED', lastError: 'UPSTREAM_UNAVAILABLE' });
    expect(await eventsOf(requested.id)).toEqual(['export.ready:error', 'export.requested:success']);
    expect(exportMails()).toHaveLength(0);
    expect(await archivesInStore()).toEqual({ archives: 0, leftovers: 0 });
    // The slot is free again: a new request is accepted.
    const again = await services.exports.request(tenant(), jan, meta);
    expect(again.status).toBe('PENDING');
  }, 60_000);
});

describe('pseudonymisation', () => {
  it("deletes every archive of the account with its chunks (the retention cleanup's path)", async () => {
    const services = await avg();
    const first = await services.exports.request(tenant(), jan, meta);
    await services.exportRunner.run('demo', first.id);
    expect(await archivesInStore()).toEqual({ archives: 1, leftovers: 0 });
    const repository = new ExportRepository(
      gateway.connection,
      new ExportArchiveStore(gateway.connection, loadSecretKey(gateway.config)),
    );
    await repository.deleteAllFor('demo', jan.accountId);
    expect(await archivesInStore()).toEqual({ archives: 0, leftovers: 0 });
    expect(await gateway.connection.db!.collection('dataExports').countDocuments({ accountId: jan.accountId })).toBe(0);
  }, 30_000);
});

describe('a B2B export', () => {
  it('holds the organisation and the person signing in, not a B2C person record', async () => {
    const account = (await gateway.services.accounts.repository.findByEmail('demo', DEMO.demo.bakkerij.email))!;
    const bakkerij: CustomerPrincipal = {
      ...jan,
      accountId: account.id,
      accountType: 'B2B',
      clientId: account.clientId,
      contactId: account.contactId,
    };
    const services = await avg();
    const requested = await services.exports.request(tenant(), bakkerij, meta);
    await services.exportRunner.run('demo', requested.id);
    const doc = await stored(requested.id);
    const zip = await zipOf(doc);
    const json = JSON.parse(zip.get('export.json')!.toString('utf8')) as Record<string, { id: string; name: string } | null>;
    expect(json.person).toBeNull();
    expect(json.organisation).toMatchObject({ id: DEMO.demo.bakkerij.clientId, name: 'Bakkerij Bakker B.V.' });
    expect(json.contact).toMatchObject({ id: DEMO.demo.bakkerij.contactId });
    expect(zip.get('README.txt')!.toString('utf8')).toMatch(/Gegevensexport|Data export/);
    expect(catcher.messages().some((m) => isAddressedTo(m, DEMO.demo.bakkerij.email))).toBe(true);
  }, 30_000);
});

describe('ExportService limits', () => {
  it('one unfinished export per account, three a day', async () => {
    const services = await avg();
    const first = await services.exports.request(tenant(), jan, meta);
    await expect(services.exports.request(tenant(), jan, meta)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    await services.exportRunner.run('demo', first.id);
    clock.advance(HOUR);
    await services.exportRunner.run('demo', (await services.exports.request(tenant(), jan, meta)).id);
    clock.advance(HOUR);
    await services.exportRunner.run('demo', (await services.exports.request(tenant(), jan, meta)).id);
    clock.advance(HOUR);
    const refused = services.exports.request(tenant(), jan, meta);
    // The first of the three leaves the 24-hour window 21 hours from now.
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfter: 21 * 3600 } });
    clock.advance(21 * HOUR + 1000);
    expect((await services.exports.request(tenant(), jan, meta)).status).toBe('PENDING');

    const listed = await services.exports.list(tenant(), jan, meta.publicUrl);
    expect(listed.map((e) => e.status)).toEqual(['PENDING', 'READY', 'READY', 'READY']);
    expect(listed[1]!.downloadUrl).toMatch(/^https:\/\/portal\.example\/portal\/downloads\/v1\./);
  }, 60_000);

  it('stale unfinished exports are given up after a day and free the slot', async () => {
    const services = await avg();
    const stuck = await services.exports.request(tenant(), jan, meta);
    clock.advance(25 * HOUR);
    expect(await services.exports.failStale()).toBe(1);
    expect(await stored(stuck.id)).toMatchObject({ status: 'FAILED', lastError: 'STALE' });
    expect((await services.exports.request(tenant(), jan, meta)).status).toBe('PENDING');
  });
});

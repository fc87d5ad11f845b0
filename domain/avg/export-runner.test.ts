import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../core/metrics.js';
import { loadSecretKey } from '../../gateway/secret-key.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { createTestClock, HOUR } from '../../test/clock.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { readZip } from '../../test/zip.js';
import type { CustomerPrincipal } from '../principal.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { createAvgServices, type AvgServices } from './avg-services.js';
import { ExportRetryError, MAX_EXPORT_ATTEMPTS, type ExportStep } from './export-runner.js';

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
  catcher.clear();
});

const clock = createTestClock(new Date());
const queued: string[] = [];

async function avg(
  options: { checkpoint?: (step: ExportStep, id: string) => void; nextcloud?: NextcloudConnectors } = {},
): Promise<AvgServices> {
  const s = gateway.services;
  return createAvgServices({
    connection: gateway.connection,
    dataDir: gateway.config.dataDir,
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
    expect(existsSync(path.join(gateway.config.dataDir, 'exports', 'demo', `${requested.id}.zip`))).toBe(false);
    expect(exportMails()).toHaveLength(0);
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

    await services.exportRunner.run('demo', requested.id);
    await catcher.waitFor((m) => /export/i.test(m.subject));
    const doc = await stored(requested.id);
    expect(doc).toMatchObject({ status: 'READY', attempts: 2 });
    const file = path.join(gateway.config.dataDir, 'exports', doc.file.path as string);
    expect(readFileSync(file).length).toBe(doc.file.size);
    expect(existsSync(`${file}.part`)).toBe(false);
    expect(readZip(readFileSync(file)).has('export.json')).toBe(true);

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
    await services.exportRunner.run('demo', requested.id);
    await services.exportRunner.run('demo', requested.id);
    expect(exportMails()).toHaveLength(1);
    expect((await stored(requested.id)).mailedAt).toBeInstanceOf(Date);
  }, 30_000);

  it('an export left RUNNING by a dead worker (and its half file) is finished by the next run', async () => {
    const services = await avg();
    const requested = await services.exports.request(tenant(), jan, meta);
    await gateway.connection
      .db!.collection('dataExports')
      .updateOne({ _id: requested.id as never }, { $set: { status: 'RUNNING', attempts: 1 } });
    const partial = path.join(gateway.config.dataDir, 'exports', 'demo', `${requested.id}.zip.part`);
    mkdirSync(path.dirname(partial), { recursive: true });
    writeFileSync(partial, 'half an archive');
    await services.exportRunner.run('demo', requested.id);
    const doc = await stored(requested.id);
    expect(doc).toMatchObject({ status: 'READY', attempts: 2 });
    expect(existsSync(partial)).toBe(false);
    expect(exportMails()).toHaveLength(1);
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
    expect(existsSync(path.join(gateway.config.dataDir, 'exports', 'demo', `${requested.id}.zip`))).toBe(false);
    // The slot is free again: a new request is accepted.
    const again = await services.exports.request(tenant(), jan, meta);
    expect(again.status).toBe('PENDING');
  }, 60_000);
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
    const zip = readZip(readFileSync(path.join(gateway.config.dataDir, 'exports', doc.file.path as string)));
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

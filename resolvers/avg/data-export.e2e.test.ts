import { existsSync } from 'node:fs';
import path from 'node:path';
import { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { ExportLinks } from '../../domain/avg/index.js';
import { JOBS_COLLECTION } from '../../jobs/agenda.js';
import { housekeepingJob } from '../../jobs/housekeeping.job.js';
import { defaultPurges } from '../../jobs/portal-jobs.js';
import { loadSecretKey } from '../../gateway/secret-key.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { signInCustomer } from '../../test/customers.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../../test/smtp.js';
import { archiveCollections } from '../../test/export-archives.js';
import { readZip } from '../../test/zip.js';

/**
 * Data export end to end: a signed-in customer asks over GraphQL, the gateway's own Agenda worker
 * (polling fast for the test) builds the ZIP from the simulator, the mail arrives at a real SMTP
 * peer, and the mailed link downloads the archive over HTTP.
 */
let catcher: SmtpCatcher;
let gateway: TestGateway;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
  gateway = await startTestGateway({ SMTP_URL: catcher.url }, { jobs: { processEvery: 150 } });
});
afterAll(async () => {
  await gateway?.close();
  await catcher?.close();
});

const REQUEST = 'mutation { requestDataExport { id status requestedAt expiresAt downloadUrl } }';
const LIST = '{ dataExports { id status requestedAt expiresAt downloadUrl } }';
const JAN = DEMO.demo.janJansen;

interface ExportJson {
  format: string;
  account: { id: string; email: string; passwordHash?: unknown; mfa?: unknown };
  person: { id: string; name: string; email: string } | null;
  contact: { id: string; name: string } | null;
  organisation: unknown;
  invoices: Array<{ id: string; number: string }>;
  orders: Array<{ id: string }>;
  contracts: Array<{ id: string }>;
  requests: Array<{ id: string; notes: Array<{ message: string }>; internalNotes: Array<{ message: string }> }>;
  documents: Array<{ path: string; fileId: number; sourceId: string; included: boolean; sha256: string }>;
  auditEvents: Array<{ type: string; outcome: string }>;
}

let exportId = '';
/** The mailed link, pointed at this test's gateway (PUBLIC_URL names port 0 in tests). */
const onGateway = (link: string) => `${gateway.url}${new URL(link).pathname}`;
const mailedLink = () => onGateway(linkIn(mail, '/portal/downloads/'));
let mail: CaughtMail;
let archive: Map<string, Buffer>;
let archiveBytes: Buffer;

function simulatorData() {
  return gateway.simulator.instance('demo').data;
}

describe('requestDataExport → job → mail → download', () => {
  it('queues the export and mails a 30-day link once the job is done', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    const { body } = await gateway.graphql(REQUEST, {}, jan.headers);
    expect(body.errors).toBeUndefined();
    const requested = body.data!.requestDataExport as { id: string; status: string; downloadUrl: string | null };
    expect(requested.status).toBe('PENDING');
    expect(requested.downloadUrl).toBeNull();
    exportId = requested.id;
    // The request's client facts reach the event, keyed-hashed: never the address itself.
    const event = await gateway.connection
      .db!.collection('audit_events')
      .findOne({ type: 'export.requested', targetId: exportId });
    expect(event!.ipHash).toMatch(/^[\w-]{16,}$/);
    expect(event!.userAgentHash).toMatch(/^[\w-]{16,}$/);
    expect(JSON.stringify(event)).not.toContain('127.0.0.1');

    mail = await catcher.waitFor((m) => isAddressedTo(m, JAN.email) && /export/i.test(m.subject), 30_000);
    expect(mail.text).toContain('30 dagen');
    const listed = await gateway.graphql(LIST, {}, jan.headers);
    const exports = listed.body.data!.dataExports as Array<{
      id: string;
      status: string;
      downloadUrl: string;
      expiresAt: string;
    }>;
    expect(exports[0]).toMatchObject({ id: exportId, status: 'READY' });
    const days = (new Date(exports[0]!.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(exports[0]!.downloadUrl).toBe(linkIn(mail, '/portal/downloads/'));
  }, 40_000);

  it('downloads a complete ZIP with export.json, a README and the document bytes', async () => {
    const response = await fetch(mailedLink(), { headers: { 'user-agent': 'export-test' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="export-.*\.zip"/);
    archiveBytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(archiveBytes.length);
    archive = readZip(archiveBytes);
    expect(archive.has('export.json')).toBe(true);
    expect(archive.get('README.txt')!.toString('utf8')).toContain('Gegevensexport');
  });

  it("holds exactly Jan's invoices, orders, contracts and requests", () => {
    const json = JSON.parse(archive.get('export.json')!.toString('utf8')) as ExportJson;
    const data = simulatorData();
    // Pipelinq's rules: owned through the client, or naming no client but Jan's contact.
    const ofJan = (schema: number, owner: string, contactField?: string) =>
      data.objects.filter(
        (o) =>
          o.schema === schema &&
          !o.deleted &&
          (o.data[owner] === JAN.clientId || (contactField && !o.data[owner] && o.data[contactField] === JAN.contactId)),
      );
    const transactions = ofJan(DEMO.demo.schemaIds.posTransaction, 'client', 'customer');
    const invoices = transactions.filter((o) => Boolean(o.data.invoiceNumber));
    expect(invoices.length).toBeGreaterThanOrEqual(25);
    expect(json.invoices.map((i) => i.number).sort()).toEqual(invoices.map((o) => String(o.data.invoiceNumber)).sort());
    expect(json.orders.map((o) => o.id).sort()).toEqual(
      transactions
        .filter((o) => o.data.status !== 'draft')
        .map((o) => o.uuid)
        .sort(),
    );
    expect(json.contracts.map((c) => c.id).sort()).toEqual(
      ofJan(DEMO.demo.schemaIds.contract, 'clientRef')
        .map((o) => o.uuid)
        .sort(),
    );
    expect(json.requests.map((r) => r.id).sort()).toEqual(
      ofJan(DEMO.demo.schemaIds.request, 'client', 'contact')
        .map((o) => o.uuid)
        .sort(),
    );
    expect(json.person).toMatchObject({ id: JAN.clientId, name: 'Jan Jansen', email: JAN.email });
    expect(json.contact).toMatchObject({ id: JAN.contactId });
    expect(json.organisation).toBeNull();
    expect(json.account.email).toBe(JAN.email);
    expect(json.account).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(json.account)).not.toMatch(/argon2|secret/i);
  });

  it('keeps customer notes under notes, internal ones apart under internalNotes, and carries no other customer', () => {
    const text = archive.get('export.json')!.toString('utf8');
    const json = JSON.parse(text) as ExportJson;
    const requests = simulatorData().objects.filter(
      (o) => o.schema === DEMO.demo.schemaIds.request && o.data.client === JAN.clientId,
    );
    const notes = requests.flatMap((o) => (o.data.notes as Array<{ visibility: string; message: string }>) ?? []);
    const internal = notes.filter((n) => n.visibility === 'internal');
    const visible = notes.filter((n) => n.visibility === 'customer');
    expect(internal.length).toBeGreaterThan(0);
    // Art. 15 covers internal notes about the person too (included unless the tenant states a ground).
    expect(json.requests.flatMap((r) => r.internalNotes.map((n) => n.message)).sort()).toEqual(
      internal.map((n) => n.message).sort(),
    );
    expect(json.requests.flatMap((r) => r.notes.map((n) => n.message)).sort()).toEqual(visible.map((n) => n.message).sort());
    // Nobody else's name, address or ids.
    expect(text).not.toContain('Sophie Visser');
    expect(text).not.toContain('sophie.visser@example.nl');
    expect(text).not.toContain('Bakkerij Bakker');
    expect(text).not.toContain(DEMO.demo.noAccount.sophieVisser.clientId);
    expect(text).not.toContain(DEMO.demo.bakkerij.clientId);
  });

  it('stores each attached document byte for byte, named <source>-<number>-<name>', () => {
    const json = JSON.parse(archive.get('export.json')!.toString('utf8')) as ExportJson;
    const data = simulatorData();
    const janObjects = new Set(
      data.objects
        .filter(
          (o) =>
            o.data.client === JAN.clientId ||
            o.data.clientRef === JAN.clientId ||
            (!o.data.client && (o.data.customer === JAN.contactId || o.data.contact === JAN.contactId)),
        )
        .map((o) => o.uuid),
    );
    const files = data.files.filter((f) => janObjects.has(f.objectUuid));
    expect(files.length).toBeGreaterThan(25);
    expect(json.documents.map((d) => d.fileId).sort((a, b) => a - b)).toEqual(files.map((f) => f.id).sort((a, b) => a - b));
    for (const file of files) {
      const entry = json.documents.find((d) => d.fileId === file.id)!;
      expect(entry.included).toBe(true);
      expect(entry.path).toMatch(/^documents\/(invoice|order|contract|request)-[^/]+-[^/]+$/);
      expect(archive.get(entry.path)!.equals(Buffer.from(file.bytes))).toBe(true);
    }
    const invoiceDoc = json.documents.find((d) => d.path.startsWith('documents/invoice-'))!;
    expect(invoiceDoc.path).toMatch(/^documents\/invoice-F-\d{4}-\d{5}-factuur-F-\d{4}-\d{5}\.pdf$/);
  });

  it('audits the request, the ready export and each download', async () => {
    const trail = await gateway.services.audit.list('demo', { accountId: (await janAccount()).id }, { first: 100 });
    const types = trail.events.filter((e) => e.targetId === exportId).map((e) => `${e.type}:${e.outcome}`);
    expect(types).toContain('export.requested:success');
    expect(types).toContain('export.ready:success');
    expect(types).toContain('export.downloaded:success');
    // The export's own events are in the archive too (up to the moment it was written).
    const json = JSON.parse(archive.get('export.json')!.toString('utf8')) as ExportJson;
    expect(json.auditEvents.map((e) => e.type)).toContain('export.requested');
    expect(json.auditEvents.map((e) => e.type)).toContain('login.succeeded');
  });
});

describe('the archive lives in the database, encrypted', () => {
  const exportDoc = async () => (await gateway.connection.db!.collection('dataExports').findOne({ _id: exportId as never }))!;
  const chunksOf = async () => {
    const archiveId = new mongo.ObjectId((await exportDoc()).file.archiveId as string);
    const { chunks } = await archiveCollections(gateway.connection, archiveId);
    return chunks.find({ files_id: archiveId }).sort({ n: 1 }).toArray();
  };

  it('a second gateway on the same database serves the mailed link byte for byte', async () => {
    const other = await startTestGateway({}, { shareDatabaseOf: gateway, shareSimulatorOf: gateway, jobs: { start: false } });
    try {
      const response = await fetch(`${other.url}${new URL(mailedLink()).pathname}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/zip');
      expect(Buffer.from(await response.arrayBuffer()).equals(archiveBytes)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('stores no ZIP signature and no personal field in the clear, and keeps no file on disk', async () => {
    const raw = Buffer.concat((await chunksOf()).map((chunk) => Buffer.from(chunk.data.buffer)));
    expect(raw.length).toBeGreaterThan(archiveBytes.length);
    // The control: the ZIP itself starts with its local-file signature.
    expect(archiveBytes.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004'))).toBe(true);
    for (const plain of ['PK\u0003\u0004', JAN.email, 'Jan Jansen', JAN.clientId]) {
      expect(raw.includes(Buffer.from(plain))).toBe(false);
    }
    const archiveId = (await exportDoc()).file.archiveId as string;
    const file = (await (await archiveCollections(gateway.connection, archiveId)).files.findOne({}))!;
    expect(file.metadata).toMatchObject({ exportId });
    expect(JSON.stringify(file)).not.toContain(JAN.email);
    expect(existsSync(path.join(gateway.config.dataDir, 'exports'))).toBe(false);
  });

  it('a tampered chunk makes the download fail without serving a byte of the archive', async () => {
    const [first] = await chunksOf();
    const original = Buffer.from(first!.data.buffer);
    const tampered = Buffer.from(original);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    const { chunks } = await archiveCollections(gateway.connection, (await exportDoc()).file.archiveId as string);
    await chunks.updateOne({ _id: first!._id }, { $set: { data: tampered } });
    try {
      const response = await fetch(mailedLink());
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).not.toBe('application/zip');
      const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await chunks.updateOne({ _id: first!._id }, { $set: { data: original } });
    }
    expect((await fetch(mailedLink())).status).toBe(200);
  });
});

async function janAccount() {
  const account = await gateway.services.accounts.repository.findByEmail('demo', JAN.email);
  if (!account) throw new Error('no Jan');
  return account;
}

describe('export links', () => {
  const links = () => new ExportLinks(loadSecretKey(gateway.config));

  it('answers 410 LINK_EXPIRED for a link past its expiry', async () => {
    const account = await janAccount();
    const url = links().urlFor(gateway.url, { t: 'demo', a: account.id, x: exportId }, new Date(Date.now() - 60_000));
    const response = await fetch(url);
    expect(response.status).toBe(410);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('LINK_EXPIRED');
  });

  it('answers 404 for a tampered token, and for a genuine token naming another account', async () => {
    const good = mailedLink();
    const [prefix, token] = good.split('/portal/downloads/') as [string, string];
    const [version, payload, mac] = token.split('.') as [string, string, string];
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { b: { a: string } };
    body.b.a = 'someone-else';
    const forged = `${version}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${mac}`;
    expect((await fetch(`${prefix}/portal/downloads/${forged}`)).status).toBe(404);
    const flipped = `${version}.${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    expect((await fetch(`${prefix}/portal/downloads/${flipped}`)).status).toBe(404);
    const signedForOther = links().urlFor(
      gateway.url,
      { t: 'demo', a: 'other-account', x: exportId },
      new Date(Date.now() + 60_000),
    );
    expect((await fetch(signedForOther)).status).toBe(404);
  });

  it('after the 30 days: housekeeping deletes the archive and its chunks, the link answers 410, the list says EXPIRED', async () => {
    const repository = gateway.connection.db!.collection('dataExports');
    const stored = (await repository.findOne({ _id: exportId as never }))!;
    const archiveId = new mongo.ObjectId(stored.file.archiveId as string);
    const { files, chunks } = await archiveCollections(gateway.connection, archiveId);
    expect(await chunks.countDocuments({ files_id: archiveId })).toBeGreaterThan(0);
    await repository.updateOne({ _id: exportId as never }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    // What the hourly housekeeping job does (FerretDB has no TTL indexes).
    await housekeepingJob(() => defaultPurges(gateway.services), createLogger({ level: 'silent' })).handler(undefined, {
      attempt: 1,
    });
    expect((await repository.findOne({ _id: exportId as never }))!).toMatchObject({ status: 'EXPIRED', file: null });
    expect(await files.countDocuments({ _id: archiveId })).toBe(0);
    expect(await chunks.countDocuments({ files_id: archiveId })).toBe(0);
    // The mailed link is still genuinely signed and not yet expired by its own clock: the export decides.
    const response = await fetch(mailedLink());
    expect(response.status).toBe(410);
    const jan = await signInCustomer(gateway, 'jan');
    const listed = await gateway.graphql(LIST, {}, jan.headers);
    expect((listed.body.data!.dataExports as Array<{ id: string; status: string; downloadUrl: unknown }>)[0]).toMatchObject({
      id: exportId,
      status: 'EXPIRED',
      downloadUrl: null,
    });
  });

  it('refuses partners and anonymous callers', async () => {
    const anonymous = await gateway.graphql(REQUEST, {}, { 'x-portal-tenant': 'demo' });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const list = await gateway.graphql(LIST, {}, { 'x-portal-tenant': 'demo' });
    expect(list.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the gateway worker', () => {
  it('schedules the nightly retention cleanup (03:00 Amsterdam) and hourly housekeeping', async () => {
    const jobs = await gateway.connection.db!.collection(JOBS_COLLECTION).find({ type: 'single' }).toArray();
    const byName = Object.fromEntries(jobs.map((job) => [job.name as string, job]));
    expect(byName['retention-cleanup']).toMatchObject({ repeatInterval: '0 3 * * *', repeatTimezone: 'Europe/Amsterdam' });
    expect(byName.housekeeping).toMatchObject({ repeatInterval: '1 hour' });
    // The finished export job was removed from the queue; the export record is the history.
    expect(await gateway.connection.db!.collection(JOBS_COLLECTION).countDocuments({ name: 'data-export' })).toBe(0);
  });
});

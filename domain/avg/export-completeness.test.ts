import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecretKey } from '../../gateway/secret-key.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { signInCustomer } from '../../test/customers.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { storedZip } from '../../test/export-archives.js';
import { readZip } from '../../test/zip.js';
import type { CustomerPrincipal } from '../principal.js';
import { createAvgServices, type AvgServices } from './avg-services.js';
import { CSV_NAMES } from './export-readme.js';

/**
 * Art. 15 covers all personal data (issue 14 item 2): besides the records, the export holds the
 * pending new address, the sessions, the sign-in history and the internal notes about the person
 * on their requests — unless the tenant stated a ground for leaving those notes out, which the
 * README then quotes. The README names every category and where it came from.
 */
let gateway: TestGateway;
let avg: AvgServices;
let jan: CustomerPrincipal;
const JAN = DEMO.demo.janJansen;
const GROUND = 'Art. 15(4) AVG: the notes name colleagues; decided by the DPO on 2026-11-02.';

beforeAll(async () => {
  gateway = await startTestGateway({}, { jobs: { start: false } });
  const s = gateway.services;
  avg = await createAvgServices({
    connection: gateway.connection,
    secretKey: loadSecretKey(gateway.config),
    tenants: s.tenants,
    nextcloud: s.nextcloud,
    audit: s.audit,
    mailer: s.mailer,
    accounts: s.accounts,
    accountTokens: s.accountTokens,
    rateLimiter: s.rateLimiter,
    queue: { enqueueExport: async () => {} },
    logger: s.logger,
  });
  const account = (await s.accounts.repository.findByEmail('demo', JAN.email))!;
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
});

const meta = { ip: '192.0.2.7', userAgent: 'vitest', publicUrl: 'https://portal.example' };
const tenant = () => gateway.services.tenants.get('demo')!;

async function exportNow(): Promise<Map<string, Buffer>> {
  await gateway.connection.db!.collection('dataExportSlots').deleteMany({});
  await gateway.connection.db!.collection('dataExports').deleteMany({});
  const requested = await avg.exports.request(tenant(), jan, meta);
  await avg.exportRunner.run('demo', requested.id);
  const doc = (await gateway.connection.db!.collection('dataExports').findOne({ _id: requested.id as never }))!;
  expect(doc.status).toBe('READY');
  return readZip(await storedZip(gateway.connection, loadSecretKey(gateway.config), doc));
}

interface Note {
  visibility?: string;
  author: string;
  message: string;
  createdAt: string;
}
const internalNotesUpstream = () =>
  gateway.simulator
    .instance('demo')
    .data.objects.filter((o) => o.data.client === JAN.clientId && Array.isArray(o.data.notes))
    .flatMap((o) =>
      (o.data.notes as unknown as Note[]).filter((n) => n.visibility !== 'customer').map((n) => ({ request: o.uuid, ...n })),
    );

describe('a data export holds all personal data the portal keeps', () => {
  let json: Record<string, unknown>;
  let readme = '';

  it('the pending new address, the sessions (never their tokens) and the sign-in history', async () => {
    await signInCustomer(gateway, 'jan');
    const now = new Date();
    await gateway.connection.db!.collection('pendingEmailChanges').updateOne(
      { _id: jan.accountId as never },
      {
        $set: {
          tenantId: 'demo',
          email: 'jan.nieuw@example.nl',
          requestedAt: now,
          expiresAt: new Date(now.getTime() + 30 * 60_000),
        },
      },
      { upsert: true },
    );
    const archive = await exportNow();
    json = JSON.parse(archive.get('export.json')!.toString('utf8')) as Record<string, unknown>;
    readme = archive.get('README.txt')!.toString('utf8');

    expect(json.pendingEmailChange).toMatchObject({ email: 'jan.nieuw@example.nl' });
    const sessions = json.sessions as Array<Record<string, unknown>>;
    const stored = await gateway.connection.db!.collection('sessions').find({ accountId: jan.accountId }).toArray();
    expect(stored.length).toBeGreaterThan(0);
    expect(sessions).toHaveLength(stored.length);
    for (const session of sessions)
      expect(Object.keys(session).sort()).toEqual(
        ['createdAt', 'expiresAt', 'kind', 'lastSeenAt', 'revokedAt', 'revokedReason'].sort(),
      );
    const raw = archive.get('export.json')!.toString('utf8');
    for (const doc of stored) expect(raw).not.toContain(String(doc._id));

    const history = json.signInHistory as Array<{ type: string }>;
    expect(history.map((e) => e.type)).toContain('login.succeeded');
    expect(history.every((e) => ['login.succeeded', 'login.failed', 'logout', 'mfa.failed'].includes(e.type))).toBe(true);
  });

  it('the internal notes about the person on their requests, by default', () => {
    const upstream = internalNotesUpstream();
    expect(upstream.length).toBeGreaterThan(0);
    const requests = json.requests as Array<{ id: string; internalNotes: Note[] }>;
    const exported = requests.flatMap((r) => (r.internalNotes ?? []).map((n) => ({ request: r.id, ...n })));
    expect(exported.map((n) => [n.request, n.message, n.author]).sort()).toEqual(
      upstream.map((n) => [n.request, n.message, n.author]).sort(),
    );
    expect(json.internalNotesExcluded).toBeNull();
  });

  it('a README naming every category and where it came from', () => {
    for (const category of [
      'account',
      'pendingEmailChange',
      'sessions',
      'signInHistory',
      'person',
      'contact',
      'invoices',
      'orders',
      'contracts',
      'requests',
      'internalNotes',
      'documents',
      'auditEvents',
    ])
      expect(readme).toContain(category);
    expect(readme).toMatch(/Nextcloud/);
    expect(readme).toMatch(/posTransaction/);
  });

  it('a tenant that states a ground leaves internal notes out, and the README quotes the ground', async () => {
    const settings = tenant().portal;
    settings.internalNotesExportExclusion = GROUND;
    try {
      const archive = await exportNow();
      const raw = archive.get('export.json')!.toString('utf8');
      for (const note of internalNotesUpstream()) expect(raw).not.toContain(JSON.stringify(note.message));
      expect(JSON.parse(raw).internalNotesExcluded).toBe(GROUND);
      expect(archive.get('README.txt')!.toString('utf8')).toContain(GROUND);
    } finally {
      settings.internalNotesExportExclusion = null;
    }
  });

  it('next to export.json: the readable overview in the account language and a CSV file per list (issue 14 item 3)', async () => {
    const archive = await exportNow();
    expect(archive.get('overzicht.html')?.toString('utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    for (const name of CSV_NAMES)
      expect(archive.get(`csv/${name}`)?.subarray(0, 3), name).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // The overview and export.json describe the same invoices (field by field: export-fields.test.ts).
    const manifest = JSON.parse(archive.get('export.json')!.toString('utf8')) as {
      invoices: unknown[];
      documents: Array<{ path: string; included: boolean }>;
    };
    expect(archive.get('csv/invoices.csv')!.toString('utf8').trim().split('\r\n')).toHaveLength(manifest.invoices.length + 1);
    // Each document in the archive is linked from the overview, relatively, so it opens once unpacked.
    const html = archive.get('overzicht.html')!.toString('utf8');
    const included = manifest.documents.filter((d) => d.included);
    expect(included.length).toBeGreaterThan(0);
    for (const doc of included) {
      expect(archive.has(doc.path)).toBe(true);
      expect(html).toContain(`<a href="${doc.path}">`);
    }
  });
});

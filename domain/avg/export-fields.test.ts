import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import type { SimObject } from '../../nextcloud/simulator/types.js';
import { signInCustomer } from '../../test/customers.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import type { Account } from '../accounts/account.types.js';
import { exportInMemory } from './export.test-support.js';

/**
 * Issue 14, "Done when": the export of the demo B2C customer holds, checked field by field against
 * what the simulator (Nextcloud) and the portal store hold, the profile, contact and client, the
 * account state, invoices, orders, contracts, requests with all their notes, the documents and the
 * audit events about the person — and nothing about anyone else. (The pending address, sessions,
 * sign-in history and the notes exclusion ground: export-completeness.test.ts.)
 */
const JAN = DEMO.demo.janJansen;
let gateway: TestGateway;
let account: Account;
let json: Record<string, unknown>;
let raw: string;
let archive: Map<string, Buffer>;

beforeAll(async () => {
  gateway = await startTestGateway({}, { jobs: { start: false } });
  await signInCustomer(gateway, 'jan');
  account = (await gateway.services.accounts.repository.findByEmail('demo', JAN.email))!;
  archive = await exportInMemory(gateway, 'demo', account);
  raw = archive.get('export.json')!.toString('utf8');
  json = JSON.parse(raw) as Record<string, unknown>;
});
afterAll(async () => {
  await gateway?.close();
});

const instance = () => gateway.simulator.instance('demo');
/** Live objects of one Pipelinq schema (by slug), as the simulator stores them. */
function upstream(slug: string): SimObject[] {
  const ids = new Set(
    instance()
      .data.schemas.filter((s) => s.slug === slug)
      .map((s) => s.id),
  );
  return instance().data.objects.filter((o) => ids.has(o.schema) && !o.deleted);
}
const byUuid = (uuid: string) => instance().data.objects.find((o) => o.uuid === uuid)!;
type Row = Record<string, unknown> & { id: string };
const list = (key: string) => json[key] as Row[];
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

describe('an export, field by field against Nextcloud and the store', () => {
  it('the account as the store holds it', async () => {
    const stored = (await gateway.connection.db!.collection('accounts').findOne({ _id: account.id as never }))!;
    expect(json.account).toEqual({
      id: stored._id,
      email: stored.email,
      type: stored.type,
      status: stored.status,
      locale: stored.locale,
      mfaEnabled: stored.mfa.enabled,
      createdAt: iso(stored.createdAt),
      activatedAt: iso(stored.activatedAt),
      lastSignInAt: iso(stored.lastSignInAt),
      passwordChangedAt: iso(stored.passwordChangedAt),
    });
  });

  it('the client and contact records, every property a customer gets', () => {
    for (const [key, uuid] of [
      ['person', JAN.clientId],
      ['contact', JAN.contactId],
    ] as const) {
      const exported = json[key] as Record<string, unknown>;
      const source = byUuid(uuid).data;
      expect(exported.id, key).toBe(uuid);
      for (const field of ['name', 'type', 'email', 'phone', 'address', 'role', 'website', 'industry']) {
        const value = source[field];
        if (value === undefined || value === null || value === '') expect(exported[field], `${key}.${field}`).toBeUndefined();
        else expect(exported[field], `${key}.${field}`).toEqual(value);
      }
    }
    expect((json.person as Record<string, unknown>).email).toBe(JAN.email);
    expect(json.organisation).toBeNull();
  });

  it('every invoice and order of the customer, with number, amount and status', () => {
    // A transaction belongs to its client or, when it names none, to its customer (a contact).
    const mine = upstream('posTransaction').filter(
      (o) => o.data.client === JAN.clientId || (!o.data.client && o.data.customer === JAN.contactId),
    );
    const invoices = mine.filter((o) => o.data.invoiceNumber);
    const orders = mine.filter((o) => o.data.status !== 'draft');
    expect(invoices.length).toBeGreaterThanOrEqual(25);
    expect(orders.length).toBeGreaterThanOrEqual(10);
    expect(
      list('invoices')
        .map((r) => r.id)
        .sort(),
    ).toEqual(invoices.map((o) => o.uuid).sort());
    expect(
      list('orders')
        .map((r) => r.id)
        .sort(),
    ).toEqual(orders.map((o) => o.uuid).sort());
    for (const row of [...list('invoices'), ...list('orders')]) {
      const source = byUuid(row.id).data;
      expect(row.amount, row.id).toBe(source.total);
      expect(row.status, row.id).toBe(source.status);
      expect([source.invoiceNumber, source.reference]).toContain(row.number);
    }
  });

  it('every contract, with number, title, status and dates', () => {
    const contracts = upstream('contract').filter((o) => o.data.clientRef === JAN.clientId);
    expect(contracts.length).toBeGreaterThanOrEqual(3);
    expect(
      list('contracts')
        .map((r) => r.id)
        .sort(),
    ).toEqual(contracts.map((o) => o.uuid).sort());
    for (const row of list('contracts')) {
      const source = byUuid(row.id).data;
      expect(row.number).toBe(source.contractNumber);
      expect(row.title).toBe(source.title);
      expect(row.status).toBe(source.status);
      expect(String(row.startDate).slice(0, 10)).toBe(String(source.startDate).slice(0, 10));
    }
  });

  it('every request with its title, description and all of its notes, customer-visible and internal', () => {
    const requests = upstream('request').filter((o) => o.data.client === JAN.clientId);
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(
      list('requests')
        .map((r) => r.id)
        .sort(),
    ).toEqual(requests.map((o) => o.uuid).sort());
    for (const row of list('requests')) {
      const source = byUuid(row.id).data;
      expect(row.subject).toBe(source.title);
      expect(row.body ?? null).toBe(source.description ?? null);
      expect(row.status).toBe(source.status);
      const notes = (source.notes ?? []) as Array<{ visibility?: string; message: string }>;
      const exported = [...(row.notes as Array<{ message: string }>), ...(row.internalNotes as Array<{ message: string }>)];
      expect(exported.map((n) => n.message).sort(), row.id).toEqual(notes.map((n) => n.message).sort());
      expect((row.internalNotes as unknown[]).length).toBe(notes.filter((n) => n.visibility !== 'customer').length);
    }
  });

  it('every document attached to those records, listed once and in the archive byte for byte', () => {
    const ids = new Set([...list('invoices'), ...list('orders'), ...list('contracts'), ...list('requests')].map((r) => r.id));
    const files = instance().data.files.filter((f) => ids.has(f.objectUuid));
    expect(files.length).toBeGreaterThan(0);
    const documents = json.documents as Array<{ fileId: number; sourceId: string; path: string; included: boolean }>;
    expect(documents.map((d) => d.fileId).sort((a, b) => a - b)).toEqual(files.map((f) => f.id).sort((a, b) => a - b));
    for (const doc of documents) {
      const file = files.find((f) => f.id === doc.fileId)!;
      expect(doc.sourceId).toBe(file.objectUuid);
      expect(doc.included).toBe(true);
      expect(archive.get(doc.path)!.equals(Buffer.from(file.bytes)), doc.path).toBe(true);
    }
  });

  it('every audit event about the account, in order', async () => {
    const stored = await gateway.connection
      .db!.collection('audit_events')
      .find({ tenantId: 'demo', accountId: account.id })
      .project({ seq: 1, type: 1 })
      .toArray();
    expect(stored.length).toBeGreaterThan(0);
    const events = json.auditEvents as Array<{ seq: number; type: string }>;
    expect(events.map((e) => [e.seq, e.type])).toEqual(
      stored.map((e) => [e.seq, e.type]).sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });

  it('nothing about another customer: no other client, contact or address', () => {
    const others = [
      DEMO.demo.bakkerij.clientId,
      DEMO.demo.bakkerij.contactId,
      DEMO.demo.bakkerij.email,
      ...Object.values(DEMO.demo.noAccount)
        .flatMap((c) => Object.values(c as Record<string, string | string[]>))
        .flat(),
    ];
    for (const other of others) expect(raw, other).not.toContain(other);
    const foreign = instance().data.objects.filter(
      (o) => (o.data.client && o.data.client !== JAN.clientId) || (o.data.clientRef && o.data.clientRef !== JAN.clientId),
    );
    expect(foreign.length).toBeGreaterThan(0);
    for (const object of foreign) expect(raw).not.toContain(object.uuid);
  });
});

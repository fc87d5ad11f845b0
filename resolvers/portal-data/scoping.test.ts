import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { documentIdOf } from '../../domain/portal-data/documents.js';
import type { RecordKind } from '../../domain/portal-data/field-mapping.js';
import { DEMO } from '../../nextcloud/simulator/index.js';
import type { SimObject } from '../../nextcloud/simulator/types.js';
import { codesOf, simObjects, usePortalDataHarness, type Loose } from './test-support.js';

/**
 * Scoping: every id-taking field answers NOT_FOUND, with the same message, for another customer's
 * record, another company's, another tenant's and one that does not exist; lists hold only the
 * viewer's own records.
 */
const h = usePortalDataHarness();

type Instance = 'demo' | 'other';
const SLUG: Record<RecordKind, 'posTransaction' | 'contract' | 'request'> = {
  invoice: 'posTransaction',
  order: 'posTransaction',
  contract: 'contract',
  request: 'request',
};

/**
 * A client's records by Pipelinq's rules: owned through the client, or (transactions, requests)
 * naming no client but one of the client's contacts; invoices have a number, orders are no drafts.
 */
function recordsOf(instance: Instance, kind: RecordKind, clientId: string): SimObject[] {
  const contacts = new Set(
    simObjects(h().simulator, instance, 'contact')
      .filter((c) => c.data.client === clientId)
      .map((c) => c.uuid),
  );
  return simObjects(h().simulator, instance, SLUG[kind]).filter((o) => {
    if (kind === 'contract') return o.data.clientRef === clientId;
    const contactField = kind === 'request' ? 'contact' : 'customer';
    const owned = o.data.client === clientId || (!o.data.client && contacts.has(String(o.data[contactField])));
    if (!owned) return false;
    if (kind === 'invoice') return Boolean(o.data.invoiceNumber);
    if (kind === 'order') return o.data.status !== 'draft';
    return true;
  });
}

function firstWithFile(instance: Instance, kind: RecordKind, clientId: string): { objectId: string; fileId: number } | null {
  const files = h().simulator.instance(instance).data.files;
  for (const object of recordsOf(instance, kind, clientId)) {
    const file = files.find((f) => f.objectUuid === object.uuid);
    if (file) return { objectId: object.uuid, fileId: file.id };
  }
  return null;
}

/** Ids Jan Jansen (B2C, tenant demo) must never reach. */
function foreignIds(kind: RecordKind): Record<string, string> {
  const pick = (instance: Instance, clientId: string) => recordsOf(instance, kind, clientId)[0]!.uuid;
  return {
    'another customer': pick('demo', DEMO.demo.noAccount.sophieVisser.clientId),
    'another company': pick('demo', DEMO.demo.noAccount.hoveniersGroen.clientId),
    'a B2B customer with an account': pick('demo', DEMO.demo.bakkerij.clientId),
    'another tenant': pick('other', DEMO.other.pietDeVries.clientId),
    'a nonexistent id': randomUUID(),
    'a malformed id': '../../registers',
  };
}

const BY_ID: Record<RecordKind, string> = {
  invoice: 'query ($id: ID!) { invoice(id: $id) { id number } }',
  order: 'query ($id: ID!) { order(id: $id) { id number } }',
  contract: 'query ($id: ID!) { contract(id: $id) { id number } }',
  request: 'query ($id: ID!) { request(id: $id) { id subject } }',
};

describe('record lookups by id', () => {
  for (const kind of ['invoice', 'order', 'contract', 'request'] as const) {
    it(`${kind}(id) finds Jan's own ${kind} and answers NOT_FOUND alike for every foreign id`, async () => {
      const jan = h().customer('jan');
      const own = recordsOf('demo', kind, DEMO.demo.janJansen.clientId)[0]!;
      const ok = await h().run(jan, BY_ID[kind], { id: own.uuid });
      expect(ok.errors).toBeUndefined();
      expect(ok.data?.[kind]?.id).toBe(own.uuid);

      const messages = new Set<string>();
      for (const [label, id] of Object.entries(foreignIds(kind))) {
        const result = await h().run(jan, BY_ID[kind], { id });
        expect(codesOf(result), label).toEqual(['NOT_FOUND']);
        expect(result.data?.[kind], label).toBeNull();
        messages.add(result.errors![0]!.message);
      }
      expect(messages.size).toBe(1);
    });
  }

  it("a B2B account reaches its organisation's records and not a B2C customer's", async () => {
    const bakkerij = h().customer('bakkerij');
    const own = recordsOf('demo', 'invoice', DEMO.demo.bakkerij.clientId)[0]!;
    expect((await h().run(bakkerij, BY_ID.invoice, { id: own.uuid })).data?.invoice?.id).toBe(own.uuid);
    const jans = recordsOf('demo', 'invoice', DEMO.demo.janJansen.clientId)[0]!;
    expect(codesOf(await h().run(bakkerij, BY_ID.invoice, { id: jans.uuid }))).toEqual(['NOT_FOUND']);
  });

  it("a customer of the other tenant cannot reach the demo tenant's records, even with valid ids", async () => {
    const piet = h().customer('piet');
    const jans = recordsOf('demo', 'invoice', DEMO.demo.janJansen.clientId)[0]!;
    expect(codesOf(await h().run(piet, BY_ID.invoice, { id: jans.uuid }))).toEqual(['NOT_FOUND']);
    const own = recordsOf('other', 'invoice', DEMO.other.pietDeVries.clientId)[0]!;
    expect((await h().run(piet, BY_ID.invoice, { id: own.uuid })).data?.invoice?.id).toBe(own.uuid);
  });

  it('a transaction without an invoice number is no invoice, and a draft is neither invoice nor order', async () => {
    const jan = h().customer('jan');
    const transactions = simObjects(h().simulator, 'demo', 'posTransaction').filter(
      (o) => o.data.client === DEMO.demo.janJansen.clientId,
    );
    const order = transactions.find((o) => !o.data.invoiceNumber && o.data.status !== 'draft')!;
    const draft = transactions.find((o) => o.data.status === 'draft')!;
    expect((await h().run(jan, BY_ID.order, { id: order.uuid })).data?.order?.id).toBe(order.uuid);
    expect(codesOf(await h().run(jan, BY_ID.invoice, { id: order.uuid }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await h().run(jan, BY_ID.invoice, { id: draft.uuid }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await h().run(jan, BY_ID.order, { id: draft.uuid }))).toEqual(['NOT_FOUND']);
  });
});

describe('documents by id', () => {
  const DOCUMENT = 'query ($id: ID!) { document(id: $id) { id name } }';
  const DOWNLOAD = 'mutation ($id: ID!) { createDocumentDownload(documentId: $id) { url expiresAt } }';

  it('document(id) and createDocumentDownload answer NOT_FOUND alike for foreign documents', async () => {
    const jan = h().customer('jan');
    const own = firstWithFile('demo', 'invoice', DEMO.demo.janJansen.clientId)!;
    const ownId = documentIdOf({ kind: 'invoice', ...own });
    expect((await h().run(jan, DOCUMENT, { id: ownId })).data?.document?.id).toBe(ownId);
    expect((await h().run(jan, DOWNLOAD, { id: ownId })).data?.createDocumentDownload?.url).toContain('/portal/downloads/');

    const sophie = firstWithFile('demo', 'invoice', DEMO.demo.noAccount.sophieVisser.clientId)!;
    const groen = firstWithFile('demo', 'contract', DEMO.demo.noAccount.hoveniersGroen.clientId)!;
    const piet = firstWithFile('other', 'invoice', DEMO.other.pietDeVries.clientId)!;
    const foreign = {
      'another customer': documentIdOf({ kind: 'invoice', ...sophie }),
      'another company': documentIdOf({ kind: 'contract', ...groen }),
      'another tenant': documentIdOf({ kind: 'invoice', ...piet }),
      "another record's file on Jan's record": documentIdOf({ kind: 'invoice', objectId: own.objectId, fileId: sophie.fileId }),
      'the right file under the wrong kind': documentIdOf({ kind: 'contract', ...own }),
      'a nonexistent document': documentIdOf({ kind: 'invoice', objectId: randomUUID(), fileId: 1 }),
      'a malformed id': 'bm90IGEgZG9jdW1lbnQ',
    };
    const messages = new Set<string>();
    for (const [label, id] of Object.entries(foreign)) {
      for (const operation of [DOCUMENT, DOWNLOAD]) {
        const result = await h().run(jan, operation, { id });
        expect(codesOf(result), label).toEqual(['NOT_FOUND']);
        messages.add(result.errors![0]!.message);
      }
    }
    expect(messages.size).toBe(1);
  });
});

describe('lists', () => {
  it("hold exactly the viewer's own records, newest first, with correct totals", async () => {
    for (const [who, clientId] of [
      ['jan', DEMO.demo.janJansen.clientId],
      ['bakkerij', DEMO.demo.bakkerij.clientId],
    ] as const) {
      const result = await h().run(
        h().customer(who),
        `{ invoices(first: 100) { totalCount edges { node { id date } } }
           orders(first: 100) { totalCount edges { node { id } } }
           contracts(first: 100) { totalCount edges { node { id } } } }`,
      );
      expect(result.errors).toBeUndefined();
      for (const kind of ['invoice', 'order', 'contract'] as const) {
        const expected = recordsOf('demo', kind, clientId)
          .map((o) => o.uuid)
          .sort();
        const list = result.data![`${kind}s`];
        const got = list.edges.map((e: { node: { id: string } }) => e.node.id);
        expect([...got].sort(), `${who} ${kind}s`).toEqual(expected);
        expect(list.totalCount).toBe(expected.length);
      }
      const dates = result.data!.invoices.edges.map((e: { node: { date: string } }) => Date.parse(e.node.date));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
    }
  });

  it('page through with cursors without gaps or repeats', async () => {
    const jan = h().customer('jan');
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const result: Loose = await h().run(
        jan,
        'query ($after: String) { invoices(first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      seen.push(...result.data.invoices.edges.map((e: Loose) => e.node.id));
      if (!result.data.invoices.pageInfo.hasNextPage) break;
      after = result.data.invoices.pageInfo.endCursor;
    }
    const all = recordsOf('demo', 'invoice', DEMO.demo.janJansen.clientId);
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
  });

  it('filter by status, date range and text; cap page size at 100; refuse bad cursors and ranges', async () => {
    const jan = h().customer('jan');
    const invoices = recordsOf('demo', 'invoice', DEMO.demo.janJansen.clientId);
    const settled = invoices.filter((o) => o.data.status === 'settled').length;
    const byStatus = await h().run(jan, '{ invoices(filter: { status: ["settled"] }) { totalCount edges { node { status } } } }');
    expect(byStatus.data!.invoices.totalCount).toBe(settled);
    expect(byStatus.data!.invoices.edges.every((e: Loose) => e.node.status === 'settled')).toBe(true);

    const from = new Date(Date.UTC(2026, 0, 1));
    const inYear = invoices.filter((o) => Date.parse(String(o.data.confirmedAt)) >= from.getTime()).length;
    const byDate = await h().run(jan, 'query ($from: DateTime) { invoices(filter: { from: $from }) { totalCount } }', {
      from: from.toISOString(),
    });
    expect(byDate.data!.invoices.totalCount).toBe(inYear);

    const number = String(invoices[3]!.data.invoiceNumber);
    const bySearch = await h().run(
      jan,
      'query ($q: String) { invoices(filter: { search: $q }) { totalCount edges { node { number } } } }',
      { q: number },
    );
    expect(bySearch.data!.invoices.edges.map((e: Loose) => e.node.number)).toEqual([number]);

    const capped = await h().run(
      h().customer('bakkerij'),
      '{ invoices(first: 1000) { edges { cursor } pageInfo { hasNextPage } } }',
    );
    expect(capped.data!.invoices.edges.length).toBeLessThanOrEqual(100);

    expect(codesOf(await h().run(jan, '{ invoices(after: "nonsense") { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await h().run(jan, '{ invoices(first: -1) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    const backwards = await h().run(
      jan,
      '{ invoices(filter: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }) { totalCount } }',
    );
    expect(codesOf(backwards)).toEqual(['BAD_USER_INPUT']);
  });

  it('requests include the ones filed through the own contact without a client, and not one of another client', async () => {
    const data = h().simulator.instance('demo').data;
    const template = simObjects(h().simulator, 'demo', 'request')[0]!;
    const extra = (uuid: string, client: string | undefined, title: string): SimObject => ({
      ...structuredClone(template),
      id: data.nextObjectId++,
      uuid,
      data: {
        title,
        contact: DEMO.demo.janJansen.contactId,
        ...(client ? { client } : {}),
        requestedAt: '2026-10-30T10:00:00+01:00',
        status: 'new',
      },
    });
    const before = recordsOf('demo', 'request', DEMO.demo.janJansen.clientId).length;
    const viaContact = extra(randomUUID(), undefined, 'Gebeld zonder klantnummer');
    const otherClient = extra(randomUUID(), DEMO.demo.noAccount.sophieVisser.clientId, 'Aanvraag van een ander');
    data.objects.push(viaContact, otherClient);

    const jan = h().customer('jan');
    const list = await h().run(jan, '{ requests(first: 100) { totalCount edges { node { id } } } }');
    const ids = list.data!.requests.edges.map((e: Loose) => e.node.id);
    expect(ids).toContain(viaContact.uuid);
    expect(ids).not.toContain(otherClient.uuid);
    expect(list.data!.requests.totalCount).toBe(before + 1);
    expect((await h().run(jan, BY_ID.request, { id: viaContact.uuid })).data?.request?.id).toBe(viaContact.uuid);
    expect(codesOf(await h().run(jan, BY_ID.request, { id: otherClient.uuid }))).toEqual(['NOT_FOUND']);
    // Another person never sees it.
    const bakkerij = h().customer('bakkerij');
    expect(codesOf(await h().run(bakkerij, BY_ID.request, { id: viaContact.uuid }))).toEqual(['NOT_FOUND']);
  });
});

describe('who may ask', () => {
  it('anonymous callers and staff are refused', async () => {
    expect(codesOf(await h().run({ kind: 'anonymous' }, '{ invoices { totalCount } }'))).toEqual(['UNAUTHENTICATED']);
    const staff = {
      kind: 'staff',
      tenantId: h().customer('jan').tenantId,
      loginName: 'admin',
      roles: ['ADMIN'],
      sessionId: 's',
    } as const;
    expect(codesOf(await h().run(staff, '{ documents { totalCount } }'))).toEqual(['FORBIDDEN']);
  });

  it('a partner token sees the B2B scope narrowed to its scopes', async () => {
    const invoicesOnly = h().partner(['read:invoices']);
    const ok = await h().run(invoicesOnly, '{ invoices(first: 2) { totalCount edges { node { id documents { id } } } } }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.invoices.totalCount).toBe(recordsOf('demo', 'invoice', DEMO.demo.bakkerij.clientId).length);
    // Without read:documents the invoice's PDF is not listed, as if it had none.
    expect(ok.data!.invoices.edges.every((e: Loose) => e.node.documents.length === 0)).toBe(true);
    for (const field of ['contracts', 'orders', 'requests', 'documents']) {
      expect(codesOf(await h().run(invoicesOnly, `{ ${field} { totalCount } }`)), field).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await h().run(invoicesOnly, 'mutation { submitRequest(input: { subject: "x", body: "y" }) { id } }'))).toEqual(
      ['FORBIDDEN'],
    );

    // Documents of a kind the token may not read stay hidden in the documents list too.
    const docsAndInvoices = h().partner(['read:documents', 'read:invoices']);
    const docs = await h().run(docsAndInvoices, '{ documents(first: 100) { totalCount edges { node { source } } } }');
    expect(docs.data!.documents.totalCount).toBeGreaterThan(0);
    expect(docs.data!.documents.edges.every((e: Loose) => e.node.source === 'INVOICE')).toBe(true);
  });

  it('a switched-off mode refuses its accounts', async () => {
    const tenant = h().tenant('demo', { b2cEnabled: false });
    expect(codesOf(await h().run(h().customer('jan'), '{ invoices { totalCount } }', {}, { tenant }))).toEqual(['FORBIDDEN']);
    const ok = await h().run(h().customer('bakkerij'), '{ invoices { totalCount } }', {}, { tenant });
    expect(ok.errors).toBeUndefined();
  });

  it('a switched-off feature answers FEATURE_DISABLED to everyone, and its documents disappear elsewhere', async () => {
    const tenant = h().tenant('demo', { enabledFeatures: ['ORDERS', 'CONTRACTS', 'REQUESTS', 'PROFILE'] });
    const jan = h().customer('jan');
    for (const query of ['{ invoices { totalCount } }', '{ documents { totalCount } }', 'query { invoice(id: "x") { id } }']) {
      expect(codesOf(await h().run(jan, query, {}, { tenant })), query).toEqual(['FEATURE_DISABLED']);
      expect(codesOf(await h().run({ kind: 'anonymous' }, query, {}, { tenant })), query).toEqual(['FEATURE_DISABLED']);
    }
    const contracts = await h().run(jan, '{ contracts(first: 1) { edges { node { documents { id } } } } }', {}, { tenant });
    expect(contracts.data!.contracts.edges[0].node.documents).toEqual([]);
  });
});

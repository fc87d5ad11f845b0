import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { codesOf, simObjects, usePortalDataHarness, type Loose } from './test-support.js';

const h = usePortalDataHarness();

const DOWNLOAD = 'mutation ($id: ID!) { createDocumentDownload(documentId: $id) { url expiresAt } }';

/** Every file the simulator holds on Jan's invoices, orders, contracts and requests. */
function jansFiles() {
  const sim = h().simulator;
  const { clientId: jan, contactId } = DEMO.demo.janJansen;
  // Owned through the client, or naming no client but Jan's contact (transaction `customer`, request `contact`).
  const owns = (o: { data: Record<string, unknown> }, contactField: string) =>
    o.data.client === jan || (!o.data.client && o.data[contactField] === contactId);
  const own = new Set(
    [
      ...simObjects(sim, 'demo', 'posTransaction').filter((o) => owns(o, 'customer') && o.data.status !== 'draft'),
      ...simObjects(sim, 'demo', 'request').filter((o) => owns(o, 'contact')),
      ...simObjects(sim, 'demo', 'contract').filter((o) => o.data.clientRef === jan),
    ].map((o) => o.uuid),
  );
  return sim.instance('demo').data.files.filter((f) => own.has(f.objectUuid));
}

async function firstInvoiceDocument() {
  const result = await h().run(
    h().customer('jan'),
    '{ invoices(first: 1) { edges { node { id number documents { id name mimeType size } } } } }',
  );
  return result.data!.invoices.edges[0].node as {
    id: string;
    number: string;
    documents: Array<{ id: string; name: string; mimeType: string; size: number }>;
  };
}

describe('documents', () => {
  it("lists every file attached to the customer's records, newest first", async () => {
    const result = await h().run(
      h().customer('jan'),
      '{ documents(first: 100) { totalCount edges { node { id name size source sourceId modifiedAt } } } }',
    );
    expect(result.errors).toBeUndefined();
    const files = jansFiles();
    expect(result.data!.documents.totalCount).toBe(files.length);
    const names = result.data!.documents.edges.map((e: Loose) => e.node.name).sort();
    expect(names).toEqual(files.map((f) => f.name).sort());
    const times = result.data!.documents.edges.map((e: Loose) => Date.parse(e.node.modifiedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const sources = new Set(result.data!.documents.edges.map((e: Loose) => e.node.source));
    expect(sources).toEqual(new Set(['INVOICE', 'CONTRACT', 'REQUEST']));

    const contractsOnly = await h().run(h().customer('jan'), '{ documents(filter: { sources: [CONTRACT] }) { totalCount } }');
    expect(contractsOnly.data!.documents.totalCount).toBe(3);
    const bySearch = await h().run(
      h().customer('jan'),
      'query ($q: String) { documents(filter: { search: $q }) { edges { node { name } } } }',
      { q: files[0]!.name.toUpperCase() },
    );
    expect(bySearch.data!.documents.edges.map((e: Loose) => e.node.name)).toEqual([files[0]!.name]);
  });

  it('an invoice lists its PDF as a document', async () => {
    const invoice = await firstInvoiceDocument();
    expect(invoice.documents).toHaveLength(1);
    expect(invoice.documents[0]).toMatchObject({ mimeType: 'application/pdf', name: `factuur-${invoice.number}.pdf` });
  });
});

describe('signed downloads', () => {
  it('round trip: the link streams the same bytes as the Nextcloud file, with type, name and length; audited', async () => {
    const invoice = await firstInvoiceDocument();
    const jan = h().customer('jan');
    const signed = await h().run(jan, DOWNLOAD, { id: invoice.documents[0]!.id });
    expect(signed.errors).toBeUndefined();
    const { url, expiresAt } = signed.data!.createDocumentDownload;
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const original = h()
      .simulator.instance('demo')
      .data.files.find((f) => f.objectUuid === invoice.id)!;
    expect(bytes.equals(Buffer.from(original.bytes))).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(original.bytes.length));
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${original.name}"; filename*=UTF-8''${original.name}`,
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');

    const events = await h().audit.list(jan.tenantId, { accountId: jan.accountId, eventType: 'document.downloaded' });
    expect(events.events[0]).toMatchObject({
      outcome: 'success',
      targetType: 'document',
      targetId: invoice.documents[0]!.id,
      actor: `account:${jan.accountId}`,
    });

    // Reusable within its lifetime.
    expect((await fetch(url)).status).toBe(200);
  });

  it("mints no link for another customer's document or an unknown one: NOT_FOUND, the same for both", async () => {
    const jans = await firstInvoiceDocument();
    for (const [label, id] of [
      ["another customer's document", jans.documents[0]!.id],
      ['an unknown document', `${jans.documents[0]!.id.slice(0, -4)}ffff`],
    ] as const) {
      const result = await h().run(h().customer('bakkerij'), DOWNLOAD, { id });
      expect(result.data?.createDocumentDownload ?? null, label).toBeNull();
      expect(codesOf(result), label).toEqual(['NOT_FOUND']);
    }
  });

  it('expired links answer 410 LINK_EXPIRED; tampered or foreign ones 404', async () => {
    const invoice = await firstInvoiceDocument();
    const { url } = (await h().run(h().customer('jan'), DOWNLOAD, { id: invoice.documents[0]!.id })).data!.createDocumentDownload;
    const token = url.split('/').pop()!;
    const [version, payload, mac] = token.split('.');
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const broken = {
      'a changed payload': `${version}.${flip(payload!, 10)}.${mac}`,
      'a changed signature': `${version}.${payload}.${flip(mac!, 5)}`,
      'a truncated token': token.slice(0, -3),
      'a made-up token': 'v1.eyJwIjoiZG9jdW1lbnQifQ.' + 'A'.repeat(43),
      'another payload with this signature': `${version}.${Buffer.from(JSON.stringify({ p: 'document', e: 9e9, b: {} })).toString('base64url')}.${mac}`,
    };
    for (const [label, bad] of Object.entries(broken)) {
      const response = await fetch(`${h().downloadsUrl}/${bad}`);
      expect(response.status, label).toBe(404);
      expect(((await response.json()) as Loose).errors[0].extensions.code, label).toBe('NOT_FOUND');
    }

    h().advance(5 * 60_000 + 1_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as Loose).errors[0].extensions.code).toBe('LINK_EXPIRED');
  });

  it('re-checks access at download time: a detached file, an inactive account or a disabled feature give 404', async () => {
    const invoice = await firstInvoiceDocument();
    const jan = h().customer('jan');
    const sign = async () =>
      (await h().run(jan, DOWNLOAD, { id: invoice.documents[0]!.id })).data!.createDocumentDownload.url as string;

    // The account store the composition root wires in: Jan's account blocked, then active again.
    const accounts = h().services.accounts.repository;
    const url = await sign();
    await accounts.update(jan.accountId, { status: 'BLOCKED' });
    try {
      expect((await fetch(url)).status).toBe(404);
    } finally {
      await accounts.update(jan.accountId, { status: 'ACTIVE' });
    }
    expect((await fetch(url)).status).toBe(200);

    const files = h().simulator.instance('demo').data.files;
    const index = files.findIndex((f) => f.objectUuid === invoice.id);
    const [file] = files.splice(index, 1);
    try {
      expect((await fetch(url)).status).toBe(404);
    } finally {
      files.splice(index, 0, file!);
    }

    const tenants = h().services.tenants as { get: (id: string) => unknown };
    const realGet = tenants.get;
    tenants.get = (id: string) => {
      const tenant = realGet.call(h().services.tenants, id) as { portal: { enabledFeatures: string[] } } | undefined;
      return (
        tenant && {
          ...tenant,
          portal: { ...tenant.portal, enabledFeatures: tenant.portal.enabledFeatures.filter((f) => f !== 'DOCUMENTS') },
        }
      );
    };
    try {
      expect((await fetch(url)).status).toBe(404);
    } finally {
      tenants.get = realGet;
    }
  });

  it('a partner link is bound to its scopes', async () => {
    const partner = h().partner(['read:documents', 'read:contracts']);
    const docs = await h().run(partner, '{ documents(first: 1) { edges { node { id source } } } }');
    const doc = docs.data!.documents.edges[0].node;
    expect(doc.source).toBe('CONTRACT');
    const signed = await h().run(partner, DOWNLOAD, { id: doc.id });
    const response = await fetch(signed.data!.createDocumentDownload.url);
    expect(response.status).toBe(200);
    const events = await h().audit.list(partner.tenantId, { eventType: 'document.downloaded', accountId: partner.accountId });
    expect(events.events[0]!.actor).toBe(`token:${partner.tokenId}`);

    // Without read:documents a partner cannot even ask for a link.
    const noDocs = h().partner(['read:contracts']);
    expect(codesOf(await h().run(noDocs, DOWNLOAD, { id: doc.id }))).toEqual(['FORBIDDEN']);
  });
});

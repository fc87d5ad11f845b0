import { describe, expect, it } from 'vitest';
import { EXPORT_LINK_PURPOSE } from '../domain/avg/index.js';
import { DOCUMENT_LINK_PURPOSE, type DocumentLinkBody } from '../domain/portal-data/document-downloads.js';
import { usePortalDataHarness, type Loose } from '../resolvers/portal-data/test-support.js';

/**
 * `GET /portal/downloads/:token` over HTTP, for what only the token decides: which links are
 * downloads at all, what a refused one answers, and what a served one records and sends.
 */
const h = usePortalDataHarness();

const DOWNLOAD = 'mutation ($id: ID!) { createDocumentDownload(documentId: $id) { url } }';
const GONE = { code: 'NOT_FOUND', message: 'The download was not found.' };

/** A fresh link to Jan's first invoice PDF, with the body it carries. */
async function jansInvoiceLink() {
  const jan = h().customer('jan');
  const list = await h().run(jan, '{ invoices(first: 1) { edges { node { id documents { id name } } } } }');
  const document = list.data!.invoices.edges[0].node.documents[0] as { id: string; name: string };
  const signed = await h().run(jan, DOWNLOAD, { id: document.id });
  expect(signed.errors).toBeUndefined();
  const url = signed.data!.createDocumentDownload.url as string;
  const verified = h().services.portalData.links.verify<DocumentLinkBody>(url.split('/').pop()!);
  if (!verified.ok) throw new Error('the link just issued does not verify');
  return { jan, document, url, body: verified.body };
}

async function problemOf(response: Response) {
  const { errors } = (await response.json()) as Loose;
  return { code: errors[0].extensions.code, message: errors[0].message };
}

const at = (token: string) => fetch(`${h().downloadsUrl}/${token}`);
const signed = (purpose: string, body: unknown) => h().services.portalData.links.sign(purpose, body, 60_000).token;

describe('which tokens are downloads', () => {
  it('a genuine link is served; the same body signed for another purpose is not a download', async () => {
    const { body } = await jansInvoiceLink();
    expect((await at(signed(DOCUMENT_LINK_PURPOSE, body))).status).toBe(200);
    // Another link kind that shares the signing key (data exports, or any added later) never
    // opens a document, whatever its body looks like.
    for (const purpose of [EXPORT_LINK_PURPOSE, 'email-change']) {
      const response = await at(signed(purpose, body));
      expect(response.status, purpose).toBe(404);
      expect(await problemOf(response), purpose).toEqual(GONE);
    }
  });

  it('a document link whose body is an export’s is not an export download', async () => {
    const { body } = await jansInvoiceLink();
    const response = await at(signed(DOCUMENT_LINK_PURPOSE, { t: body.t, a: body.a, x: 'an-export-id' }));
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toEqual(GONE);
  });

  it('a link for a tenant that is no longer served is gone, not an error', async () => {
    const { body } = await jansInvoiceLink();
    const response = await at(signed(DOCUMENT_LINK_PURPOSE, { ...body, t: 'tenant-removed-since' }));
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toEqual(GONE);
  });

  it('a tampered link is gone and an expired one says so, each with its own message', async () => {
    const { url } = await jansInvoiceLink();
    const token = url.split('/').pop()!;
    const [version, payload, mac] = token.split('.');
    const tampered = await at(`${version}.${payload}.${mac!.slice(0, 5)}${mac![5] === 'A' ? 'B' : 'A'}${mac!.slice(6)}`);
    expect(tampered.status).toBe(404);
    expect(await problemOf(tampered)).toEqual(GONE);

    h().advance(5 * 60_000 + 1_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(410);
    expect(await problemOf(expired)).toEqual({
      code: 'LINK_EXPIRED',
      message: 'This link has expired. Download the document again from the portal.',
    });
  });
});

describe('a link whose file is gone', () => {
  it('answers like any refused link once the file is detached from the record', async () => {
    const { url, document } = await jansInvoiceLink();
    const files = h().simulator.instance('demo').data.files;
    const index = files.findIndex((f) => f.name === document.name);
    const [file] = files.splice(index, 1);
    try {
      const response = await fetch(url);
      expect(response.status).toBe(404);
      expect(await problemOf(response)).toEqual(GONE);
    } finally {
      files.splice(index, 0, file!);
    }
  });
});

describe('a served download', () => {
  it('is audited with the file it sent and the client that asked', async () => {
    const { jan, document, url } = await jansInvoiceLink();
    const response = await fetch(url, { headers: { 'user-agent': 'downloads-access-test/1.0' } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    const events = await h().audit.list(jan.tenantId, { accountId: jan.accountId, eventType: 'document.downloaded' });
    const event = events.events[0]!;
    expect(event).toMatchObject({ outcome: 'success', targetType: 'document', targetId: document.id });
    expect(event.details).toMatchObject({ source: 'invoice', fileName: document.name });
    expect(event.details.sourceId).toEqual(expect.any(String));
    expect(event.details.fileId).toEqual(expect.anything());
    // The client is kept as keyed fingerprints, and kept: who downloaded is the point of the trail.
    expect(event.ipHash).toEqual(expect.any(String));
    expect(event.userAgentHash).toEqual(expect.any(String));
  });

  it('states its own headers: private, and never run as a page of the portal', async () => {
    const { url } = await jansInvoiceLink();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Number(response.headers.get('content-length'))).toBe((await response.arrayBuffer()).byteLength);
  });
});

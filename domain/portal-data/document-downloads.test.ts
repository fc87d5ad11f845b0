import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { usePortalDataHarness } from '../../resolvers/portal-data/test-support.js';
import {
  isDocumentLinkBody,
  linkBodyOf,
  mintingTokenOf,
  openDocument,
  signDocumentLink,
  viewerOfLink,
  type DocumentLinkBody,
} from './document-downloads.js';
import type { Viewer } from './viewer.js';

/**
 * What a document link decides at download time, without a session: the link's account must
 * still have the document now, under the tenant's settings as they are now. (Over HTTP:
 * gateway/downloads-access.test.ts and gateway/downloads.test.ts.)
 */
const h = usePortalDataHarness();

/** Jan's first invoice document, and the body a link to it carries. */
async function jansDocument() {
  const jan = h().customer('jan');
  const list = await h().run(jan, '{ invoices(first: 1) { edges { node { documents { id name } } } } }');
  const document = list.data!.invoices.edges[0].node.documents[0] as { id: string; name: string };
  const viewer: Viewer = {
    tenantId: jan.tenantId,
    accountId: jan.accountId,
    accountType: jan.accountType,
    clientId: jan.clientId,
    contactId: jan.contactId,
    scopes: null,
    onBehalfOf: null,
  };
  return { document, body: linkBodyOf(viewer, `account:${jan.accountId}`, document.id, null) };
}

const openFully = (body: DocumentLinkBody, tenant = h().tenant('demo')) =>
  openDocument(tenant, body, h().services.nextcloud.for(tenant.id));

/** The opened document's id, or null; the bytes are not read. */
async function open(body: DocumentLinkBody, tenant = h().tenant('demo')): Promise<string | null> {
  const opened = await openFully(body, tenant);
  opened?.file.body.destroy();
  return opened ? opened.document.documentId : null;
}

describe('opening a document link', () => {
  it('gives the document and its bytes while the account still has it', async () => {
    const { document, body } = await jansDocument();
    const opened = await openFully(body);
    expect(opened?.document).toMatchObject({ documentId: document.id, name: document.name });
    const bytes = Buffer.concat(await opened!.file.body.toArray());
    const original = h()
      .simulator.instance('demo')
      .data.files.find((f) => f.name === document.name)!;
    expect(bytes.equals(Buffer.from(original.bytes))).toBe(true);
  });

  it('gives nothing once the tenant switched documents or the account type off', async () => {
    const { body } = await jansDocument();
    const features = h().tenant('demo').portal.enabledFeatures;
    expect(await open(body, h().tenant('demo', { enabledFeatures: features.filter((f) => f !== 'DOCUMENTS') }))).toBeNull();
    expect(await open(body, h().tenant('demo', { b2cEnabled: false }))).toBeNull();
    // Switching off the other account type changes nothing for Jan.
    expect(await open(body, h().tenant('demo', { b2bEnabled: false }))).toBe(body.d);
  });

  it('gives nothing to a partner link without the documents scope', async () => {
    const { body } = await jansDocument();
    expect(await open({ ...body, s: ['read:invoices'] })).toBeNull();
    expect(await open({ ...body, s: ['read:invoices', 'read:documents'] })).toBe(body.d);
  });

  it("gives nothing when the link names another customer's scope or another tenant", async () => {
    const { body } = await jansDocument();
    expect(await open({ ...body, c: DEMO.demo.bakkerij.clientId, n: DEMO.demo.bakkerij.contactId, m: 'B2B' })).toBeNull();
    expect(await open(body, h().tenant('other'))).toBeNull();
  });
});

describe('asking for a link', () => {
  const DOWNLOAD = 'mutation ($id: ID!) { createDocumentDownload(documentId: $id) { url } }';
  const bodyOf = (url: string) => {
    const verified = h().services.portalData.links.verify<DocumentLinkBody>(url.split('/').pop()!);
    if (!verified.ok) throw new Error('the link does not verify');
    return verified.body;
  };

  it("gives no link to a document that is not the viewer's", async () => {
    const { document } = await jansDocument();
    const bakkerij = h().customer('bakkerij');
    const result = await h().run(bakkerij, DOWNLOAD, { id: document.id });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toBe('The document was not found.');
  });

  it('binds a link a partner token asked for to that token, and a customer link to none', async () => {
    const partner = h().partner(['read:documents', 'read:contracts']);
    const docs = await h().run(partner, '{ documents(first: 1) { edges { node { id } } } }');
    const id = docs.data!.documents.edges[0].node.id as string;
    const viaToken = bodyOf((await h().run(partner, DOWNLOAD, { id })).data!.createDocumentDownload.url);
    expect(viaToken).toMatchObject({
      r: `token:${partner.tokenId}`,
      k: partner.tokenId,
      s: ['read:documents', 'read:contracts'],
    });
    const bakkerij = h().customer('bakkerij');
    const viaSession = bodyOf((await h().run(bakkerij, DOWNLOAD, { id })).data!.createDocumentDownload.url);
    expect(viaSession).toMatchObject({ r: `account:${bakkerij.accountId}`, k: null, s: null });
  });
});

describe('a link body', () => {
  const body: DocumentLinkBody = {
    t: 'tenant',
    a: 'acc',
    r: 'account:acc',
    c: 'client',
    n: null,
    m: 'B2C',
    s: null,
    d: 'doc',
    k: null,
  };

  it('is only taken as a document link when every field has its type', () => {
    expect(isDocumentLinkBody(body)).toBe(true);
    expect(isDocumentLinkBody({ ...body, n: 'contact', s: ['read:documents'], k: 'tok', g: 'del', o: 'grantor' })).toBe(true);
    const { k: _k, ...beforeTokens } = body;
    expect(isDocumentLinkBody(beforeTokens)).toBe(true);
    for (const broken of [
      { t: 1 },
      { a: null },
      { r: undefined },
      { c: 2 },
      { n: undefined },
      { n: 3 },
      { m: 'B2X' },
      { s: 'read:documents' },
      { s: [1] },
      { s: undefined },
      { d: null },
      { k: 5 },
      { g: 6 },
      { o: 7 },
    ]) {
      expect(isDocumentLinkBody({ ...body, ...broken }), JSON.stringify(broken)).toBe(false);
    }
    expect(isDocumentLinkBody({ ...body, m: 'B2B' })).toBe(true);
    expect(isDocumentLinkBody({ ...body, g: null, o: null })).toBe(true);
    expect(isDocumentLinkBody({ ...body, s: ['read:documents', 1] })).toBe(false);
    for (const notAnObject of [null, 'body', 42, undefined]) expect(isDocumentLinkBody(notAnObject)).toBe(false);
  });

  it('names the partner token that minted it, also in links signed before the token was carried', () => {
    expect(mintingTokenOf({ ...body, k: 'tok-1', r: 'token:tok-1' })).toBe('tok-1');
    expect(mintingTokenOf({ ...body, k: null, r: 'account:acc' })).toBeNull();
    const { k: _k, ...legacy } = body;
    expect(mintingTokenOf({ ...legacy, r: 'token:tok-old' })).toBe('tok-old');
    expect(mintingTokenOf({ ...legacy, r: 'account:acc' })).toBeNull();
  });

  it('carries the delegation it was minted under, and is read back into the same viewer', () => {
    const viewer: Viewer = {
      tenantId: 'tenant',
      accountId: 'grantee',
      accountType: 'B2C',
      clientId: 'company',
      contactId: 'contact',
      scopes: new Set(['read:documents']),
      onBehalfOf: { delegationId: 'del-1', grantorAccountId: 'grantor' },
    };
    const minted = linkBodyOf(viewer, 'account:grantee', 'doc-1', null);
    expect(minted).toEqual({
      t: 'tenant',
      a: 'grantee',
      r: 'account:grantee',
      c: 'company',
      n: 'contact',
      m: 'B2C',
      s: ['read:documents'],
      d: 'doc-1',
      k: null,
      g: 'del-1',
      o: 'grantor',
    });
    expect(viewerOfLink(minted)).toEqual(viewer);
    expect(viewerOfLink({ ...minted, o: null }).onBehalfOf).toBeNull();
    expect(viewerOfLink({ ...minted, g: null }).onBehalfOf).toBeNull();
    expect(linkBodyOf({ ...viewer, onBehalfOf: null }, 'token:tok', 'doc-1', 'tok')).not.toHaveProperty('g');
  });

  it('is signed into a link on the public URL that lives five minutes', () => {
    const links = h().services.portalData.links;
    const signed = signDocumentLink(links, 'https://portal.example.nl//', body);
    expect(signed.url).toMatch(/^https:\/\/portal\.example\.nl\/portal\/downloads\/v1\.[\w-]+\.[\w-]{43}$/);
    const verified = links.verify(signed.url.split('/').pop()!);
    expect(verified).toMatchObject({ ok: true, purpose: 'document', body });
    const lifetime = signed.expiresAt.getTime() - h().services.portalData.now().getTime();
    expect(lifetime).toBeGreaterThan(5 * 60_000 - 1_000);
    expect(lifetime).toBeLessThanOrEqual(5 * 60_000);
  });
});

import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../test/gateway.js';
import { DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMERS } from '../test/customers.js';
import { DEMO_STAFF } from '../test/staff.js';
import { documentHashOf, WEB_MANIFEST_FILE } from './trusted-documents.js';

/**
 * Trusted documents end to end over real HTTP: the web app's operations answered by hash, unknown
 * hashes refused, and in `require-for-browsers` mode document text refused to everyone who has
 * not proved a Bearer token — however the request is dressed.
 */
const manifest = JSON.parse(readFileSync(WEB_MANIFEST_FILE, 'utf8')) as Record<string, string>;

/** The web app's document for one operation, found by name so the test survives edits to its fields. */
function webDocument(name: string): { hash: string; text: string } {
  const entry = Object.entries(manifest).find(([, text]) => new RegExp(`\\b(query|mutation) ${name}\\b`).test(text));
  if (!entry) throw new Error(`the web app has no operation ${name}`);
  return { hash: entry[0].replace(/^sha256:/, ''), text: entry[1] };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

async function post(gateway: TestGateway, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody, cookies: response.headers.getSetCookie() };
}

const freshAddress = () => ({ 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` });
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;
const cookieNamed = (cookies: string[], name: string) => cookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0];

/** Signs Jan in the way the web app does: the SignIn document by hash. */
async function signInByHash(gateway: TestGateway): Promise<string> {
  const signIn = webDocument('SignIn');
  const { body, cookies } = await post(
    gateway,
    {
      operationName: 'SignIn',
      variables: { input: { email: DEMO_CUSTOMERS.jan.email, password: DEMO_CUSTOMER_PASSWORD } },
      extensions: persisted(signIn.hash),
    },
    freshAddress(),
  );
  expect(body.data?.signIn).toMatchObject({ status: 'SIGNED_IN' });
  return cookieNamed(cookies, 'portal_session')!;
}

describe('trusted documents, TRUSTED_DOCUMENTS=require-for-browsers', () => {
  let gateway: TestGateway;
  let janCookie: string;
  beforeAll(async () => {
    gateway = await startTestGateway({ TRUSTED_DOCUMENTS: 'require-for-browsers' });
    janCookie = await signInByHash(gateway);
  });
  afterAll(() => gateway?.close());

  it('answers a web operation sent by its hash alone, with the session cookie', async () => {
    const { status, body } = await post(
      gateway,
      { operationName: 'Invoices', variables: { first: 5 }, extensions: persisted(webDocument('Invoices').hash) },
      { cookie: janCookie },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body.data?.invoices as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
  });

  it('still measures a trusted document against the limits, per variable set', async () => {
    const invoices = webDocument('Invoices');
    const ask = (first: number) =>
      post(
        gateway,
        { operationName: 'Invoices', variables: { first }, extensions: persisted(invoices.hash) },
        { cookie: janCookie },
      );
    for (const attempt of [1, 2]) {
      const refused = await ask(100_000);
      expect([attempt, refused.status, codeOf(refused.body)]).toEqual([attempt, 400, 'BAD_USER_INPUT']);
      expect(refused.body.errors?.[0]?.message).toMatch(/too expensive/);
    }
    expect((await ask(3)).body.errors).toBeUndefined();
  });

  it('refuses a hash that is not in the list with a stable code, and learns nothing from a client', async () => {
    const text = '{ requestCategories { name } }';
    const unknown = await post(gateway, { extensions: persisted(documentHashOf(text)) }, { cookie: janCookie });
    expect(unknown.status).toBe(400);
    expect(codeOf(unknown.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.body.errors?.[0]?.message).toMatch(/not in the gateway's list of trusted documents/);

    // An APQ-style registration (text + its hash) is refused to a browser, and does not register.
    const register = await post(gateway, { query: text, extensions: persisted(documentHashOf(text)) }, { cookie: janCookie });
    expect(codeOf(register.body)).toBe('TRUSTED_DOCUMENT_REQUIRED');
    const again = await post(gateway, { extensions: persisted(documentHashOf(text)) }, { cookie: janCookie });
    expect(codeOf(again.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses document text from a cookie session, with or without the cookie, or with a Bearer token it does not have', async () => {
    const query = '{ invoices(first: 5) { totalCount } }';
    const attempts: Array<[string, Record<string, string>]> = [
      ['customer cookie', { cookie: janCookie }],
      ['no credentials at all', {}],
      ['a made-up partner token', { authorization: 'Bearer pat_forged' }],
      ['a made-up staff token', { authorization: 'Bearer pst_forged' }],
      ['a made-up token beside a real cookie', { authorization: 'Bearer pat_forged', cookie: janCookie }],
      ['a Bearer header without the word Bearer', { authorization: 'pat_forged', cookie: janCookie }],
    ];
    for (const [name, headers] of attempts) {
      const { status, body } = await post(gateway, { query }, headers);
      expect([name, status, codeOf(body)]).toEqual([name, 403, 'TRUSTED_DOCUMENT_REQUIRED']);
      expect(body.data, name).toBeUndefined();
    }
  });

  it('refuses document text over GET as well', async () => {
    const url = `${gateway.url}/graphql?query=${encodeURIComponent('{ invoices(first: 1) { totalCount } }')}`;
    const response = await fetch(url, {
      headers: { 'x-portal-tenant': 'demo', 'apollo-require-preflight': '1', cookie: janCookie },
    });
    expect(response.status).toBe(403);
    expect(codeOf((await response.json()) as GraphQLBody)).toBe('TRUSTED_DOCUMENT_REQUIRED');
  });

  it('refuses a hash beside a text that is not its document', async () => {
    const invoices = webDocument('Invoices');
    const { status, body } = await post(
      gateway,
      { query: '{ viewer { __typename } }', variables: { first: 5 }, extensions: persisted(invoices.hash) },
      { cookie: janCookie },
    );
    expect(status).toBe(400);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/does not match/);
  });

  it('answers the exact text of a trusted document, with or without its hash', async () => {
    const categories = webDocument('RequestCategories');
    for (const extensions of [undefined, persisted(categories.hash)]) {
      const { status, body } = await post(gateway, { query: categories.text, extensions }, { cookie: janCookie });
      expect(status).toBe(200);
      expect(Array.isArray(body.data?.requestCategories)).toBe(true);
    }
  });

  it('answers any document text to a staff member who proves a Bearer token, but not to the same session as a cookie', async () => {
    // A DPO script signs in with the web app's StaffSignIn document and uses the session as a Bearer token.
    const signIn = await post(
      gateway,
      { variables: { input: { tenantId: 'demo', ...DEMO_STAFF.dpo } }, extensions: persisted(webDocument('StaffSignIn').hash) },
      freshAddress(),
    );
    expect(signIn.body.errors).toBeUndefined();
    const staffCookie = cookieNamed(signIn.cookies, 'portal_staff')!;
    const token = staffCookie.split('=')[1]!;
    const query = '{ auditEvents(tenantId: "demo", first: 1) { totalCount } }';

    const asBearer = await post(gateway, { query }, { authorization: `Bearer ${token}` });
    expect(asBearer.status).toBe(200);
    expect(asBearer.body.errors).toBeUndefined();
    expect(typeof (asBearer.body.data?.auditEvents as { totalCount: number }).totalCount).toBe('number');

    const asCookie = await post(gateway, { query }, { cookie: staffCookie });
    expect([asCookie.status, codeOf(asCookie.body)]).toEqual([403, 'TRUSTED_DOCUMENT_REQUIRED']);
  });

  it('keeps CSRF prevention: a simple cross-site GET is refused before any document check', async () => {
    const url = `${gateway.url}/graphql?extensions=${encodeURIComponent(JSON.stringify(persisted(webDocument('RequestCategories').hash)))}`;
    const response = await fetch(url, { headers: { 'x-portal-tenant': 'demo', cookie: janCookie } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });
});

describe('trusted documents, default TRUSTED_DOCUMENTS=allow-raw', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway?.close());

  it('answers hashes and document text alike, and still refuses unknown hashes', async () => {
    const jan = await signInByHash(gateway);
    const byHash = await post(gateway, { extensions: persisted(webDocument('RequestCategories').hash) }, { cookie: jan });
    const byText = await post(gateway, { query: '{ requestCategories { name } }' }, { cookie: jan });
    expect(byHash.body.data).toEqual(byText.body.data);
    expect(byHash.body.data?.requestCategories).toBeDefined();

    const unknown = await post(gateway, { extensions: persisted('0'.repeat(64)) }, { cookie: jan });
    expect([unknown.status, codeOf(unknown.body)]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  });

  it('answers a text sent with its own hash as text, and never learns that hash (no automatic persisted queries)', async () => {
    const text = 'query Probe { __typename }';
    const registered = await post(gateway, { query: text, extensions: persisted(documentHashOf(text)) });
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data?.__typename).toBe('Query');
    const byHash = await post(gateway, { extensions: persisted(documentHashOf(text)) });
    expect([byHash.status, codeOf(byHash.body)]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  });
});

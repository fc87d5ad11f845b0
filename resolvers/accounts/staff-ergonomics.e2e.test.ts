import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { DEMO_CUSTOMER_PASSWORD, signInCustomer } from '../../test/customers.js';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../test/gateway.js';
import { signInStaff } from '../../test/staff.js';

/**
 * Staff ergonomics (issue 15 item 8) over real HTTP against the simulator: finding a client to
 * invite, the audit trail's actors in words, and partner tokens that expire.
 */
let gateway: TestGateway;
let admin: Record<string, string>;
beforeAll(async () => {
  gateway = await startTestGateway();
  admin = (await signInStaff(gateway, 'admin')).headers;
});
afterAll(async () => {
  await gateway?.close();
});

const SEARCH = `query ($tenantId: ID!, $query: String!, $first: Int) {
  searchClients(tenantId: $tenantId, query: $query, first: $first) { id name type email contacts { id name email role } } }`;
type Found = {
  id: string;
  name: string;
  type: string;
  email: string | null;
  contacts: { id: string; name: string; role: string | null }[];
};

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;
const problemsOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.problems as { field: string; code: string }[] | undefined;

async function search(query: string, headers = admin, tenantId = 'demo', first?: number) {
  const { body } = await gateway.graphql(SEARCH, { tenantId, query, first }, headers);
  return { body, found: (body.data?.searchClients ?? null) as Found[] | null };
}

describe('searchClients: staff find the client to invite', () => {
  it('finds a person by name and by email, case-insensitively', async () => {
    const byName = await search('jan jans');
    expect(byName.found).toEqual([
      { id: DEMO.demo.janJansen.clientId, name: 'Jan Jansen', type: 'PERSON', email: 'jan.jansen@example.nl', contacts: [] },
    ]);
    const byEmail = await search('JAN.JANSEN@example');
    expect(byEmail.found?.map((c) => c.id)).toEqual([DEMO.demo.janJansen.clientId]);
  });

  it('finds an organisation with its contacts, also through a contact matching by name', async () => {
    const byCompany = await search('Bakkerij Bakker');
    const bakkerij = byCompany.found?.find((c) => c.id === DEMO.demo.bakkerij.clientId);
    expect(bakkerij).toMatchObject({ name: 'Bakkerij Bakker B.V.', type: 'ORGANIZATION' });
    expect(bakkerij?.contacts.map((c) => c.id).sort()).toEqual(
      [DEMO.demo.bakkerij.contactId, ...DEMO.demo.bakkerij.otherContactIds].sort(),
    );
    expect(bakkerij?.contacts.find((c) => c.id === DEMO.demo.bakkerij.contactId)).toMatchObject({
      name: 'Sanne de Groot',
      role: 'Inkoper',
    });

    const byContact = await search('fatima');
    expect(byContact.found?.map((c) => c.id)).toEqual([DEMO.demo.bakkerij.clientId]);
  });

  it("never shows another tenant's clients", async () => {
    // Drukkerij Van Dijk is a client of tenant `other` only.
    expect((await search('Drukkerij')).found).toEqual([]);
    const otherAdmin = (await signInStaff(gateway, 'admin', 'other')).headers;
    expect((await search('Drukkerij', otherAdmin, 'other')).found?.map((c) => c.name)).toEqual(['Drukkerij Van Dijk B.V.']);
    // The demo admin naming the other tenant is refused, not served.
    expect(codeOf((await search('Drukkerij', admin, 'other')).body)).toBe('FORBIDDEN');
  });

  it('is for the tenant admin only', async () => {
    const dpo = (await signInStaff(gateway, 'dpo')).headers;
    expect(codeOf((await search('Jansen', dpo)).body)).toBe('FORBIDDEN');
    const customer = (await signInCustomer(gateway, 'jan')).headers;
    expect(codeOf((await search('Jansen', customer)).body)).toBe('FORBIDDEN');
    expect(codeOf((await search('Jansen', { 'x-portal-tenant': 'demo' })).body)).toBe('UNAUTHENTICATED');
  });

  it('refuses a term shorter than 2 characters and more than 20 results, with problem codes', async () => {
    const short = await search(' j ');
    expect(codeOf(short.body)).toBe('BAD_USER_INPUT');
    expect(problemsOf(short.body)).toEqual([
      expect.objectContaining({ field: 'query', code: 'SEARCH_TOO_SHORT', params: { min: 2 } }),
    ]);
    const many = await search('Bakker', admin, 'demo', 21);
    expect(problemsOf(many.body)).toEqual([expect.objectContaining({ field: 'first', code: 'NUMBER_OUT_OF_RANGE' })]);
    // The bound holds: one result asked, one given.
    expect((await search('e', admin, 'demo', 1)).found).toBeNull();
    expect((await search('nl', admin, 'demo', 1)).found).toHaveLength(1);
  });
});

const CREATE_TOKEN = `mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret token { id name expiresAt } } }`;

describe('API tokens with an expiry date', () => {
  it('accepts a date within a year, refuses past and far dates, and refuses an expired token as UNAUTHENTICATED', async () => {
    const customer = (await signInCustomer(gateway, 'bakkerij')).headers;
    const create = (expiresAt: string | null) =>
      gateway.graphql(
        CREATE_TOKEN,
        { input: { name: 'Boekhouding', scopes: ['READ_INVOICES'], password: DEMO_CUSTOMER_PASSWORD, expiresAt } },
        customer,
      );
    const past = await create(new Date(Date.now() - 60_000).toISOString());
    expect(problemsOf(past.body)).toEqual([expect.objectContaining({ field: 'expiresAt', code: 'DATE_IN_PAST' })]);
    const far = await create(new Date(Date.now() + 400 * 86_400_000).toISOString());
    expect(problemsOf(far.body)).toEqual([expect.objectContaining({ field: 'expiresAt', code: 'TOKEN_EXPIRY_TOO_FAR' })]);

    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const created = await create(expiresAt.toISOString());
    const { secret, token } = created.body.data!.createApiToken as { secret: string; token: { id: string; expiresAt: string } };
    expect(new Date(token.expiresAt).getTime()).toBe(expiresAt.getTime());
    const bearer = { authorization: `Bearer ${secret}`, 'x-portal-tenant': 'demo' };
    const INVOICES = `{ invoices(first: 1) { totalCount } }`;
    expect((await gateway.graphql(INVOICES, {}, bearer)).body.errors).toBeUndefined();

    // The expiry moment passes (moved in the database rather than waiting a month).
    await gateway.services.apiTokens.model.updateOne(
      { publicId: token.id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    expect(codeOf((await gateway.graphql(INVOICES, {}, bearer)).body)).toBe('UNAUTHENTICATED');

    // Without a date the token lives until revoked, as before.
    const open = await create(null);
    expect((open.body.data?.createApiToken as { token: { expiresAt: string | null } }).token.expiresAt).toBeNull();
  });
});

const AUDIT = `query ($tenantId: ID!, $filter: AuditEventFilter) {
  auditEvents(tenantId: $tenantId, first: 50, filter: $filter) { edges { node { type actor actorKind actorLabel } } } }`;
type Node = { type: string; actor: string | null; actorKind: string | null; actorLabel: string | null };

describe('audit trail actors in words', () => {
  it("names customers by email, staff by login and partners by the token's name, for staff only", async () => {
    const customer = (await signInCustomer(gateway, 'bakkerij')).headers;
    const made = await gateway.graphql(
      CREATE_TOKEN,
      { input: { name: 'ERP Koppeling', scopes: ['READ_REQUESTS', 'WRITE_REQUESTS'], password: DEMO_CUSTOMER_PASSWORD } },
      customer,
    );
    const { secret } = made.body.data!.createApiToken as { secret: string };
    // An audited partner action: the partner system files a request.
    const filed = await gateway.graphql(
      `mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { id } }`,
      { input: { subject: 'Levering gemist', body: 'De levering van dinsdag kwam niet.' } },
      { authorization: `Bearer ${secret}`, 'x-portal-tenant': 'demo' },
    );
    expect(filed.body.errors).toBeUndefined();

    const { body } = await gateway.graphql(AUDIT, { tenantId: 'demo' }, admin);
    expect(body.errors).toBeUndefined();
    const nodes = (body.data?.auditEvents as { edges: { node: Node }[] }).edges.map((e) => e.node);
    const created = nodes.find((n) => n.type === 'apitoken.created');
    expect(created).toMatchObject({ actorKind: 'ACCOUNT', actorLabel: 'inkoop@bakkerij-bakker.example' });
    expect(created?.actor).toMatch(/^account:/);
    expect(nodes.find((n) => n.type === 'staff.signed-in' && n.actor === 'staff:admin')).toMatchObject({
      actor: 'staff:admin',
      actorKind: 'STAFF',
      actorLabel: 'admin',
    });
    const submitted = nodes.find((n) => n.type === 'request.submitted');
    expect(submitted).toMatchObject({ actorKind: 'TOKEN', actorLabel: 'ERP Koppeling' });
    expect(submitted?.actor).toMatch(/^token:/);

    // Customers reading their own trail do not get names through it: the field is refused.
    const own = await gateway.graphql(`{ myAuditEvents(first: 5) { edges { node { type actorLabel } } } }`, {}, customer);
    expect(codeOf(own.body)).toBe('FORBIDDEN');
  });
});

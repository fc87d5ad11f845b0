import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyMfa, type AccountType } from '../../domain/accounts/account.types.js';
import { exportInMemory } from '../../domain/avg/export.test-support.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { signInCustomer } from '../../test/customers.js';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { signInStaff } from '../../test/staff.js';

/**
 * Delegated access (issue 16) end to end: real HTTP into a whole gateway with its own database and
 * simulator, mails from a real SMTP peer. Every test makes its own grantor (a fresh B2B account of
 * Bakkerij Bakker B.V.) and grantee, so blocking or revoking in one never touches another.
 */
let catcher: SmtpCatcher;
let gateway: TestGateway;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
  gateway = await startTestGateway({ SMTP_URL: catcher.url });
});
afterAll(async () => {
  await gateway?.close();
  await catcher?.close();
});

type Headers = Record<string, string>;
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const PASSWORD = 'Deurmat-Vuurtoren-Kaneel-42';
const COMPANY = DEMO.demo.bakkerij.clientId;
const SOPHIE = DEMO.demo.noAccount.sophieVisser;
const GROEN = DEMO.demo.noAccount.hoveniersGroen;
const DAY = 24 * 60 * 60 * 1000;

const GRANT = `mutation ($input: GrantDelegationInput!) { grantDelegation(input: $input) {
  id companyName granteeEmail granteeHasAccount scopes validFrom validUntil status } }`;
const SWITCH = `mutation ($id: ID) { switchContext(delegationId: $id) { delegationId companyName scopes } }`;
const REVOKE = `mutation ($id: ID!) { revokeDelegation(id: $id) { id status revokedAt } }`;
const RECEIVED = `{ delegationsReceived { id companyName status scopes granteeHasAccount } }`;
const GRANTED = `{ delegationsGranted { id granteeEmail granteeHasAccount status } }`;
const VIEWER = `{ viewer { ... on CustomerViewer { account { id } company { name } actingFor { delegationId companyName scopes } } } }`;

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Headers = {}) {
  const { body } = await gateway.graphql(query, variables, { 'x-portal-tenant': 'demo', ...headers });
  return body as GraphQLBody & { data?: Loose };
}

/** A fresh ACTIVE account with PASSWORD; returns its id, address and signed-in headers. */
async function newCustomer(
  type: AccountType,
  link: { clientId: string; contactId: string | null },
  tenantId = 'demo',
): Promise<{ id: string; email: string; headers: Headers }> {
  const email = `${type.toLowerCase()}.${randomUUID().slice(0, 8)}@example.nl`;
  const id = randomUUID();
  const now = new Date();
  await gateway.services.accounts.repository.create({
    id,
    tenantId,
    email,
    type,
    status: 'ACTIVE',
    ...link,
    locale: 'en',
    passwordHash: await gateway.services.passwordHasher.hash(PASSWORD),
    passwordChangedAt: now,
    mfa: emptyMfa(),
    failuresResetAt: null,
    invitedBy: 'test',
    createdAt: now,
    activatedAt: now,
    lastSignInAt: null,
  });
  return { id, email, headers: await signIn(email, tenantId) };
}

async function signIn(email: string, tenantId = 'demo'): Promise<Headers> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-portal-tenant': tenantId,
      'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
    },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
      variables: { input: { email, password: PASSWORD } },
    }),
  });
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('portal_session=ps_'))
    ?.split(';')[0];
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${await response.text()}`);
  return { cookie, 'x-portal-tenant': tenantId };
}

/** A grantor: a fresh B2B account of Bakkerij Bakker B.V. (another of its contacts). */
const newGrantor = () => newCustomer('B2B', { clientId: COMPANY, contactId: DEMO.demo.bakkerij.otherContactIds[0]! });
/** A grantee with records of their own: a B2C account of Sophie Visser. */
const newGrantee = () => newCustomer('B2C', { clientId: SOPHIE.clientId, contactId: null });

async function grant(
  grantor: Headers,
  granteeEmail: string,
  scopes: string[],
  dates: { validFrom?: Date; validUntil?: Date } = {},
): Promise<Loose> {
  const body = await gql(GRANT, { input: { granteeEmail, scopes, ...dates } }, grantor);
  expect(body.errors).toBeUndefined();
  return body.data.grantDelegation;
}

const LISTS = {
  invoices: '{ invoices(first: 100) { totalCount edges { node { id } } } }',
  orders: '{ orders(first: 100) { totalCount edges { node { id } } } }',
  contracts: '{ contracts(first: 100) { totalCount edges { node { id } } } }',
  requests: '{ requests(first: 100) { totalCount edges { node { id } } } }',
  documents: '{ documents(first: 100) { totalCount edges { node { id source } } } }',
} as const;
type Resource = keyof typeof LISTS | 'download';

/** What one resource answers: its record ids, or the error code. */
async function read(headers: Headers, resource: keyof typeof LISTS): Promise<{ ids: string[] } | { code: unknown }> {
  const body = await gql(LISTS[resource], {}, headers);
  if (body.errors) return { code: codeOf(body) };
  return { ids: (body.data[resource].edges as Loose[]).map((edge) => edge.node.id as string) };
}

/** Mints a download of `documentId` and fetches it: the HTTP status, or the GraphQL error code. */
async function download(headers: Headers, documentId: string): Promise<{ status: number; url?: string } | { code: unknown }> {
  const body = await gql('mutation ($id: ID!) { createDocumentDownload(documentId: $id) { url } }', { id: documentId }, headers);
  if (body.errors) return { code: codeOf(body) };
  const url = body.data.createDocumentDownload.url as string;
  return { status: (await fetch(url)).status, url };
}

/** The upstream object behind a portal id, as the simulator stores it. */
const stored = (uuid: string) => gateway.simulator.instance('demo').data.objects.find((o) => o.uuid === uuid);

let companyDocumentId: string;
let companyIds: Record<keyof typeof LISTS, Set<string>>;
beforeAll(async () => {
  // What the company's own account sees: the upper bound of what a grantee may ever see.
  const bakkerij = await signInCustomer(gateway, 'bakkerij');
  companyIds = {} as typeof companyIds;
  for (const resource of Object.keys(LISTS) as Array<keyof typeof LISTS>) {
    const result = await read(bakkerij.headers, resource);
    if (!('ids' in result)) throw new Error(`bakkerij cannot read ${resource}`);
    companyIds[resource] = new Set(result.ids);
  }
  const body = await gql(LISTS.documents, {}, bakkerij.headers);
  companyDocumentId = (body.data.documents.edges as Loose[]).find((e) => e.node.source === 'INVOICE')?.node.id as string;
  if (!companyDocumentId) throw new Error('the company has no invoice document');
});

describe('company context and colleagues', () => {
  it('a B2B viewer sees its company card and colleagues with their portal state only', async () => {
    const bakkerij = await signInCustomer(gateway, 'bakkerij');
    const viewer = await gql(
      `{ viewer { ... on CustomerViewer { company { id name email phone address website } } } }`,
      {},
      bakkerij.headers,
    );
    expect(viewer.data.viewer.company).toEqual({
      id: COMPANY,
      name: 'Bakkerij Bakker B.V.',
      email: 'info@bakkerij-bakker.example',
      phone: '+31 30 2345678',
      address: 'Voorstraat 88, 3512 AT Utrecht',
      website: 'https://bakkerij-bakker.example',
    });
    const colleagues = await gql(
      '{ colleagues { contactId name role hasPortalAccount portalAccountState isYou } }',
      {},
      bakkerij.headers,
    );
    expect(colleagues.errors).toBeUndefined();
    const list = colleagues.data.colleagues as Loose[];
    expect(list.map((c) => c.contactId).sort()).toEqual(
      [DEMO.demo.bakkerij.contactId, ...DEMO.demo.bakkerij.otherContactIds].sort(),
    );
    expect(list.find((c) => c.isYou)).toMatchObject({
      name: 'Sanne de Groot',
      role: 'Inkoper',
      hasPortalAccount: true,
      portalAccountState: 'ACTIVE',
    });
    expect(list.find((c) => c.name === 'Kees Verbeek')).toMatchObject({ role: 'Productieleider', hasPortalAccount: false });
    // Status only: no address, sign-in data or account id of anybody.
    expect(JSON.stringify(list)).not.toMatch(/@/);
  });

  it('B2C accounts have no company and no colleagues; nobody signed in is UNAUTHENTICATED', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    expect(
      (await gql(`{ viewer { ... on CustomerViewer { company { name } } } }`, {}, jan.headers)).data.viewer.company,
    ).toBeNull();
    expect(codeOf(await gql('{ colleagues { name } }', {}, jan.headers))).toBe('FORBIDDEN');
    expect(codeOf(await gql('{ colleagues { name } }'))).toBe('UNAUTHENTICATED');
  });
});

describe('inviting a colleague', () => {
  const INVITE = 'mutation ($id: ID!) { inviteColleague(contactId: $id) { contactId name portalAccountState canInvite } }';
  const FATIMA = DEMO.demo.bakkerij.otherContactIds[1]!;

  it('is off until the tenant allows it; then goes through the invitation flow, audited with the inviter as actor', async () => {
    const bakkerij = await signInCustomer(gateway, 'bakkerij');
    expect(codeOf(await gql(INVITE, { id: FATIMA }, bakkerij.headers))).toBe('FORBIDDEN');
    const before = (await gql('{ colleagues { contactId canInvite } }', {}, bakkerij.headers)).data.colleagues as Loose[];
    expect(before.every((c) => !c.canInvite)).toBe(true);

    const admin = await signInStaff(gateway, 'admin');
    const saved = await gql(
      'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { colleagueInvitesEnabled } }',
      { input: { colleagueInvitesEnabled: true } },
      admin.headers,
    );
    expect(saved.data?.saveTenantConfig).toEqual({ colleagueInvitesEnabled: true });
    const listed = (await gql('{ colleagues { contactId canInvite } }', {}, bakkerij.headers)).data.colleagues as Loose[];
    expect(listed.find((c) => c.contactId === FATIMA)).toMatchObject({ canInvite: true });

    const invited = await gql(INVITE, { id: FATIMA }, bakkerij.headers);
    expect(invited.data?.inviteColleague).toEqual({
      contactId: FATIMA,
      name: 'Fatima El Amrani',
      portalAccountState: 'INVITED',
      canInvite: false,
    });
    const mail = await catcher.waitFor((m) => isAddressedTo(m, 'administratie@bakkerij-bakker.example'));
    expect(linkIn(mail, '/portal/activate')).toContain('token=');
    const event = (await gateway.services.audit.list('demo', { eventType: 'account.invited' }, { first: 50 })).events[0];
    expect(event).toMatchObject({
      actor: expect.stringMatching(/^account:/),
      details: expect.objectContaining({ contactId: FATIMA }),
    });
    expect(event?.actor).not.toBe(`account:${event?.accountId}`);

    // Once invited, again is refused; another company's contact is not found.
    expect(codeOf(await gql(INVITE, { id: FATIMA }, bakkerij.headers))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(INVITE, { id: GROEN.contactIds[0] }, bakkerij.headers))).toBe('NOT_FOUND');
    const jan = await signInCustomer(gateway, 'jan');
    expect(codeOf(await gql(INVITE, { id: FATIMA }, jan.headers))).toBe('FORBIDDEN');
  });
});

describe('inviting a colleague: refusals say why', () => {
  const INVITE = 'mutation ($id: ID!) { inviteColleague(contactId: $id) { contactId } }';
  const setInvites = async (enabled: boolean) => {
    const admin = await signInStaff(gateway, 'admin');
    const saved = await gql(
      'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { colleagueInvitesEnabled } }',
      { input: { colleagueInvitesEnabled: enabled } },
      admin.headers,
    );
    expect(saved.data?.saveTenantConfig).toEqual({ colleagueInvitesEnabled: enabled });
  };

  it('switched off, a colleague who already has an account, and another company’s contact', async () => {
    // The inviter's own contact has an account: the inviter's.
    const inviter = await newGrantor();
    await setInvites(false);
    const off = await gql(INVITE, { id: DEMO.demo.bakkerij.otherContactIds[0] }, inviter.headers);
    expect(off.errors?.[0]).toMatchObject({
      message: 'This portal does not let you invite colleagues.',
      extensions: { code: 'FORBIDDEN' },
    });

    await setInvites(true);
    const taken = await gql(INVITE, { id: DEMO.demo.bakkerij.otherContactIds[0] }, inviter.headers);
    expect(taken.errors?.[0]).toMatchObject({
      message: 'This colleague already has an account.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(taken.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'contactId', code: 'EMAIL_IN_USE', message: 'This colleague already has an account.', params: {} },
    ]);

    const foreign = await gql(INVITE, { id: GROEN.contactIds[0] }, inviter.headers);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message).toMatch(/^The colleague/);
  });
});

describe('the chosen context', () => {
  it('names exactly the granted scopes, in the viewer too; "myself" acts for nobody', async () => {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const given = await grant(grantor.headers, grantee.email, ['SUBMIT_REQUESTS', 'VIEW_CONTRACTS']);
    const actingFor = async () => ((await gql(VIEWER, {}, grantee.headers)).data.viewer.actingFor as Loose) ?? null;
    expect(await actingFor()).toBeNull();

    const switched = await gql(SWITCH, { id: given.id }, grantee.headers);
    const context = {
      delegationId: given.id,
      companyName: 'Bakkerij Bakker B.V.',
      scopes: ['VIEW_CONTRACTS', 'SUBMIT_REQUESTS'],
    };
    expect(switched.data.switchContext).toEqual(context);
    expect(await actingFor()).toEqual(context);

    const back = await gql(SWITCH, { id: null }, grantee.headers);
    expect(back.data.switchContext).toBeNull();
    expect(await actingFor()).toBeNull();
  });

  it('a context that is not yours cannot be chosen, and says so', async () => {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const someoneElse = await newGrantee();
    const given = await grant(grantor.headers, grantee.email, ['VIEW_CONTRACTS']);
    const refused = await gql(SWITCH, { id: given.id }, someoneElse.headers);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This company does not give you access now.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('records each delegated scope once per request, however often the request reads it, with the grant as target', async () => {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const given = await grant(grantor.headers, grantee.email, ['VIEW_INVOICES_ORDERS']);
    await gql(SWITCH, { id: given.id }, grantee.headers);
    const usesOf = async () =>
      (await gateway.services.audit.list('demo', { eventType: 'delegation.used' }, { first: 200 })).events.filter(
        (e) => e.targetId === given.id,
      );

    const twice = await gql('{ a: invoices(first: 1) { totalCount } b: invoices(first: 2) { totalCount } }', {}, grantee.headers);
    expect(twice.errors).toBeUndefined();
    const once = await usesOf();
    expect(once).toHaveLength(1);
    expect(once[0]).toMatchObject({ targetType: 'delegation', outcome: 'success' });

    await gql('{ invoices(first: 1) { totalCount } }', {}, grantee.headers);
    expect(await usesOf()).toHaveLength(2);
  });
});

describe('granting', () => {
  it('a grant to an address without an account waits, is mailed, and activates when that account is activated', async () => {
    const grantor = await newGrantor();
    const email = `boekhouder.${randomUUID().slice(0, 8)}@example.nl`;
    const given = await grant(grantor.headers, email.toUpperCase(), ['VIEW_INVOICES_ORDERS', 'VIEW_INVOICES_ORDERS']);
    expect(given).toMatchObject({
      granteeEmail: email,
      granteeHasAccount: false,
      status: 'PENDING',
      scopes: ['VIEW_INVOICES_ORDERS'],
      companyName: 'Bakkerij Bakker B.V.',
    });
    const notice = await catcher.waitFor((m) => isAddressedTo(m, email));
    expect(notice.text).toContain('Bakkerij Bakker B.V.');

    // The tenant admin invites the bookkeeper (as a private person); activating binds the grant.
    const admin = await signInStaff(gateway, 'admin');
    const invited = await gql(
      `mutation ($tenantId: ID!, $input: InvitePortalAccountInput!) { invitePortalAccount(tenantId: $tenantId, input: $input) { id } }`,
      { tenantId: 'demo', input: { email, type: 'B2C', clientId: SOPHIE.clientId } },
      admin.headers,
    );
    expect(invited.errors).toBeUndefined();
    const invitation = await catcher.waitFor((m) => isAddressedTo(m, email) && m.text.includes('/portal/activate'));
    const token = new URL(linkIn(invitation, '/portal/activate')).searchParams.get('token');
    const activated = await gql('mutation ($t: String!, $p: String!) { activateAccount(token: $t, password: $p) }', {
      t: token,
      p: PASSWORD,
    });
    expect(activated.data?.activateAccount).toBe(true);

    const grantee = await signIn(email);
    const received = (await gql(RECEIVED, {}, grantee)).data.delegationsReceived as Loose[];
    expect(received).toEqual([expect.objectContaining({ id: given.id, status: 'ACTIVE', granteeHasAccount: true })]);
    expect((await gql(GRANTED, {}, grantor.headers)).data.delegationsGranted).toEqual([
      expect.objectContaining({ id: given.id, granteeHasAccount: true, status: 'ACTIVE' }),
    ]);
    const events = (await gateway.services.audit.list('demo', {}, { first: 200 })).events.filter((e) => e.targetId === given.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['delegation.granted', 'delegation.activated']));
    expect(events.find((e) => e.type === 'delegation.activated')).toMatchObject({
      actor: `account:${invited.data.invitePortalAccount.id}`,
    });
  });

  it('a grant to a blocked account waits and binds once that account is active again', async () => {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const admin = await signInStaff(gateway, 'admin');
    const setStatus = (status: string) =>
      gql(
        'mutation ($t: ID!, $a: ID!, $s: AccountStatus!) { setPortalAccountStatus(tenantId: $t, accountId: $a, status: $s) { status } }',
        { t: 'demo', a: grantee.id, s: status },
        admin.headers,
      );
    await setStatus('BLOCKED');
    const given = await grant(grantor.headers, grantee.email, ['VIEW_CONTRACTS']);
    expect(given).toMatchObject({ status: 'PENDING', granteeHasAccount: false });
    await setStatus('ACTIVE');
    const headers = await signIn(grantee.email);
    expect((await gql(RECEIVED, {}, headers)).data.delegationsReceived).toEqual([
      expect.objectContaining({ id: given.id, status: 'ACTIVE', granteeHasAccount: true }),
    ]);
    expect((await gql(SWITCH, { id: given.id }, headers)).errors).toBeUndefined();
  });

  it('refuses B2C grantors, yourself, unknown scopes and end dates in the past', async () => {
    const grantor = await newGrantor();
    const b2c = await newGrantee();
    expect(codeOf(await gql(GRANT, { input: { granteeEmail: 'x@example.nl', scopes: ['VIEW_CONTRACTS'] } }, b2c.headers))).toBe(
      'FORBIDDEN',
    );
    const self = await gql(GRANT, { input: { granteeEmail: grantor.email, scopes: ['VIEW_CONTRACTS'] } }, grantor.headers);
    expect(self.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ field: 'granteeEmail', code: 'DELEGATION_TO_SELF' }),
    ]);
    const past = await gql(
      GRANT,
      { input: { granteeEmail: b2c.email, scopes: ['VIEW_CONTRACTS'], validUntil: new Date(Date.now() - DAY) } },
      grantor.headers,
    );
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(GRANT, { input: { granteeEmail: b2c.email, scopes: [] } }, grantor.headers))).toBe('BAD_USER_INPUT');
  });
});

describe('a grantee acting for the company sees exactly the granted scopes of the company', () => {
  /** Every resource for a grantee acting under `scopes`: ids inside the company's, or a refusal. */
  async function matrixFor(scopes: string[]): Promise<Record<Resource, string>> {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const given = await grant(grantor.headers, grantee.email, scopes);
    expect(given.status).toBe('ACTIVE');
    const switched = await gql(SWITCH, { id: given.id }, grantee.headers);
    expect(switched.data.switchContext).toMatchObject({ delegationId: given.id, companyName: 'Bakkerij Bakker B.V.' });
    const outcome = {} as Record<Resource, string>;
    for (const resource of Object.keys(LISTS) as Array<keyof typeof LISTS>) {
      const result = await read(grantee.headers, resource);
      if ('code' in result) {
        outcome[resource] = String(result.code);
        continue;
      }
      // Nothing outside the company's own records, and each one is the company's upstream.
      for (const id of result.ids) expect(companyIds[resource].has(id), `${resource} ${id}`).toBe(true);
      if (resource !== 'documents') for (const id of result.ids) expect(JSON.stringify(stored(id)?.data)).toContain(COMPANY);
      outcome[resource] = result.ids.length > 0 ? 'records' : 'empty';
    }
    const fetched = await download(grantee.headers, companyDocumentId);
    outcome.download = 'code' in fetched ? String(fetched.code) : `HTTP ${fetched.status}`;
    return outcome;
  }

  it('VIEW_INVOICES_ORDERS: invoices and orders only', async () => {
    expect(await matrixFor(['VIEW_INVOICES_ORDERS'])).toEqual({
      invoices: 'records',
      orders: 'records',
      contracts: 'FORBIDDEN',
      requests: 'FORBIDDEN',
      documents: 'FORBIDDEN',
      download: 'FORBIDDEN',
    });
  });

  it('VIEW_CONTRACTS: contracts only', async () => {
    expect(await matrixFor(['VIEW_CONTRACTS'])).toEqual({
      invoices: 'FORBIDDEN',
      orders: 'FORBIDDEN',
      contracts: 'records',
      requests: 'FORBIDDEN',
      documents: 'FORBIDDEN',
      download: 'FORBIDDEN',
    });
  });

  it('VIEW_DOCUMENTS alone: the documents of no record (each needs its record’s scope too)', async () => {
    expect(await matrixFor(['VIEW_DOCUMENTS'])).toEqual({
      invoices: 'FORBIDDEN',
      orders: 'FORBIDDEN',
      contracts: 'FORBIDDEN',
      requests: 'FORBIDDEN',
      documents: 'empty',
      download: 'NOT_FOUND',
    });
  });

  it('SUBMIT_REQUESTS: requests only', async () => {
    expect(await matrixFor(['SUBMIT_REQUESTS'])).toEqual({
      invoices: 'FORBIDDEN',
      orders: 'FORBIDDEN',
      contracts: 'FORBIDDEN',
      requests: 'records',
      documents: 'FORBIDDEN',
      download: 'FORBIDDEN',
    });
  });

  it('VIEW_INVOICES_ORDERS + VIEW_DOCUMENTS: the invoices’ documents, downloadable', async () => {
    expect(await matrixFor(['VIEW_INVOICES_ORDERS', 'VIEW_DOCUMENTS'])).toEqual({
      invoices: 'records',
      orders: 'records',
      contracts: 'FORBIDDEN',
      requests: 'FORBIDDEN',
      documents: 'records',
      download: 'HTTP 200',
    });
  });

  it('every use is audited as the grantee on behalf of the company', async () => {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const given = await grant(grantor.headers, grantee.email, ['VIEW_CONTRACTS']);
    await gql(SWITCH, { id: given.id }, grantee.headers);
    await read(grantee.headers, 'contracts');
    await read(grantee.headers, 'invoices');
    const events = (await gateway.services.audit.list('demo', { eventType: 'delegation.used' }, { first: 200 })).events.filter(
      (e) => e.targetId === given.id,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          outcome: 'success',
          actor: `account:${grantee.id}`,
          accountId: grantee.id,
          details: expect.objectContaining({ scope: 'VIEW_CONTRACTS', onBehalfOf: { clientId: COMPANY, accountId: grantor.id } }),
        }),
        expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ scope: 'VIEW_INVOICES_ORDERS' }) }),
      ]),
    );
  });
});

describe('a context that ends is gone: FORBIDDEN once, then back to myself', () => {
  const ALL = ['VIEW_INVOICES_ORDERS', 'VIEW_CONTRACTS', 'VIEW_DOCUMENTS', 'SUBMIT_REQUESTS'];

  /** Grants everything, switches, mints a download; `end` ends the grant; then checks every resource. */
  async function endsWith(end: (ctx: { grantorId: string; grantor: Headers; grantee: Headers; id: string }) => Promise<void>) {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const own = await read(grantee.headers, 'invoices');
    const given = await grant(grantor.headers, grantee.email, ALL);
    await gql(SWITCH, { id: given.id }, grantee.headers);
    const link = await download(grantee.headers, companyDocumentId);
    expect(link).toMatchObject({ status: 200 });

    await end({ grantorId: grantor.id, grantor: grantor.headers, grantee: grantee.headers, id: given.id });

    // The link minted in the company's context dies with it.
    expect((await fetch((link as { url: string }).url)).status).toBe(404);
    // The first request after the end is refused, whatever it asks for…
    expect(await read(grantee.headers, 'invoices')).toEqual({ code: 'FORBIDDEN' });
    // …and the session is back on "myself": the grantee's own records, none of the company's.
    const viewer = await gql(VIEWER, {}, grantee.headers);
    expect(viewer.data.viewer.actingFor).toBeNull();
    expect(await read(grantee.headers, 'invoices')).toEqual(own);
    for (const resource of Object.keys(LISTS) as Array<keyof typeof LISTS>) {
      const result = await read(grantee.headers, resource);
      if ('ids' in result) for (const id of result.ids) expect(companyIds[resource].has(id)).toBe(false);
    }
    // And it cannot be chosen again.
    expect(codeOf(await gql(SWITCH, { id: given.id }, grantee.headers))).toBe('FORBIDDEN');
    return given.id as string;
  }

  it('after the end date', async () => {
    const id = await endsWith(async ({ id }) => {
      await gateway.services.delegations.model.updateOne({ _id: id }, { $set: { validUntil: new Date(Date.now() - 1000) } });
    });
    const ended = (await gateway.services.delegations.model.findById(id).lean())!;
    expect(ended.revokedAt).toBeNull();
  });

  it('after the grantor revokes', async () => {
    await endsWith(async ({ grantor, id }) => {
      const revoked = await gql(REVOKE, { id }, grantor);
      expect(revoked.data.revokeDelegation).toMatchObject({ id, status: 'REVOKED' });
    });
  });

  it('after the grantee ends it themselves', async () => {
    await endsWith(async ({ grantee, id }) => {
      // The grantee's own revoke arrives while acting: it is their own business, so allowed.
      expect((await gql(REVOKE, { id }, grantee)).data.revokeDelegation.status).toBe('REVOKED');
    });
  });

  it('after the grantor is blocked', async () => {
    const admin = await signInStaff(gateway, 'admin');
    await endsWith(async ({ grantorId }) => {
      const blocked = await gql(
        'mutation ($t: ID!, $a: ID!) { setPortalAccountStatus(tenantId: $t, accountId: $a, status: BLOCKED) { status } }',
        { t: 'demo', a: grantorId },
        admin.headers,
      );
      expect(blocked.data.setPortalAccountStatus.status).toBe('BLOCKED');
    });
  });

  it('before the start date it cannot be chosen, from then on it can', async () => {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const given = await grant(grantor.headers, grantee.email, ALL, { validFrom: new Date(Date.now() + DAY) });
    expect(given.status).toBe('SCHEDULED');
    expect(codeOf(await gql(SWITCH, { id: given.id }, grantee.headers))).toBe('FORBIDDEN');
    await gateway.services.delegations.model.updateOne({ _id: given.id }, { $set: { validFrom: new Date(Date.now() - 1000) } });
    expect((await gql(SWITCH, { id: given.id }, grantee.headers)).errors).toBeUndefined();
    expect(await read(grantee.headers, 'contracts')).toMatchObject({ ids: expect.any(Array) });
  });
});

describe('on behalf of the company', () => {
  it('a submitted request is filed with the company as client, no contact, the grantee as reporter, audited with both', async () => {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const given = await grant(grantor.headers, grantee.email, ['SUBMIT_REQUESTS']);
    await gql(SWITCH, { id: given.id }, grantee.headers);
    const submitted = await gql(
      'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { id subject } }',
      { input: { subject: 'Factuur klopt niet', body: 'Namens de bakkerij: het btw-bedrag op de laatste factuur.' } },
      grantee.headers,
    );
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data.submitRequest.id as string;
    const upstream = stored(id)!.data as Record<string, unknown>;
    expect(upstream.client).toBe(COMPANY);
    expect(upstream.contact ?? null).toBeNull();
    expect(upstream.reporterAccountId).toBe(grantee.id);
    // The company's own account sees it too.
    expect((await read(grantor.headers, 'requests')) as { ids: string[] }).toMatchObject({ ids: expect.arrayContaining([id]) });
    const event = (await gateway.services.audit.list('demo', { eventType: 'request.submitted' }, { first: 50 })).events.find(
      (e) => e.accountId === grantee.id,
    );
    expect(event).toMatchObject({
      actor: `account:${grantee.id}`,
      details: expect.objectContaining({ onBehalfOf: { clientId: COMPANY, accountId: grantor.id, delegationId: given.id } }),
    });
  });

  it('no re-delegation: a grantee acting for a company cannot grant, as themselves only for their own company', async () => {
    const grantor = await newGrantor();
    const grantee = await newCustomer('B2B', { clientId: GROEN.clientId, contactId: GROEN.contactIds[0]! });
    const given = await grant(grantor.headers, grantee.email, ['VIEW_INVOICES_ORDERS']);
    await gql(SWITCH, { id: given.id }, grantee.headers);
    const onward = await gql(
      GRANT,
      { input: { granteeEmail: 'derde@example.nl', scopes: ['VIEW_INVOICES_ORDERS'] } },
      grantee.headers,
    );
    expect(codeOf(onward)).toBe('FORBIDDEN');
    expect(await gql(SWITCH, { id: null }, grantee.headers)).toMatchObject({ data: { switchContext: null } });
    const own = await grant(grantee.headers, 'derde@example.nl', ['VIEW_INVOICES_ORDERS']);
    expect(own.companyName).not.toBe('Bakkerij Bakker B.V.');
  });

  it('another tenant’s account is never reachable', async () => {
    const grantor = await newGrantor();
    const given = await grant(grantor.headers, DEMO.other.pietDeVries.email, ['VIEW_INVOICES_ORDERS']);
    // Piet has an account, but in tenant `other`: the grant does not bind to it.
    expect(given).toMatchObject({ status: 'PENDING', granteeHasAccount: false });
    const piet = await signInCustomer(gateway, 'piet');
    expect((await gateway.graphql(RECEIVED, {}, piet.headers)).body.data?.delegationsReceived).toEqual([]);
    const tried = await gateway.graphql(SWITCH, { id: given.id }, piet.headers);
    expect(tried.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Nor can anyone else of the tenant choose a grant that is not theirs.
    const stranger = await newGrantee();
    expect(codeOf(await gql(SWITCH, { id: given.id }, stranger.headers))).toBe('FORBIDDEN');
    expect(codeOf(await gql(REVOKE, { id: given.id }, stranger.headers))).toBe('NOT_FOUND');
  });

  it('both persons’ data exports list the grant', async () => {
    const grantor = await newGrantor();
    const grantee = await newGrantee();
    const given = await grant(grantor.headers, grantee.email, ['VIEW_CONTRACTS']);
    for (const [who, side] of [
      [grantor, 'granted'],
      [grantee, 'received'],
    ] as const) {
      const account = (await gateway.services.accounts.repository.findById(who.id))!;
      const files = await exportInMemory(gateway, 'demo', account);
      const manifest = JSON.parse(files.get('export.json')!.toString('utf8')) as Loose;
      expect(manifest.delegations[side]).toEqual([
        expect.objectContaining({
          id: given.id,
          grantorClientId: COMPANY,
          granteeEmail: grantee.email,
          scopes: ['VIEW_CONTRACTS'],
        }),
      ]);
    }
  });

  it('partner tokens name their own scopes: a delegation scope is refused, the token scopes it stands for work', async () => {
    const grantor = await newGrantor();
    const create = (scopes: string[]) =>
      gql(
        'mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret token { scopes } } }',
        { input: { name: 'Boekhoudpakket', scopes, password: PASSWORD } },
        grantor.headers,
      );
    // The ApiTokenScope enum is the only spelling GraphQL takes (README, partner API tokens).
    const refused = await create(['VIEW_CONTRACTS', 'SUBMIT_REQUESTS']);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toContain('"ApiTokenScope"');
    const created = await create(['READ_CONTRACTS', 'READ_REQUESTS', 'WRITE_REQUESTS']);
    expect(created.errors).toBeUndefined();
    expect(created.data.createApiToken.token.scopes).toEqual(['READ_CONTRACTS', 'READ_REQUESTS', 'WRITE_REQUESTS']);
    const partner = { authorization: `Bearer ${created.data.createApiToken.secret as string}` };
    expect(await read(partner, 'contracts')).toMatchObject({ ids: expect.any(Array) });
    expect(await read(partner, 'invoices')).toEqual({ code: 'FORBIDDEN' });
  });
});

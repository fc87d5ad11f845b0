import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyMfa } from '../../domain/accounts/account.types.js';
import { DEMO_CUSTOMER_PASSWORD } from '../../domain/accounts/demo-accounts.js';
import { totpCodeAt } from '../../domain/mfa/totp.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { signInStaff } from '../../test/staff.js';

/**
 * Accounts end to end: real HTTP into a whole gateway (demo mode, its own database and
 * simulator), mails read from a real SMTP peer on loopback.
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

const PASSWORD = 'Tuinhek-Regenboog-Kastanje-8';
const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { status sessionExpiresAt viewer { __typename ... on CustomerViewer { enrolmentOnly account { id email type status mfaEnabled locale } } } } }`;
const VIEWER = `{ viewer { __typename
  ... on CustomerViewer { enrolmentOnly sessionExpiresAt account { id email type contactName } }
  ... on PartnerViewer { token { id name scopes } account { email type } }
  ... on StaffViewer { loginName roles } } }`;

type Gql = Awaited<ReturnType<TestGateway['graphql']>>;
/** POSTs GraphQL and keeps the response headers, for the Set-Cookie checks. */
async function post(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  tenant = 'demo',
) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': tenant, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Gql['body'], cookies: response.headers.getSetCookie() };
}
const sessionCookieOf = (cookies: string[]) => {
  const cookie = cookies.find((c) => c.startsWith('portal_session=ps_'));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return { header: cookie.split(';')[0]!, full: cookie };
};
const codeOf = (body: Gql['body']) => body.errors?.[0]?.extensions?.code;

/** A fresh ACTIVE account with PASSWORD, so tests never depend on each other's changes. */
async function createCustomer(tenantId: 'demo' | 'other', type: 'B2B' | 'B2C' = 'B2C'): Promise<string> {
  const email = `${type.toLowerCase()}.${randomUUID().slice(0, 8)}@example.nl`;
  const link =
    tenantId === 'other'
      ? { clientId: DEMO.other.noAccount.anoukSmit.clientId, contactId: DEMO.other.noAccount.anoukSmit.contactId }
      : type === 'B2B'
        ? { clientId: DEMO.demo.bakkerij.clientId, contactId: DEMO.demo.bakkerij.otherContactIds[0] }
        : { clientId: DEMO.demo.noAccount.sophieVisser.clientId, contactId: null };
  const now = new Date();
  await gateway.services.accounts.repository.create({
    id: randomUUID(),
    tenantId,
    email,
    type,
    status: 'ACTIVE',
    ...link,
    locale: 'nl',
    passwordHash: await gateway.services.passwordHasher.hash(PASSWORD),
    passwordChangedAt: now,
    mfa: emptyMfa(),
    failuresResetAt: null,
    invitedBy: 'test',
    createdAt: now,
    activatedAt: now,
    lastSignInAt: null,
  });
  return email;
}

async function signIn(email: string, password: string, tenant = 'demo', extra: Record<string, string> = {}) {
  return post(SIGN_IN, { input: { email, password, ...extra } }, {}, tenant);
}

describe('invite → activate → sign in, over HTTP with mail from the SMTP peer', () => {
  it('works end to end', async () => {
    const admin = await signInStaff(gateway, 'admin');
    const email = `sophie.${Date.now()}@example.nl`;
    const invite = await post(
      `mutation ($tenantId: ID!, $input: InvitePortalAccountInput!) { invitePortalAccount(tenantId: $tenantId, input: $input) { id email type status contactName createdAt lastSignInAt } }`,
      { tenantId: 'demo', input: { email, type: 'B2C', clientId: DEMO.demo.noAccount.sophieVisser.clientId, locale: 'EN' } },
      admin.headers,
    );
    expect(invite.body.errors).toBeUndefined();
    expect(invite.body.data?.invitePortalAccount).toMatchObject({
      email,
      type: 'B2C',
      status: 'INVITED',
      contactName: 'Sophie Visser',
      lastSignInAt: null,
    });

    const mail = await catcher.waitFor((m) => isAddressedTo(m, email));
    expect(mail.subject.length).toBeGreaterThan(0);
    const link = linkIn(mail, '/portal/activate');
    const token = new URL(link).searchParams.get('token')!;

    const weak = await post(`mutation ($t: String!, $p: String!) { activateAccount(token: $t, password: $p) }`, {
      t: token,
      p: 'sophie2026',
    });
    expect(codeOf(weak.body)).toBe('BAD_USER_INPUT');
    const activated = await post(`mutation ($t: String!, $p: String!) { activateAccount(token: $t, password: $p) }`, {
      t: token,
      p: PASSWORD,
    });
    expect(activated.body).toEqual({ data: { activateAccount: true } });

    const signedIn = await signIn(email.toUpperCase(), PASSWORD);
    expect(signedIn.body.data?.signIn).toMatchObject({
      status: 'SIGNED_IN',
      viewer: { __typename: 'CustomerViewer', account: { email, status: 'ACTIVE', locale: 'EN' } },
    });
    const cookie = sessionCookieOf(signedIn.cookies);
    expect(cookie.full).toMatch(/HttpOnly/i);
    expect(cookie.full).toMatch(/SameSite=Lax/i);
    expect(cookie.full).toMatch(/Max-Age=28800/);

    const viewer = await post(VIEWER, {}, { cookie: cookie.header });
    expect(viewer.body.data?.viewer).toMatchObject({
      __typename: 'CustomerViewer',
      enrolmentOnly: false,
      account: { email, contactName: 'Sophie Visser' },
    });

    // The session belongs to this tenant only.
    expect((await post(VIEWER, {}, { cookie: cookie.header }, 'other')).body.data?.viewer).toBeNull();

    const signOut = await post(`mutation { signOut }`, {}, { cookie: cookie.header });
    expect(signOut.body.data?.signOut).toBe(true);
    expect(signOut.cookies.some((c) => c.startsWith('portal_session=;'))).toBe(true);
    expect((await post(VIEWER, {}, { cookie: cookie.header })).body.data?.viewer).toBeNull();

    const events = await gateway.services.audit.list('demo', {}, { first: 200 });
    const types = events.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['account.invited', 'account.activated', 'login.succeeded', 'logout']));
    // No password, link token or session token ever reaches the audit trail.
    const trail = JSON.stringify(events.events);
    for (const secret of [PASSWORD, token, cookie.header.split('=')[1]!]) expect(trail).not.toContain(secret);
  });

  it('password reset over HTTP: mail from the SMTP peer, sessions revoked', async () => {
    const email = await createCustomer('demo');
    const first = sessionCookieOf((await signIn(email, PASSWORD)).cookies);
    expect(
      (await post(`mutation ($e: String!) { requestPasswordReset(email: $e) }`, { e: email })).body.data?.requestPasswordReset,
    ).toBe(true);
    expect(
      (await post(`mutation ($e: String!) { requestPasswordReset(email: $e) }`, { e: 'nobody@example.nl' })).body.data
        ?.requestPasswordReset,
    ).toBe(true);
    const mail = await catcher.waitFor((m) => isAddressedTo(m, email) && m.text.includes('/portal/reset-password'));
    const token = new URL(linkIn(mail, '/portal/reset-password')).searchParams.get('token')!;
    const newPassword = 'Schommel-Vuurtoren-Hazelnoot-3';
    const reset = await post(`mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`, {
      t: token,
      p: newPassword,
    });
    expect(reset.body).toEqual({ data: { resetPassword: true } });
    expect((await post(VIEWER, {}, { cookie: first.header })).body.data?.viewer).toBeNull();
    expect(codeOf((await signIn(email, PASSWORD)).body)).toBe('INVALID_CREDENTIALS');
    expect((await signIn(email, newPassword)).body.data?.signIn).toMatchObject({ status: 'SIGNED_IN' });
    await catcher.waitFor((m) => isAddressedTo(m, email) && m !== mail && !m.text.includes('/portal/reset-password'));
  });
});

describe('sign-in answers over HTTP', () => {
  it('the demo customers can sign in', async () => {
    expect((await signIn(DEMO.demo.bakkerij.email, DEMO_CUSTOMER_PASSWORD)).body.data?.signIn).toMatchObject({
      status: 'SIGNED_IN',
      viewer: { account: { type: 'B2B' } },
    });
    expect((await signIn(DEMO.other.pietDeVries.email, DEMO_CUSTOMER_PASSWORD, 'other')).body.data?.signIn).toMatchObject({
      status: 'SIGNED_IN',
    });
    // Accounts are per tenant.
    expect(codeOf((await signIn(DEMO.other.pietDeVries.email, DEMO_CUSTOMER_PASSWORD, 'demo')).body)).toBe('INVALID_CREDENTIALS');
  });

  it('wrong password: INVALID_CREDENTIALS, no cookie', async () => {
    const result = await signIn(DEMO.demo.bakkerij.email, 'Wrong-Password-123');
    expect(codeOf(result.body)).toBe('INVALID_CREDENTIALS');
    expect(result.cookies.filter((c) => c.startsWith('portal_session=ps_'))).toEqual([]);
  });

  it('viewer is null for anonymous callers and names staff with their roles', async () => {
    expect((await post(VIEWER)).body).toEqual({ data: { viewer: null } });
    const dpo = await signInStaff(gateway, 'dpo');
    expect((await post(VIEWER, {}, dpo.headers)).body.data?.viewer).toEqual({
      __typename: 'StaffViewer',
      loginName: 'dpo',
      roles: ['DPO'],
    });
  });

  it('only a tenant ADMIN may invite', async () => {
    const mutation = `mutation ($input: InvitePortalAccountInput!) { invitePortalAccount(tenantId: "demo", input: $input) { id } }`;
    const input = { email: 'x@example.nl', type: 'B2C', clientId: DEMO.demo.noAccount.sophieVisser.clientId };
    expect(codeOf((await post(mutation, { input })).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await post(mutation, { input }, (await signInStaff(gateway, 'dpo')).headers)).body)).toBe('FORBIDDEN');
    const customer = sessionCookieOf((await signIn(DEMO.demo.bakkerij.email, DEMO_CUSTOMER_PASSWORD)).cookies);
    expect(codeOf((await post(mutation, { input }, { cookie: customer.header })).body)).toBe('FORBIDDEN');
  });
});

describe('tenant-enforced MFA over HTTP', () => {
  it('enrolment-only session → enrol → full session; then MFA_REQUIRED, and a recovery code works once', async () => {
    const other = gateway.services.tenants.get('other')!;
    const email = await createCustomer('other');
    await gateway.services.tenants.savePortal('other', { ...other.portal, mfaRequired: true }, 'admin', new Date());
    try {
      await enforcedMfaPath(email, other.portal.displayName);
    } finally {
      await gateway.services.tenants.savePortal('other', other.portal, 'admin', new Date());
    }
  });
});

async function enforcedMfaPath(email: string, displayName: string) {
  {
    const first = await signIn(email, PASSWORD, 'other');
    expect(first.body.data?.signIn).toMatchObject({ status: 'MFA_ENROLLMENT_REQUIRED', viewer: { enrolmentOnly: true } });
    const limited = sessionCookieOf(first.cookies);
    expect(limited.full).toMatch(/Max-Age=600/);
    // The limited session can do nothing but enrol.
    expect(codeOf((await post(`{ apiTokens { id } }`, {}, { cookie: limited.header }, 'other')).body)).toBe('FORBIDDEN');
    expect(codeOf((await post(`mutation { disableMfa(code: "123456") }`, {}, { cookie: limited.header }, 'other')).body)).toBe(
      'FORBIDDEN',
    );

    const begun = await post(`mutation { beginMfaEnrollment { secret otpauthUri } }`, {}, { cookie: limited.header }, 'other');
    const { secret, otpauthUri } = begun.body.data!.beginMfaEnrollment as { secret: string; otpauthUri: string };
    expect(otpauthUri).toContain(encodeURIComponent(displayName));
    const confirmed = await post(
      `mutation ($c: String!) { confirmMfaEnrollment(code: $c) }`,
      { c: await totpCodeAt(secret, new Date()) },
      { cookie: limited.header },
      'other',
    );
    const recoveryCodes = confirmed.body.data?.confirmMfaEnrollment as string[];
    expect(recoveryCodes).toHaveLength(10);
    const full = sessionCookieOf(confirmed.cookies);
    expect((await post(VIEWER, {}, { cookie: limited.header }, 'other')).body.data?.viewer).toBeNull();
    expect((await post(VIEWER, {}, { cookie: full.header }, 'other')).body.data?.viewer).toMatchObject({ enrolmentOnly: false });

    const again = await signIn(email, PASSWORD, 'other');
    expect(again.body.data?.signIn).toEqual({ status: 'MFA_REQUIRED', sessionExpiresAt: null, viewer: null });
    expect(again.cookies.filter((c) => c.startsWith('portal_session=ps_'))).toEqual([]);
    const withCode = await signIn(email, PASSWORD, 'other', { recoveryCode: recoveryCodes[0]! });
    expect(withCode.body.data?.signIn).toMatchObject({ status: 'SIGNED_IN', viewer: { account: { mfaEnabled: true } } });
    expect(codeOf((await signIn(email, PASSWORD, 'other', { recoveryCode: recoveryCodes[0]! })).body)).toBe('INVALID_MFA_CODE');

    const trail = JSON.stringify((await gateway.services.audit.list('other', {}, { first: 200 })).events);
    for (const code of recoveryCodes) expect(trail).not.toContain(code);
    expect(trail).not.toContain(secret);
  }
}

describe('partner API tokens over HTTP', () => {
  it('a B2B customer creates a token; the token authenticates as a partner with its scopes', async () => {
    const email = await createCustomer('demo', 'B2B');
    const customer = sessionCookieOf((await signIn(email, PASSWORD)).cookies);
    const created = await post(
      `mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret token { id name scopes lastUsedAt } } }`,
      { input: { name: 'ERP', scopes: ['READ_CONTRACTS', 'READ_INVOICES'], password: PASSWORD } },
      { cookie: customer.header },
    );
    const { secret, token } = created.body.data!.createApiToken as { secret: string; token: { id: string } };
    expect(secret).toMatch(/^pat_/);
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await post(VIEWER, {}, bearer)).body.data?.viewer).toEqual({
      __typename: 'PartnerViewer',
      token: { id: token.id, name: 'ERP', scopes: ['READ_INVOICES', 'READ_CONTRACTS'] },
      account: { email, type: 'B2B' },
    });
    // A token cannot manage tokens, and it is bound to its tenant.
    expect(codeOf((await post(`{ apiTokens { id } }`, {}, bearer)).body)).toBe('FORBIDDEN');
    expect((await post(VIEWER, {}, bearer, 'other')).body.data?.viewer).toBeNull();
    const listed = await post(`{ apiTokens { id name } }`, {}, { cookie: customer.header });
    expect(listed.body.data?.apiTokens).toEqual([{ id: token.id, name: 'ERP' }]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    expect(
      (await post(`mutation ($id: ID!) { revokeApiToken(id: $id) }`, { id: token.id }, { cookie: customer.header })).body.data
        ?.revokeApiToken,
    ).toBe(true);
    expect((await post(VIEWER, {}, bearer)).body.data?.viewer).toBeNull();
  });

  it('B2C accounts cannot create tokens; unknown scopes are refused', async () => {
    const b2c = sessionCookieOf((await signIn(await createCustomer('demo', 'B2C'), PASSWORD)).cookies);
    const mutation = `mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret } }`;
    expect(codeOf((await post(mutation, { input: { name: 'x', scopes: ['READ_INVOICES'] } }, { cookie: b2c.header })).body)).toBe(
      'FORBIDDEN',
    );
    const b2b = sessionCookieOf((await signIn(DEMO.demo.bakkerij.email, DEMO_CUSTOMER_PASSWORD)).cookies);
    // Unknown names, and the stored spelling partners may still send, are the client's mistake:
    // answered as BAD_USER_INPUT naming the enum, never masked as an internal error.
    for (const scopes of [['DELETE_EVERYTHING'], ['read:invoices']]) {
      const refused = await post(
        mutation,
        { input: { name: 'x', scopes, password: DEMO_CUSTOMER_PASSWORD } },
        { cookie: b2b.header },
      );
      expect(refused.status, scopes[0]).toBe(400);
      expect(codeOf(refused.body), scopes[0]).toBe('BAD_USER_INPUT');
      expect(refused.body.errors![0]!.message).toContain(`Value "${scopes[0]!}" does not exist in "ApiTokenScope" enum`);
      expect(refused.body.errors![0]!.extensions).not.toHaveProperty('errorId');
    }
    const literal = await post(
      `mutation { createApiToken(input: { name: "x", scopes: [DELETE_EVERYTHING], password: "${DEMO_CUSTOMER_PASSWORD}" }) { secret } }`,
      {},
      { cookie: b2b.header },
    );
    expect(codeOf(literal.body)).toBe('BAD_USER_INPUT');
    expect(literal.body.errors![0]!.message).toContain('ApiTokenScope');
    expect((await post(`{ apiTokens { name } }`, {}, { cookie: b2b.header })).body.data?.apiTokens).not.toContainEqual({
      name: 'x',
    });
  });
});

import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPrincipalOf } from '../../domain/accounts/account-principal.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { DEMO_CUSTOMER_PASSWORD, signInCustomer } from '../../test/customers.js';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { signInStaff } from '../../test/staff.js';

/**
 * Account closure end to end: ask while signed in, confirm with the mailed link (no session),
 * and then nothing of the account works any more: sessions, API tokens, signing in.
 */
let catcher: SmtpCatcher;
let gateway: TestGateway;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
  gateway = await startTestGateway({ SMTP_URL: catcher.url }, { jobs: { start: false } });
});
afterAll(async () => {
  await gateway?.close();
  await catcher?.close();
});

const REQUEST = 'mutation { requestAccountClosure }';
const CONFIRM = 'mutation ($token: String!) { confirmAccountClosure(token: $token) }';
const SIGN_IN = 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }';
const INVOICES = '{ invoices(first: 1) { totalCount } }';
const BAKKERIJ = DEMO.demo.bakkerij.email;
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;
const tokenIn = (text: string) => new URL(linkIn({ text }, '/portal/confirm-closure')).searchParams.get('token')!;
const closureMails = () => catcher.messages().filter((m) => isAddressedTo(m, BAKKERIJ) && m.subject.includes('Bevestig'));

describe('requestAccountClosure → mail → confirmAccountClosure', () => {
  let apiSecret = '';
  /** Closure drops the address from the account, so the tests find it by id afterwards. */
  let accountId = '';
  let otherSession: Record<string, string> = {};

  it('refuses callers that are not a signed-in customer', async () => {
    expect(codeOf((await gateway.graphql(REQUEST, {}, { 'x-portal-tenant': 'demo' })).body)).toBe('UNAUTHENTICATED');
    const admin = await signInStaff(gateway, 'admin');
    expect(codeOf((await gateway.graphql(REQUEST, {}, admin.headers)).body)).toBe('FORBIDDEN');
  });

  it('mails a single-use confirmation link that expires after 24 hours', async () => {
    const customer = await signInCustomer(gateway, 'bakkerij');
    otherSession = (await signInCustomer(gateway, 'bakkerij')).headers;
    const created = await gateway.graphql(
      'mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret } }',
      { input: { name: 'ERP', scopes: ['READ_INVOICES'], password: DEMO_CUSTOMER_PASSWORD } },
      customer.headers,
    );
    apiSecret = (created.body.data!.createApiToken as { secret: string }).secret;
    const asPartner = await gateway.graphql(INVOICES, {}, { authorization: `Bearer ${apiSecret}`, 'x-portal-tenant': 'demo' });
    expect(asPartner.body.errors).toBeUndefined();

    expect((await gateway.graphql(REQUEST, {}, customer.headers)).body.data).toEqual({ requestAccountClosure: true });
    const mail = await catcher.waitFor((m) => isAddressedTo(m, BAKKERIJ) && m.subject.includes('Bevestig'));
    expect(mail.text).toContain('1 dag geldig');
    expect(linkIn(mail, '/portal/confirm-closure?token=')).toMatch(/\/portal\/confirm-closure\?token=[\w-]{20,}/);

    // Let this link run out (as 24 hours would): it answers LINK_EXPIRED, and nothing changes.
    await gateway.connection
      .db!.collection('accountTokens')
      .updateMany({ purpose: 'account-closure' }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await gateway.graphql(CONFIRM, { token: tokenIn(mail.text) }, { 'x-portal-tenant': 'demo' });
    expect(codeOf(expired.body)).toBe('LINK_EXPIRED');
    const account = await gateway.services.accounts.repository.findByEmail('demo', BAKKERIJ);
    expect(account?.status).toBe('ACTIVE');
  });

  it('a wrong token is refused; the right one closes the account without a session, once', async () => {
    const customer = await signInCustomer(gateway, 'bakkerij');
    accountId = (await gateway.services.accounts.repository.findByEmail('demo', BAKKERIJ))!.id;
    await gateway.graphql(REQUEST, {}, customer.headers);
    await catcher.waitFor(() => closureMails().length === 2);
    const token = tokenIn(closureMails()[1]!.text);

    const wrong = await gateway.graphql(CONFIRM, { token: `${token.slice(0, -2)}xx` }, { 'x-portal-tenant': 'demo' });
    expect(codeOf(wrong.body)).toBe('BAD_USER_INPUT');
    const otherTenant = await gateway.graphql(CONFIRM, { token }, { 'x-portal-tenant': 'other' });
    expect(codeOf(otherTenant.body)).toBe('BAD_USER_INPUT');

    const confirmed = await gateway.graphql(CONFIRM, { token }, { 'x-portal-tenant': 'demo' });
    expect(confirmed.body).toEqual({ data: { confirmAccountClosure: true } });
    const again = await gateway.graphql(CONFIRM, { token }, { 'x-portal-tenant': 'demo' });
    expect(codeOf(again.body)).toBe('BAD_USER_INPUT');

    const account = await gateway.services.accounts.repository.findById(accountId);
    expect(account?.status).toBe('CLOSED');
    await catcher.waitFor((m) => isAddressedTo(m, BAKKERIJ) && m.subject.includes('gesloten'));
  });

  it('ends every session and API token', async () => {
    const viewer = await gateway.graphql('{ viewer { __typename } }', {}, otherSession);
    expect(viewer.body.data?.viewer ?? null).toBeNull();
    expect(codeOf((await gateway.graphql(INVOICES, {}, otherSession)).body)).toBe('UNAUTHENTICATED');
    const partner = await gateway.graphql(INVOICES, {}, { authorization: `Bearer ${apiSecret}`, 'x-portal-tenant': 'demo' });
    expect(codeOf(partner.body)).toBe('UNAUTHENTICATED');
  });

  it('refuses sign-in as for an unknown address: closure dropped the password hash and the address', async () => {
    const headers = { 'x-portal-tenant': 'demo', 'x-forwarded-for': `10.9.${randomInt(256)}.${randomInt(1, 255)}` };
    const right = await gateway.graphql(SIGN_IN, { input: { email: BAKKERIJ, password: DEMO_CUSTOMER_PASSWORD } }, headers);
    expect(codeOf(right.body)).toBe('INVALID_CREDENTIALS');
    const wrong = await gateway.graphql(SIGN_IN, { input: { email: BAKKERIJ, password: 'Not-The-Password-1' } }, headers);
    expect(codeOf(wrong.body)).toBe('INVALID_CREDENTIALS');
  });

  it('audits the request and the closure, and leaves the contact in Nextcloud', async () => {
    const account = (await gateway.services.accounts.repository.findById(accountId))!;
    const trail = await gateway.services.audit.list('demo', { accountId: account.id }, { first: 100 });
    const types = trail.events.map((e) => `${e.type}:${e.outcome}`);
    expect(types.filter((t) => t === 'account.closure-requested:success')).toHaveLength(2);
    expect(types).toContain('account.closed:success');
    const closed = trail.events.find((e) => e.type === 'account.closed')!;
    expect(closed.actor).toBe(`account:${account.id}`);
    expect(closed.details).toMatchObject({ from: 'ACTIVE', to: 'CLOSED' });
    const contact = gateway.simulator.instance('demo').data.objects.find((o) => o.uuid === DEMO.demo.bakkerij.contactId)!;
    expect(contact.data.email).toBe(BAKKERIJ);
  });
});

describe('what a closure request is refused for', () => {
  const JAN = DEMO.demo.janJansen.email;
  const janClosureMails = () =>
    catcher.messages().filter((m) => isAddressedTo(m, JAN) && m.text.includes('/portal/confirm-closure?token='));

  it('mails at most three confirmation links an hour, then says how long to wait', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    for (let i = 0; i < 3; i++) {
      expect((await gateway.graphql(REQUEST, {}, jan.headers)).body.data).toEqual({ requestAccountClosure: true });
    }
    const flooded = await gateway.graphql(REQUEST, {}, jan.headers);
    expect(flooded.body.errors?.[0]).toMatchObject({
      message: 'A confirmation mail was sent already. Check your inbox, or try again later.',
      extensions: { code: 'RATE_LIMITED' },
    });
    // The wait is measured in the hour's window: a stolen session cannot flood the mailbox by pausing a moment.
    expect(flooded.body.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(59 * 60);
    await catcher.waitFor(() => janClosureMails().length === 3);
    expect(janClosureMails()).toHaveLength(3);
  });

  it('refuses an account that was blocked after its session was checked, and mails nothing', async () => {
    const tenant = gateway.services.tenants.get('demo')!;
    const account = (await gateway.services.accounts.repository.findByEmail('demo', JAN))!;
    // Blocking ends sessions; the race it leaves is a request already past the session check.
    await gateway.connection.db!.collection('accounts').updateOne({ _id: account.id as never }, { $set: { status: 'BLOCKED' } });
    const mailsBefore = janClosureMails().length;
    await expect(
      gateway.services.avg.closure.request(tenant, customerPrincipalOf(account, 'raced-session'), {
        ip: null,
        userAgent: null,
        publicUrl: gateway.url,
      }),
    ).rejects.toMatchObject({ message: 'This account cannot be closed.', extensions: { code: 'BAD_USER_INPUT' } });
    expect(janClosureMails()).toHaveLength(mailsBefore);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../../core/tokens.js';
import { DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMERS } from '../../test/customers.js';
import { useTestGateway, type GraphQLBody } from '../../test/gateway.js';
import { isAddressedTo, startSmtpCatcher } from '../../test/smtp.js';

const smtp = await startSmtpCatcher();

const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { status viewer { ... on CustomerViewer { account { locale } } } } }`;
const CHANGE_PASSWORD = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }`;
const MY_SESSIONS = `{ mySessions { id createdAt lastSeenAt browser operatingSystem network current enrolmentOnly } }`;
const VIEWER_LOCALE = `{ viewer { ... on CustomerViewer { account { locale } } } }`;

const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const codeOf = (body: GraphQLBody) => String(body.errors?.[0]?.extensions?.code ?? 'OK');
const problemsOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.problems;

interface Signed {
  status: string;
  body: GraphQLBody;
  /** The session's request headers; empty when no session cookie came back. */
  headers: Record<string, string>;
}

describe('account self-service over GraphQL', () => {
  const gw = useTestGateway({ SMTP_URL: smtp.url });
  afterAll(() => smtp.close());

  /** A sign-in from its own device (user agent and address), as a browser would make it. */
  async function signIn(
    who: keyof typeof DEMO_CUSTOMERS,
    options: { password?: string; locale?: string; userAgent?: string; ip?: string } = {},
  ): Promise<Signed> {
    const { email, tenant } = DEMO_CUSTOMERS[who];
    const response = await fetch(`${gw().url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-portal-tenant': tenant,
        'x-forwarded-for': options.ip ?? `10.9.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`,
        'user-agent': options.userAgent ?? CHROME_WINDOWS,
      },
      body: JSON.stringify({
        query: SIGN_IN,
        variables: {
          input: {
            email,
            password: options.password ?? DEMO_CUSTOMER_PASSWORD,
            ...(options.locale ? { locale: options.locale } : {}),
          },
        },
      }),
    });
    const body = (await response.json()) as GraphQLBody;
    const cookie = sessionCookieOf(response);
    return {
      status: (body.data?.signIn as { status?: string } | undefined)?.status ?? codeOf(body),
      body,
      headers: cookie ? { cookie, 'x-portal-tenant': tenant } : {},
    };
  }

  function sessionCookieOf(response: Response): string | undefined {
    return response.headers
      .getSetCookie()
      .find((c) => c.startsWith('portal_session=ps_'))
      ?.split(';')[0];
  }

  /** changePassword over raw HTTP, so the renewed cookie can be read. */
  async function changePassword(headers: Record<string, string>, currentPassword: string, newPassword: string) {
    const response = await fetch(`${gw().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: CHANGE_PASSWORD, variables: { input: { currentPassword, newPassword } } }),
    });
    const body = (await response.json()) as GraphQLBody;
    const cookie = sessionCookieOf(response);
    return { body, renewed: cookie ? { ...headers, cookie } : null };
  }

  describe('the language chosen at sign-in', () => {
    it('wins over the stored locale and is saved to the account', async () => {
      const before = await signIn('jan');
      expect(before.body.data?.signIn).toMatchObject({ viewer: { account: { locale: 'NL' } } });

      const english = await signIn('jan', { locale: 'EN' });
      expect(english.body.data?.signIn).toMatchObject({ status: 'SIGNED_IN', viewer: { account: { locale: 'EN' } } });
      // Saved: a later page load (and a sign-in without a choice) finds English.
      expect((await gw().graphql(VIEWER_LOCALE, {}, english.headers)).body.data?.viewer).toEqual({ account: { locale: 'EN' } });
      expect((await signIn('jan')).body.data?.signIn).toMatchObject({ viewer: { account: { locale: 'EN' } } });

      // Back to Dutch the same way; the sign-in's audit event records the change.
      const dutch = await signIn('jan', { locale: 'NL' });
      expect(dutch.body.data?.signIn).toMatchObject({ viewer: { account: { locale: 'NL' } } });
      const events = await gw().graphql('{ myAuditEvents(first: 3) { edges { node { type details } } } }', {}, dutch.headers);
      const nodes = (events.body.data?.myAuditEvents as { edges: Array<{ node: { type: string; details: unknown } }> }).edges;
      expect(nodes.map((e) => e.node)).toContainEqual({
        type: 'login.succeeded',
        details: expect.objectContaining({ locale: 'nl' }),
      });
    });

    it('refuses a language the portal does not speak, and a wrong password changes nothing', async () => {
      const german = await signIn('jan', { locale: 'DE' });
      expect(german.headers).toEqual({});
      expect(german.body.errors?.[0]?.message).toMatch(/Locale/);

      const wrong = await signIn('jan', { locale: 'EN', password: 'not-the-password' });
      expect(wrong.status).toBe('INVALID_CREDENTIALS');
      expect((await signIn('jan')).body.data?.signIn).toMatchObject({ viewer: { account: { locale: 'NL' } } });
    });
  });

  describe('changing the password while signed in', () => {
    const NEW_PASSWORD = 'Kiezelstrand-Lantaarn-Okapi-58';

    it('needs the right current password and a strong new one, each reported at its field', async () => {
      const me = await signIn('bakkerij');
      const missing = await changePassword(me.headers, '', NEW_PASSWORD);
      expect(codeOf(missing.body)).toBe('BAD_USER_INPUT');
      expect(problemsOf(missing.body)).toEqual([
        expect.objectContaining({ field: 'currentPassword', code: 'REAUTHENTICATION_REQUIRED' }),
      ]);

      const wrong = await changePassword(me.headers, 'Not-My-Password-1', NEW_PASSWORD);
      expect(codeOf(wrong.body)).toBe('BAD_USER_INPUT');
      expect(problemsOf(wrong.body)).toEqual([
        expect.objectContaining({ field: 'currentPassword', code: 'WRONG_CURRENT_PASSWORD' }),
      ]);

      const short = await changePassword(me.headers, DEMO_CUSTOMER_PASSWORD, 'kort');
      expect(problemsOf(short.body)).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_TOO_SHORT' })]);
      const guessable = await changePassword(me.headers, DEMO_CUSTOMER_PASSWORD, 'wachtwoord1234');
      expect(problemsOf(guessable.body)).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_TOO_WEAK' })]);

      // Nothing changed: the old password still signs in, and this session still works.
      expect((await signIn('bakkerij')).status).toBe('SIGNED_IN');
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, me.headers)).body)).toBe('OK');
    });

    it('signs out every other session, keeps this one (renewed), audits it and mails the owner', async () => {
      smtp.clear();
      const phone = await signIn('bakkerij', { userAgent: FIREFOX_ANDROID });
      const laptop = await signIn('bakkerij');
      const changed = await changePassword(laptop.headers, DEMO_CUSTOMER_PASSWORD, NEW_PASSWORD);
      expect(changed.body).toEqual({ data: { changePassword: true } });
      expect(changed.renewed).not.toBeNull();

      // The other device is signed out on its very next call, and so is a copy of the old cookie.
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, phone.headers)).body)).toBe('UNAUTHENTICATED');
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, laptop.headers)).body)).toBe('UNAUTHENTICATED');
      // This browser carries on with the renewed cookie, as the only session left.
      const mine = await gw().graphql(MY_SESSIONS, {}, changed.renewed!);
      expect(mine.body.data?.mySessions).toEqual([expect.objectContaining({ current: true })]);

      expect((await signIn('bakkerij')).status).toBe('INVALID_CREDENTIALS');
      const fresh = await signIn('bakkerij', { password: NEW_PASSWORD });
      expect(fresh.status).toBe('SIGNED_IN');

      const events = await gw().graphql('{ myAuditEvents(first: 10) { edges { node { type outcome } } } }', {}, fresh.headers);
      const types = (events.body.data?.myAuditEvents as { edges: Array<{ node: { type: string; outcome: string } }> }).edges.map(
        (e) => `${e.node.type}:${e.node.outcome}`,
      );
      expect(types).toContain('password.changed:success');
      // The wrong current password of the test above was recorded as a refused change.
      const all = await gw().graphql('{ myAuditEvents(first: 50) { edges { node { type outcome } } } }', {}, fresh.headers);
      expect(JSON.stringify(all.body.data)).toContain('"type":"password.changed","outcome":"denied"');

      const mail = await smtp.waitFor((m) => isAddressedTo(m, DEMO_CUSTOMERS.bakkerij.email), 10_000);
      expect(mail.subject).toMatch(/wachtwoord is gewijzigd|password was changed/i);
    });

    it('is for signed-in customers only', async () => {
      const anonymous = await gw().graphql(
        CHANGE_PASSWORD,
        { input: { currentPassword: DEMO_CUSTOMER_PASSWORD, newPassword: NEW_PASSWORD } },
        { 'x-portal-tenant': 'demo' },
      );
      expect(codeOf(anonymous.body)).toBe('UNAUTHENTICATED');
    });
  });

  describe('active sessions', () => {
    it('lists my sessions as devices, never as tokens, with the current one marked', async () => {
      const phone = await signIn('piet', { userAgent: FIREFOX_ANDROID, ip: '192.0.2.77' });
      const laptop = await signIn('piet', { userAgent: CHROME_WINDOWS, ip: '198.51.100.23' });
      const listed = await gw().graphql(MY_SESSIONS, {}, laptop.headers);
      const sessions = listed.body.data?.mySessions as Array<Record<string, unknown>>;
      expect(sessions.length).toBeGreaterThanOrEqual(2);
      expect(sessions[0]).toMatchObject({
        current: true,
        browser: 'Chrome',
        operatingSystem: 'Windows',
        network: '198.51.100.0/24',
        enrolmentOnly: false,
      });
      expect(sessions).toContainEqual(
        expect.objectContaining({ current: false, browser: 'Firefox', operatingSystem: 'Android', network: '192.0.2.0/24' }),
      );
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      // Nothing in the answer is (or contains) a cookie token or the hash it is stored under.
      const tokens = [phone.headers.cookie, laptop.headers.cookie].map((c) => c!.split('=')[1]!);
      const text = JSON.stringify(listed.body);
      for (const token of tokens) expect(text).not.toContain(token);
      for (const token of tokens) expect(text).not.toContain(tokenHash(token));
    });

    it('revokes one other session; the revoked device is refused on its next call', async () => {
      const phone = await signIn('piet', { userAgent: FIREFOX_ANDROID });
      const laptop = await signIn('piet');
      const sessions = (await gw().graphql(MY_SESSIONS, {}, phone.headers)).body.data?.mySessions as Array<{
        id: string;
        current: boolean;
      }>;
      const phoneId = sessions.find((s) => s.current)!.id;

      // The current session is not revoked this way (signOut ends it).
      const self = await gw().graphql('mutation ($id: ID!) { revokeSession(id: $id) }', { id: phoneId }, phone.headers);
      expect(problemsOf(self.body)).toEqual([expect.objectContaining({ code: 'CURRENT_SESSION' })]);

      const revoked = await gw().graphql('mutation ($id: ID!) { revokeSession(id: $id) }', { id: phoneId }, laptop.headers);
      expect(revoked.body).toEqual({ data: { revokeSession: true } });
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, phone.headers)).body)).toBe('UNAUTHENTICATED');
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, laptop.headers)).body)).toBe('OK');
      // Gone means gone: the same id again is NOT_FOUND.
      const again = await gw().graphql('mutation ($id: ID!) { revokeSession(id: $id) }', { id: phoneId }, laptop.headers);
      expect(codeOf(again.body)).toBe('NOT_FOUND');
    });

    it("cannot touch another account's session: its id is NOT_FOUND and it keeps working", async () => {
      const victim = await signIn('jan');
      expect(victim.status).toBe('SIGNED_IN');
      const victimSessions = (await gw().graphql(MY_SESSIONS, {}, victim.headers)).body.data?.mySessions as Array<{
        id: string;
        current: boolean;
      }>;
      const victimId = victimSessions.find((s) => s.current)!.id;

      const attacker = await signIn('piet');
      for (const id of [victimId, 'ses_made-up', '']) {
        const answer = await gw().graphql('mutation ($id: ID!) { revokeSession(id: $id) }', { id }, attacker.headers);
        expect(codeOf(answer.body)).toBe('NOT_FOUND');
      }
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, victim.headers)).body)).toBe('OK');
    });

    it('signs out everywhere else: the others are refused on their next call, this one stays', async () => {
      const a = await signIn('piet');
      const b = await signIn('piet', { userAgent: FIREFOX_ANDROID });
      const here = await signIn('piet');
      const ended = await gw().graphql('mutation { signOutOtherSessions }', {}, here.headers);
      expect(ended.body.data?.signOutOtherSessions).toBeGreaterThanOrEqual(2);
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, a.headers)).body)).toBe('UNAUTHENTICATED');
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, b.headers)).body)).toBe('UNAUTHENTICATED');
      const left = await gw().graphql(MY_SESSIONS, {}, here.headers);
      expect(left.body.data?.mySessions).toEqual([expect.objectContaining({ current: true })]);

      const events = await gw().graphql('{ myAuditEvents(first: 5) { edges { node { type details } } } }', {}, here.headers);
      expect(JSON.stringify(events.body.data)).toContain('"type":"session.revoked"');
    });

    it('is for signed-in customers only', async () => {
      expect(codeOf((await gw().graphql(MY_SESSIONS, {}, { 'x-portal-tenant': 'other' })).body)).toBe('UNAUTHENTICATED');
      expect(codeOf((await gw().graphql('mutation { signOutOtherSessions }', {}, { 'x-portal-tenant': 'other' })).body)).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  // Last: it leaves jan locked out for the rest of the file.
  describe('the lockout', () => {
    it('counts wrong current passwords toward the sign-in lockout', async () => {
      const me = await signIn('jan');
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await changePassword(me.headers, `Wrong-Guess-${i}-Password`, 'Kiezelstrand-Lantaarn-Okapi-58');
        codes.push(
          problemsOf(answer.body) ? String((problemsOf(answer.body) as Array<{ code: string }>)[0]!.code) : codeOf(answer.body),
        );
      }
      expect(codes).toEqual([
        'WRONG_CURRENT_PASSWORD',
        'WRONG_CURRENT_PASSWORD',
        'WRONG_CURRENT_PASSWORD',
        'WRONG_CURRENT_PASSWORD',
        'ACCOUNT_LOCKED',
      ]);
      // Locked like a failed sign-in: the right password does not change it, nor sign in, meanwhile.
      const locked = await changePassword(me.headers, DEMO_CUSTOMER_PASSWORD, 'Kiezelstrand-Lantaarn-Okapi-58');
      expect(locked.body.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfter: expect.any(Number) });
      expect((await signIn('jan')).status).toBe('ACCOUNT_LOCKED');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../domain/mfa/totp.js';
import { useTestGateway, type GraphQLBody } from '../../test/gateway.js';
import { DEMO_CUSTOMER_PASSWORD, signInCustomer } from '../../test/customers.js';

const CREATE_TOKEN = `mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret } }`;
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code ?? 'OK';

/** A stolen session is a session: these tests act with nothing else unless they say so. */
describe('a stolen session cannot entrench itself', () => {
  const gw = useTestGateway();

  it('is replaced when the browser signs in again: the session it had stops working (no fixation)', async () => {
    const planted = (await signInCustomer(gw(), 'jan')).headers;
    const again = await fetch(`${gw().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...planted },
      body: JSON.stringify({
        query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
        variables: { input: { email: 'jan.jansen@example.nl', password: DEMO_CUSTOMER_PASSWORD } },
      }),
    });
    expect(((await again.json()) as GraphQLBody).data?.signIn).toEqual({ status: 'SIGNED_IN' });
    const fresh = again.headers
      .getSetCookie()
      .find((c) => c.startsWith('portal_session=ps_'))!
      .split(';')[0]!;
    expect(fresh).not.toBe(planted.cookie);

    const viewerOf = async (headers: Record<string, string>) =>
      (await gw().graphql('{ viewer { __typename } }', {}, headers)).body.data?.viewer;
    expect(await viewerOf(planted)).not.toEqual({ __typename: 'CustomerViewer' });
    expect(await viewerOf({ ...planted, cookie: fresh })).toEqual({ __typename: 'CustomerViewer' });
  });

  it('cannot mint a partner API token without the password or a current code', async () => {
    const session = (await signInCustomer(gw(), 'bakkerij')).headers;
    const input = { name: 'ERP', scopes: ['READ_INVOICES'] };
    const bare = await gw().graphql(CREATE_TOKEN, { input }, session);
    expect(codeOf(bare.body)).toBe('BAD_USER_INPUT');
    expect(bare.body.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ field: 'password', code: 'REAUTHENTICATION_REQUIRED' }),
    ]);
    expect(codeOf((await gw().graphql(CREATE_TOKEN, { input: { ...input, password: 'not-it' } }, session)).body)).toBe(
      'INVALID_CREDENTIALS',
    );
    const proven = await gw().graphql(CREATE_TOKEN, { input: { ...input, password: DEMO_CUSTOMER_PASSWORD } }, session);
    expect(codeOf(proven.body)).toBe('OK');
    expect((await gw().graphql('{ apiTokens { name } }', {}, session)).body.data?.apiTokens).toEqual([{ name: 'ERP' }]);
  });

  it('cannot replace a live second factor, and guesses at disableMfa lock the account like failed sign-ins', async () => {
    const session = (await signInCustomer(gw(), 'jan')).headers;
    // The owner sets MFA up (first enrolment needs no proof: there is no factor to replace).
    const begun = await gw().graphql('mutation { beginMfaEnrollment { secret } }', {}, session);
    const secret = (begun.body.data!.beginMfaEnrollment as { secret: string }).secret;
    const confirmed = await fetch(`${gw().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...session },
      body: JSON.stringify({
        query: 'mutation ($c: String!) { confirmMfaEnrollment(code: $c) }',
        variables: { c: await totpCodeAt(secret, new Date()) },
      }),
    });
    const cookie = confirmed.headers
      .getSetCookie()
      .find((c) => c.startsWith('portal_session=ps_'))!
      .split(';')[0]!;
    const full = { ...session, cookie };

    // Re-enrolment with only the session is refused, and so is a wrong password.
    expect(codeOf((await gw().graphql('mutation { beginMfaEnrollment { secret } }', {}, full)).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await gw().graphql('mutation { beginMfaEnrollment(password: "guess") { secret } }', {}, full)).body)).toBe(
      'INVALID_CREDENTIALS',
    );

    // Wrong codes at disableMfa count toward the lockout: with the wrong password above, the fifth failure locks.
    const disable = (code: string) => gw().graphql('mutation ($c: String!) { disableMfa(code: $c) }', { c: code }, full);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(codeOf((await disable(String(100000 + i))).body));
    expect(codes).toEqual(['INVALID_MFA_CODE', 'INVALID_MFA_CODE', 'INVALID_MFA_CODE', 'ACCOUNT_LOCKED']);
    const locked = await disable('000000');
    expect(locked.body.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfter: expect.any(Number) });
    // … the same lock as sign-in: the password alone does not get in meanwhile either.
    const signIn = await gw().graphql(
      'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
      { input: { email: 'jan.jansen@example.nl', password: DEMO_CUSTOMER_PASSWORD } },
      { 'x-portal-tenant': 'demo', 'x-forwarded-for': '192.0.2.77' },
    );
    expect(codeOf(signIn.body)).toBe('ACCOUNT_LOCKED');
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { signInCustomer } from '../test/customers.js';
import { useTestGateway } from '../test/gateway.js';

/**
 * No request may put a variable value, password, token, app password or TOTP code into the log
 * (issue 10, item 3). A marker secret goes into every sensitive input, malformed in several ways,
 * and the whole log of the gateway (at debug, so nothing is hidden by the level) must not hold it.
 */
const MARKER = 'Zx9-MARKER-SECRET-7qW';
const chunks: string[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    chunks.push(chunk.toString('utf8'));
    done();
  },
});
const logText = () => chunks.join('');

describe('secrets never reach the log', () => {
  const gw = useTestGateway({}, { logger: createLogger({ level: 'debug', destination }) });

  const sensitive: Array<{ name: string; query: string; variables: Record<string, unknown> }> = [
    // The two cases found by the probe: an input lacking a required field, logged whole.
    {
      name: 'staffSignIn without tenantId',
      query: 'mutation ($i: StaffSignInInput!) { staffSignIn(input: $i) { token } }',
      variables: { i: { loginName: 'admin', appPassword: MARKER } },
    },
    {
      name: 'signIn without email',
      query: 'mutation ($i: SignInInput!) { signIn(input: $i) { status } }',
      variables: { i: { password: MARKER } },
    },
    {
      name: 'signIn with a TOTP code of the wrong type',
      query: 'mutation ($i: SignInInput!) { signIn(input: $i) { status } }',
      variables: { i: { email: 'jan.jansen@example.nl', password: MARKER, totpCode: { code: MARKER } } },
    },
    {
      name: 'signIn with an unknown field',
      query: 'mutation ($i: SignInInput!) { signIn(input: $i) { status } }',
      variables: { i: { email: 'x@example.nl', password: MARKER, recoveryCode: MARKER, extra: MARKER } },
    },
    {
      name: 'resetPassword with a number for the token',
      query: 'mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }',
      variables: { t: [MARKER], p: MARKER },
    },
    {
      name: 'activateAccount with a nested password',
      query: 'mutation ($t: String!, $p: String!) { activateAccount(token: $t, password: $p) }',
      variables: { t: MARKER, p: { deep: [MARKER] } },
    },
    {
      name: 'disableMfa with a list for the code',
      query: 'mutation ($c: String!) { disableMfa(code: $c) }',
      variables: { c: [MARKER, MARKER] },
    },
    {
      name: 'a secret written into the query as a literal of the wrong type',
      query: `mutation { signIn(input: { email: 1, password: 2, totpCode: "${MARKER}" }) { status } }`,
      variables: {},
    },
    {
      name: 'a secret in an Int variable',
      query: 'query ($f: Int) { invoices(first: $f) { totalCount } }',
      variables: { f: MARKER },
    },
    {
      name: 'a well-formed but wrong staff sign-in',
      query: 'mutation ($i: StaffSignInInput!) { staffSignIn(input: $i) { token } }',
      variables: { i: { tenantId: 'demo', loginName: 'admin', appPassword: MARKER } },
    },
    {
      name: 'a well-formed but wrong customer sign-in',
      query: 'mutation ($i: SignInInput!) { signIn(input: $i) { status } }',
      variables: { i: { email: 'jan.jansen@example.nl', password: MARKER, totpCode: MARKER } },
    },
  ];

  it('keeps every marker secret out of the log, whatever shape the input has', async () => {
    for (const c of sensitive) {
      const { status } = await gw().graphql(c.query, c.variables, { 'x-forwarded-for': '10.9.8.7' });
      expect(status, c.name).toBeLessThan(500);
    }
    // Signed in, the same mistakes on the customer's own mutations.
    const jan = await signInCustomer(gw(), 'jan');
    const signedIn = [
      { query: 'mutation ($c: String!) { confirmMfaEnrollment(code: $c) }', variables: { c: { MARKER } } },
      {
        query: 'mutation ($i: ApiTokenInput!) { createApiToken(input: $i) { secret } }',
        variables: { i: { currentCode: MARKER } },
      },
      { query: 'mutation ($c: String!) { disableMfa(code: $c) }', variables: { c: MARKER } },
    ];
    for (const c of signedIn) {
      const { status } = await gw().graphql(c.query, c.variables, jan.headers);
      expect(status).toBeLessThan(500);
    }
    expect(logText().length).toBeGreaterThan(0);
    expect(logText()).not.toContain(MARKER);
  });

  it('logs client mistakes no higher than info', () => {
    const lines = logText()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    // pino levels: 30 info, 40 warn, 50 error.
    expect(lines.filter((line) => line.level > 30).map((line) => line.msg)).toEqual([]);
  });
});

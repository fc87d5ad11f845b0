import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../domain/mfa/totp.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import {
  CONFIRM_EMAIL,
  DEMO_PASSWORD,
  UPDATE_PROFILE,
  codeOf,
  createAccount,
  post,
  sessionOf,
  signIn,
  simulatorRecord,
} from './profile.test-support.js';

/**
 * Email changes over real HTTP, with the mails read from a real SMTP peer on loopback. Each test
 * uses a fresh account linked to a demo customer without a portal account, so the demo sign-ins
 * stay as they are.
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

const sophie = DEMO.demo.noAccount.sophieVisser;
const newAddress = (label: string) => `${label}.${randomUUID().slice(0, 8)}@example.org`;

/** Asks for the change over HTTP and returns the token from the mail that reached the new address. */
async function requestChange(session: Record<string, string>, email: string): Promise<string> {
  const earlier = new Set(catcher.messages().map((m) => m.raw));
  const { body } = await post(gateway, UPDATE_PROFILE, { input: { email, password: DEMO_PASSWORD } }, session);
  expect(body.errors).toBeUndefined();
  const mail = await catcher.waitFor(
    (m) => !earlier.has(m.raw) && isAddressedTo(m, email) && m.text.includes('/portal/confirm-email'),
  );
  return new URL(linkIn(mail, '/portal/confirm-email')).searchParams.get('token')!;
}

describe('changing the sign-in address', () => {
  it('link to the new address → confirm → the old address stops working, the new one signs in', async () => {
    const oldEmail = await createAccount(gateway, { type: 'B2C', clientId: sophie.clientId, contactId: sophie.contactId });
    const session = await sessionOf(gateway, oldEmail);
    const email = newAddress('sophie');

    const staged = await post(
      gateway,
      UPDATE_PROFILE,
      { input: { email: email.toUpperCase(), password: DEMO_PASSWORD } },
      session,
    );
    expect(staged.body.data?.updateProfile).toMatchObject({ email: oldEmail, pendingEmail: email });
    const mail = await catcher.waitFor((m) => isAddressedTo(m, email));
    const link = linkIn(mail, '/portal/confirm-email');
    expect(link.startsWith(`${gateway.config.publicUrl}/portal/confirm-email?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token')!;
    // The current address is told, without a link that could confirm anything.
    const notice = await catcher.waitFor((m) => isAddressedTo(m, oldEmail));
    expect(notice.text).toContain(email);
    expect(notice.text).not.toContain(token);
    // Hashed at rest: the token itself is nowhere in the database.
    const stored = await gateway.connection.collection('accountTokens').find({ purpose: 'email-change' }).toArray();
    expect(JSON.stringify(stored)).not.toContain(token);

    // Until confirmed, the old address still signs in and the new one does not.
    expect('cookie' in (await signIn(gateway, oldEmail))).toBe(true);
    expect(await signIn(gateway, email)).toEqual({ code: 'INVALID_CREDENTIALS' });

    // Public: no session needed, the token is the credential.
    expect((await post(gateway, CONFIRM_EMAIL, { token })).body).toEqual({ data: { confirmEmailChange: true } });
    expect(await signIn(gateway, oldEmail)).toEqual({ code: 'INVALID_CREDENTIALS' });
    const fresh = await sessionOf(gateway, email);
    expect((await post(gateway, '{ profile { email pendingEmail } }', {}, fresh)).body.data?.profile).toEqual({
      email,
      pendingEmail: null,
    });
    // Written through to the person in Nextcloud by the profile's rule: a B2C person client
    // (where the profile reads it) and its contact alike.
    expect(simulatorRecord(gateway, sophie.clientId).email).toBe(email);
    expect(simulatorRecord(gateway, sophie.contactId).email).toBe(email);

    // Single use.
    const again = await post(gateway, CONFIRM_EMAIL, { token });
    expect(codeOf(again.body)).toBe('BAD_USER_INPUT');

    // Audited without the addresses.
    const events = (await gateway.services.audit.list('demo', {}, { first: 50 })).events.filter((e) =>
      ['email.change-requested', 'email.changed'].includes(e.type),
    );
    expect(events.map((e) => [e.type, e.outcome])).toEqual(
      expect.arrayContaining([
        ['email.change-requested', 'success'],
        ['email.changed', 'success'],
      ]),
    );
    const trail = JSON.stringify(events);
    for (const value of [email, oldEmail, token, email.split('@')[0]!]) expect(trail).not.toContain(value);
  });

  it('an address already in use answers like a free one; its link then fails and nothing changes', async () => {
    const oldEmail = await createAccount(gateway, { type: 'B2C', clientId: sophie.clientId, contactId: null });
    const session = await sessionOf(gateway, oldEmail);
    const jan = DEMO.demo.janJansen.email;
    const free = newAddress('free');
    const answers = [];
    for (const email of [free, jan.toUpperCase()]) {
      const earlier = new Set(catcher.messages().map((m) => m.raw));
      const { status, body } = await post(gateway, UPDATE_PROFILE, { input: { email, password: DEMO_PASSWORD } }, session);
      const address = email.toLowerCase();
      // The same answer, and the same mail to the address asked for, whether it is taken or not.
      const mail = await catcher.waitFor((m) => !earlier.has(m.raw) && isAddressedTo(m, address));
      answers.push({
        status,
        errors: body.errors,
        pending: (body.data?.updateProfile as { pendingEmail?: string } | undefined)?.pendingEmail === address,
        subject: mail.subject,
        hasLink: mail.text.includes('/portal/confirm-email?token='),
      });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1]).toMatchObject({ status: 200, errors: undefined, pending: true, hasLink: true });

    // Decided at confirmation: a clear refusal, and neither account changes.
    const janMail = [...catcher.messages()].reverse().find((m) => isAddressedTo(m, jan))!;
    const token = new URL(linkIn(janMail, '/portal/confirm-email')).searchParams.get('token')!;
    const refused = await post(gateway, CONFIRM_EMAIL, { token });
    expect(codeOf(refused.body)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.message).toMatch(/already used by another account/);
    expect('cookie' in (await signIn(gateway, oldEmail))).toBe(true);
    expect('cookie' in (await signIn(gateway, jan))).toBe(true);
    // Jan's account was never touched: no mail about it beyond the confirmation request itself.
    expect(catcher.messages().filter((m) => isAddressedTo(m, jan))).toHaveLength(1);
    const denied = (await gateway.services.audit.list('demo', { eventType: 'email.changed' }, { first: 50 })).events.filter(
      (e) => e.outcome === 'denied',
    );
    expect(denied.map((e) => e.details)).toContainEqual({ reason: 'address-in-use' });

    // Another tenant's addresses are no concern of this one: that confirmation goes through.
    const piet = DEMO.other.pietDeVries.email;
    const { body } = await post(gateway, UPDATE_PROFILE, { input: { email: piet, password: DEMO_PASSWORD } }, session);
    expect(body.data?.updateProfile).toMatchObject({ pendingEmail: piet });
  });

  it('a stolen session cannot change the address without the password or a current code', async () => {
    const oldEmail = await createAccount(gateway, { type: 'B2C', clientId: sophie.clientId, contactId: null });
    const session = await sessionOf(gateway, oldEmail);
    const email = newAddress('hijack');
    const earlier = catcher.messages().length;

    const bare = await post(gateway, UPDATE_PROFILE, { input: { email } }, session);
    expect(codeOf(bare.body)).toBe('BAD_USER_INPUT');
    expect(bare.body.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ field: 'password', code: 'REAUTHENTICATION_REQUIRED' }),
    ]);
    const wrong = await post(gateway, UPDATE_PROFILE, { input: { email, password: 'not-the-password' } }, session);
    expect(codeOf(wrong.body)).toBe('INVALID_CREDENTIALS');
    // Refused before anything was staged or mailed, and the other fields in the same update stay.
    const withLocale = await post(gateway, UPDATE_PROFILE, { input: { email, locale: 'en' } }, session);
    expect(codeOf(withLocale.body)).toBe('BAD_USER_INPUT');
    const profile = await post(gateway, '{ profile { pendingEmail locale } }', {}, session);
    expect(profile.body.data?.profile).toEqual({ pendingEmail: null, locale: 'NL' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      catcher
        .messages()
        .slice(earlier)
        .filter((m) => isAddressedTo(m, email) || isAddressedTo(m, oldEmail)),
    ).toEqual([]);

    // Other details still change with the session alone.
    const renamed = await post(gateway, UPDATE_PROFILE, { input: { locale: 'en' } }, session);
    expect(renamed.body.errors).toBeUndefined();

    // With MFA on, a current code proves it too.
    const begun = await post(gateway, 'mutation { beginMfaEnrollment { secret } }', {}, session);
    const secret = (begun.body.data!.beginMfaEnrollment as { secret: string }).secret;
    const confirmed = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo', ...session },
      body: JSON.stringify({
        query: 'mutation ($c: String!) { confirmMfaEnrollment(code: $c) }',
        variables: { c: await totpCodeAt(secret, new Date()) },
      }),
    });
    const cookie = confirmed.headers
      .getSetCookie()
      .find((c) => c.startsWith('portal_session=ps_'))!
      .split(';')[0]!;
    const mfaSession = { cookie };
    const codeless = await post(gateway, UPDATE_PROFILE, { input: { email } }, mfaSession);
    expect(codeless.body.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ field: 'currentCode', code: 'REAUTHENTICATION_REQUIRED' }),
    ]);
    const proven = await post(
      gateway,
      UPDATE_PROFILE,
      { input: { email, currentCode: await totpCodeAt(secret, new Date(Date.now() + 30_000)) } },
      mfaSession,
    );
    expect(proven.body.errors).toBeUndefined();
    expect(proven.body.data?.updateProfile).toMatchObject({ pendingEmail: email });
  });

  it('taken between request and confirmation: the confirmation is refused and nothing changes', async () => {
    const oldEmail = await createAccount(gateway, { type: 'B2C', clientId: sophie.clientId, contactId: null });
    const session = await sessionOf(gateway, oldEmail);
    const email = newAddress('race');
    const token = await requestChange(session, email);
    // Someone else asks for the same address and confirms first.
    const other = await sessionOf(
      gateway,
      await createAccount(gateway, { type: 'B2C', clientId: sophie.clientId, contactId: null }),
    );
    const otherToken = await requestChange(other, email);
    expect((await post(gateway, CONFIRM_EMAIL, { token: otherToken })).body.data?.confirmEmailChange).toBe(true);
    const refused = await post(gateway, CONFIRM_EMAIL, { token });
    expect(codeOf(refused.body)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'email', code: 'EMAIL_IN_USE', message: expect.any(String), params: {} },
    ]);
    expect('cookie' in (await signIn(gateway, oldEmail))).toBe(true);
  });

  it('an expired link answers LINK_EXPIRED', async () => {
    const oldEmail = await createAccount(gateway, { type: 'B2C', clientId: sophie.clientId, contactId: sophie.contactId });
    const session = await sessionOf(gateway, oldEmail);
    const token = await requestChange(session, newAddress('late'));
    const account = await gateway.services.accounts.repository.findByEmail('demo', oldEmail);
    // 31 minutes later, as far as the link is concerned.
    const moved = await gateway.connection
      .collection('accountTokens')
      .updateMany({ accountId: account!.id, purpose: 'email-change' }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(moved.modifiedCount).toBe(1);
    const { body } = await post(gateway, CONFIRM_EMAIL, { token });
    expect(codeOf(body)).toBe('LINK_EXPIRED');
    expect('cookie' in (await signIn(gateway, oldEmail))).toBe(true);
  });

  it('a new request replaces the earlier link', async () => {
    const oldEmail = await createAccount(gateway, { type: 'B2C', clientId: sophie.clientId, contactId: null });
    const session = await sessionOf(gateway, oldEmail);
    const first = await requestChange(session, newAddress('first'));
    const second = newAddress('second');
    const secondToken = await requestChange(session, second);
    expect(codeOf((await post(gateway, CONFIRM_EMAIL, { token: first })).body)).toBe('BAD_USER_INPUT');
    expect((await post(gateway, CONFIRM_EMAIL, { token: secondToken })).body.data?.confirmEmailChange).toBe(true);
    expect('cookie' in (await signIn(gateway, second))).toBe(true);
    // B2C without a contact: the person client carries the address.
    expect(simulatorRecord(gateway, sophie.clientId).email).toBe(second);
  });

  it('a garbage token is refused without revealing anything', async () => {
    const { body } = await post(gateway, CONFIRM_EMAIL, { token: 'x'.repeat(43) });
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
  });
});

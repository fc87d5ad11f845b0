import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import {
  CONFIRM_EMAIL,
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
  const { body } = await post(gateway, UPDATE_PROFILE, { input: { email } }, session);
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

    const staged = await post(gateway, UPDATE_PROFILE, { input: { email: email.toUpperCase() } }, session);
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
    // Written through to the person's contact in Nextcloud.
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

  it('an address already used in the tenant is refused, whatever its case', async () => {
    const oldEmail = await createAccount(gateway, { type: 'B2C', clientId: sophie.clientId, contactId: null });
    const session = await sessionOf(gateway, oldEmail);
    for (const taken of [DEMO.demo.janJansen.email, DEMO.demo.bakkerij.email.toUpperCase()]) {
      const { body } = await post(gateway, UPDATE_PROFILE, { input: { email: taken } }, session);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.extensions?.problems).toEqual([{ field: 'email', message: expect.stringMatching(/in use/) }]);
    }
    // Another tenant's addresses are no concern of this one.
    const { body } = await post(gateway, UPDATE_PROFILE, { input: { email: DEMO.other.pietDeVries.email } }, session);
    expect(body.data?.updateProfile).toMatchObject({ pendingEmail: DEMO.other.pietDeVries.email });
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
    expect(refused.body.errors?.[0]?.extensions?.problems).toEqual([{ field: 'email', message: expect.any(String) }]);
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

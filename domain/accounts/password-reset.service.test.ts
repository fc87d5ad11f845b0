import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { PasswordResetService, type PasswordResetDeps } from './password-reset.service.js';
import { GOOD_PASSWORD, uniqueEmail, useAccountTestKit } from './account.test-support.js';

const kit = useAccountTestKit(useTestDatabase());
const NEW_PASSWORD = 'Fietsbel-Molenwiek-Sneeuw-42';
let ipCounter = 0;
const meta = () => ({ ip: `192.0.2.${++ipCounter % 250}`, userAgent: 'vitest', publicUrl: 'https://portal.example.nl' });

async function requestResetToken(email: string): Promise<string> {
  await kit().services.passwordReset.request(kit().tenant(), email, meta());
  await kit().services.passwordReset.settled();
  const mail = [...kit().mails].reverse().find((m) => m.to === email && m.template === 'password-reset');
  if (!mail) throw new Error('no reset mail');
  const url = /https:\/\/portal\.example\.nl\/portal\/reset-password\?token=[^\s"<]+/.exec(mail.text)![0];
  return decodeURIComponent(new URL(url).searchParams.get('token')!);
}

describe('password reset', () => {
  it('answers true for any address and mails only existing ACTIVE accounts', async () => {
    const active = await kit().createAccount();
    const blocked = await kit().createAccount({ status: 'BLOCKED' });
    const before = kit().mails.length;
    for (const email of [uniqueEmail('nobody'), blocked.email, active.email.toUpperCase()]) {
      expect(await kit().services.passwordReset.request(kit().tenant(), email, meta())).toBe(true);
    }
    await kit().services.passwordReset.settled();
    const sent = kit().mails.slice(before);
    expect(sent.map((m) => m.to)).toEqual([active.email]);
    expect(sent[0]!.template).toBe('password-reset');
  });

  it("revokes the account's partner API tokens, and the mail says so", async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const { secret } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:invoices'] },
      { ip: null, userAgent: null },
    );
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).not.toBeNull();
    await kit().services.passwordReset.reset(kit().tenant(), await requestResetToken(account.email), NEW_PASSWORD, meta());
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).toBeNull();
    const mail = [...kit().mails].reverse().find((m) => m.to === account.email && m.template === 'password-changed')!;
    expect(mail.text).toMatch(/API-tokens voor koppelingen ingetrokken \(1\)|partner API tokens were revoked too \(1\)/);
  });

  it('sets the new password, revokes every session and every other reset link, and audits', async () => {
    const account = await kit().createAccount();
    const s1 = await kit().services.sessions.create(kit().tenant(), account);
    const s2 = await kit().services.sessions.create(kit().tenant(), account);
    const older = await requestResetToken(account.email);
    const token = await requestResetToken(account.email);
    await kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, meta());
    expect(await kit().services.sessions.authenticate(kit().tenant(), s1.token)).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), s2.token)).toBeNull();
    await expect(kit().services.passwordReset.reset(kit().tenant(), older, NEW_PASSWORD, meta())).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, meta())).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(
      kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD }, meta()),
    ).rejects.toMatchObject({
      extensions: { code: 'INVALID_CREDENTIALS' },
    });
    expect(
      (await kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: NEW_PASSWORD }, meta())).status,
    ).toBe('SIGNED_IN');
    expect((await kit().audit.list('demo', { eventType: 'password.reset', accountId: account.id })).events).toHaveLength(1);
    expect(kit().mails.some((m) => m.to === account.email && m.template === 'password-changed')).toBe(true);
  });

  it('the link expires after 30 minutes', async () => {
    const account = await kit().createAccount();
    const token = await requestResetToken(account.email);
    kit().clock.advance(30 * MINUTE);
    await expect(kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, meta())).rejects.toMatchObject({
      extensions: { code: 'LINK_EXPIRED' },
    });
  });

  it('refuses a weak password and keeps the link usable', async () => {
    const account = await kit().createAccount();
    const token = await requestResetToken(account.email);
    await expect(kit().services.passwordReset.reset(kit().tenant(), token, 'password1234', meta())).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'newPassword' }] },
    });
    await kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, meta());
  });

  it('lifts a lockout', async () => {
    const account = await kit().createAccount();
    for (let i = 0; i < 5; i++) {
      await kit()
        .services.signIn.signIn(kit().tenant(), { email: account.email, password: `Wrong-${i}-password` }, meta())
        .catch(() => {});
    }
    await expect(
      kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD }, meta()),
    ).rejects.toMatchObject({
      extensions: { code: 'ACCOUNT_LOCKED' },
    });
    kit().clock.advance(1000);
    await kit().services.passwordReset.reset(kit().tenant(), await requestResetToken(account.email), NEW_PASSWORD, meta());
    kit().clock.advance(1000);
    expect(
      (await kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: NEW_PASSWORD }, meta())).status,
    ).toBe('SIGNED_IN');
  });

  it('sends at most 3 reset mails an hour to one account', async () => {
    const account = await kit().createAccount();
    const before = kit().mails.length;
    // One request after the other: under a concurrent burst the limiter errs on the side of fewer.
    for (let i = 0; i < 5; i++) {
      await kit().services.passwordReset.request(kit().tenant(), account.email, meta());
      await kit().services.passwordReset.settled();
    }
    expect(
      kit()
        .mails.slice(before)
        .filter((m) => m.to === account.email),
    ).toHaveLength(3);
  });

  it('limits requests per network address', async () => {
    const fixed = { ip: '192.0.2.250', userAgent: null, publicUrl: 'https://portal.example.nl' };
    for (let i = 0; i < 10; i++) await kit().services.passwordReset.request(kit().tenant(), uniqueEmail(), fixed);
    await expect(kit().services.passwordReset.request(kit().tenant(), uniqueEmail(), fixed)).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
    });
  });

  it('a link works for just under 30 minutes, and the mail says how long', async () => {
    const account = await kit().createAccount();
    const token = await requestResetToken(account.email);
    const mail = [...kit().mails].reverse().find((m) => m.to === account.email && m.template === 'password-reset')!;
    expect(mail.text).toMatch(/30 minuten|30 minutes/);
    kit().clock.advance(29 * MINUTE);
    expect(await kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, meta())).toBe(true);
    const stored = await kit().services.accounts.repository.findById(account.id);
    expect(stored!.passwordChangedAt).toEqual(kit().clock.now());
  });

  it('refuses the link once the account is blocked, or gone', async () => {
    const blocked = await kit().createAccount();
    const blockedToken = await requestResetToken(blocked.email);
    await kit().services.accounts.repository.update(blocked.id, { status: 'BLOCKED' });
    await expect(kit().services.passwordReset.reset(kit().tenant(), blockedToken, NEW_PASSWORD, meta())).rejects.toMatchObject({
      message: 'This link is not valid or has already been used. Ask for a new one.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await kit().services.accounts.repository.findById(blocked.id))!.passwordHash).toBe(blocked.passwordHash);

    const gone = await kit().createAccount();
    const goneToken = await requestResetToken(gone.email);
    await kit()
      .connection.collection('accounts')
      .deleteOne({ _id: gone.id as never });
    await expect(kit().services.passwordReset.reset(kit().tenant(), goneToken, NEW_PASSWORD, meta())).rejects.toMatchObject({
      message: 'This link is not valid or has already been used. Ask for a new one.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('audits the reset as done by the account itself, on the account', async () => {
    const account = await kit().createAccount();
    await kit().services.passwordReset.reset(kit().tenant(), await requestResetToken(account.email), NEW_PASSWORD, meta());
    const [event] = (await kit().audit.list('demo', { eventType: 'password.reset', accountId: account.id })).events;
    expect(event).toMatchObject({ actor: `account:${account.id}`, targetType: 'account', targetId: account.id });
  });

  it('limits reset attempts per network address (guessing links), for 15 minutes, and only that address', async () => {
    const guesser = { ip: '203.0.113.9', userAgent: null };
    for (let i = 0; i < 10; i++) {
      await expect(
        kit().services.passwordReset.reset(kit().tenant(), `guessed-link-${i}-0123456789abcdef`, NEW_PASSWORD, guesser),
      ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
    const account = await kit().createAccount();
    const token = await requestResetToken(account.email);
    await expect(kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, guesser)).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
    });
    kit().clock.advance(14 * MINUTE);
    await expect(kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, guesser)).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
    });
    // Someone else, elsewhere, is not held up by the guesser.
    expect(await kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, meta())).toBe(true);
  });

  it('does not lump together requests without a known network address', async () => {
    const account = await kit().createAccount();
    const noAddress = { ip: null, userAgent: null, publicUrl: 'https://portal.example.nl' };
    for (let i = 0; i < 12; i++) {
      expect(await kit().services.passwordReset.request(kit().tenant(), uniqueEmail(), noAddress)).toBe(true);
    }
    const token = await requestResetToken(account.email);
    for (let i = 0; i < 11; i++) {
      await expect(
        kit().services.passwordReset.reset(kit().tenant(), `guessed-link-${i}-0123456789abcdef`, NEW_PASSWORD, {
          ip: null,
          userAgent: null,
        }),
      ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
    expect(await kit().services.passwordReset.reset(kit().tenant(), token, NEW_PASSWORD, { ip: null, userAgent: null })).toBe(
      true,
    );
  });

  it('the per-address limit on requests lasts 15 minutes', async () => {
    const fixed = { ip: '203.0.113.77', userAgent: null, publicUrl: 'https://portal.example.nl' };
    for (let i = 0; i < 10; i++) await kit().services.passwordReset.request(kit().tenant(), uniqueEmail(), fixed);
    kit().clock.advance(14 * MINUTE);
    await expect(kit().services.passwordReset.request(kit().tenant(), uniqueEmail(), fixed)).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
    });
    kit().clock.advance(1 * MINUTE);
    expect(await kit().services.passwordReset.request(kit().tenant(), uniqueEmail(), fixed)).toBe(true);
  });

  it('the three-mails cap on one account lasts an hour', async () => {
    const account = await kit().createAccount();
    const mailsTo = () => kit().mails.filter((m) => m.to === account.email).length;
    for (let i = 0; i < 3; i++) await requestResetToken(account.email);
    kit().clock.advance(59 * MINUTE);
    await kit().services.passwordReset.request(kit().tenant(), account.email, meta());
    await kit().services.passwordReset.settled();
    expect(mailsTo()).toBe(3);
    kit().clock.advance(1 * MINUTE);
    await kit().services.passwordReset.request(kit().tenant(), account.email, meta());
    await kit().services.passwordReset.settled();
    expect(mailsTo()).toBe(4);
  });

  it('a mail outage answers the request the same (no hint), and leaves nothing pending', async () => {
    const account = await kit().createAccount();
    const service = kit().services.passwordReset;
    const failing = new PasswordResetService({
      ...service['deps'],
      mail: Object.assign(Object.create(service['deps'].mail) as PasswordResetDeps['mail'], {
        async send() {
          throw new Error('SMTP connection refused');
        },
      }),
    });
    expect(await failing.request(kit().tenant(), account.email, meta())).toBe(true);
    await failing.settled();
    expect(failing['inFlight'].size).toBe(0);
  });

  it('without an injected clock (production) stamps the change with the real time', async () => {
    const account = await kit().createAccount();
    const token = await requestResetToken(account.email);
    const realTime = new PasswordResetService({ ...kit().services.passwordReset['deps'], now: undefined });
    const before = Date.now();
    await realTime.reset(kit().tenant(), token, NEW_PASSWORD, meta());
    const changedAt = (await kit().services.accounts.repository.findById(account.id))!.passwordChangedAt!;
    expect(changedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(changedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

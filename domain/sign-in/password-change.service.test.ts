import { describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, META, useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import { useTestDatabase } from '../../test/db.js';
import { AccountMail } from '../accounts/account-mail.js';
import { PasswordChangeService } from './password-change.service.js';

const kit = useAccountTestKit(useTestDatabase());
const NEW_PASSWORD = 'Kiezelstrand-Lantaarn-Okapi-58';
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { extensions?: { code?: string } }) => error.extensions?.code ?? String(error),
  );
const problemsOf = (error: unknown) => (error as { extensions?: { problems?: unknown[] } }).extensions?.problems;

/** The account signed in on one device: its session and the principal that session gives. */
async function signedIn(account: Account) {
  const session = await kit().services.sessions.create(kit().tenant(), account);
  return { session, principal: kit().customer(account, session.sessionId) };
}

const change = (account: Account, sessionId: string, currentPassword: string, newPassword = NEW_PASSWORD) =>
  kit().services.passwordChange.change(
    kit().tenant(),
    kit().customer(account, sessionId),
    { currentPassword, newPassword },
    META,
  );

const signsInWith = async (account: Account, password: string) =>
  codeOf(kit().services.signIn.signIn(kit().tenant(), { email: account.email, password }, { ip: null, userAgent: 'x' }));

describe('changing the password while signed in', () => {
  it('asks for the current password at its field, without spending an attempt', async () => {
    const account = await kit().createAccount();
    const { session } = await signedIn(account);
    const missing = await change(account, session.sessionId, '').catch((e: unknown) => e);
    expect(missing).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'Enter your current password.' });
    expect(problemsOf(missing)).toEqual([
      expect.objectContaining({
        field: 'currentPassword',
        code: 'REAUTHENTICATION_REQUIRED',
        message: 'Enter your current password.',
      }),
    ]);
    const denied = await kit().audit.list('demo', { accountId: account.id, eventType: 'password.changed' });
    expect(denied.events).toEqual([]);
  });

  it('checks the new password against the policy before the current one is tried', async () => {
    const account = await kit().createAccount();
    const { session } = await signedIn(account);
    const weak = await change(account, session.sessionId, 'Not-My-Password-1', 'kort').catch((e: unknown) => e);
    expect(problemsOf(weak)).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_TOO_SHORT' })]);
    // No attempt at the current password was spent on it.
    const denied = await kit().audit.list('demo', { accountId: account.id, eventType: 'password.changed' });
    expect(denied.events).toEqual([]);
  });

  it('answers a wrong current password at its field, audited as a refused change, and changes nothing', async () => {
    const account = await kit().createAccount();
    const { session } = await signedIn(account);
    const wrong = await change(account, session.sessionId, 'Not-My-Password-1').catch((e: unknown) => e);
    expect(wrong).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'The current password is not correct.' });
    expect(problemsOf(wrong)).toEqual([
      expect.objectContaining({
        field: 'currentPassword',
        code: 'WRONG_CURRENT_PASSWORD',
        message: 'The current password is not correct.',
      }),
    ]);
    const events = await kit().audit.list('demo', { accountId: account.id, eventType: 'password.changed' });
    expect(events.events).toEqual([
      expect.objectContaining({ outcome: 'denied', details: { during: 'password-change', reason: 'wrong-password' } }),
    ]);
    expect(await signsInWith(account, GOOD_PASSWORD)).toBe('OK');
    expect(await kit().services.sessions.authenticate(kit().tenant(), session.token)).not.toBeNull();
  });

  it('passes a lockout on as ACCOUNT_LOCKED, not as a wrong password', async () => {
    const account = await kit().createAccount();
    const { session } = await signedIn(account);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await change(account, session.sessionId, `Wrong-Guess-${i}-pw`).catch((e: unknown) => e);
      codes.push(
        String((problemsOf(answer) as Array<{ code: string }> | undefined)?.[0]?.code ?? codeOf(Promise.reject(answer))),
      );
    }
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('WRONG_CURRENT_PASSWORD'));
    await expect(change(account, session.sessionId, GOOD_PASSWORD)).rejects.toMatchObject({
      extensions: { code: 'ACCOUNT_LOCKED' },
    });
    expect(await signsInWith(account, NEW_PASSWORD)).not.toBe('OK');
  });

  it('sets the new password, renews this session, ends the others, audits it and mails the owner', async () => {
    const account = await kit().createAccount();
    const phone = await signedIn(account);
    const laptop = await signedIn(account);
    const mailsBefore = kit().mails.length;

    const result = await change(account, laptop.session.sessionId, GOOD_PASSWORD);
    expect(result.signedOut).toBe(1);
    const sessions = kit().services.sessions;
    expect(await sessions.authenticate(kit().tenant(), phone.session.token)).toBeNull();
    expect(await sessions.authenticate(kit().tenant(), laptop.session.token)).toBeNull();
    expect(await sessions.authenticate(kit().tenant(), result.session.token)).toMatchObject({ accountId: account.id });

    expect(await signsInWith(account, GOOD_PASSWORD)).toBe('INVALID_CREDENTIALS');
    expect(await signsInWith(account, NEW_PASSWORD)).toBe('OK');
    const stored = (await kit().services.accounts.repository.findById(account.id))!;
    expect(stored.passwordChangedAt).toEqual(kit().clock.now());

    const events = await kit().audit.list('demo', { accountId: account.id, eventType: 'password.changed' });
    expect(events.events).toEqual([
      expect.objectContaining({
        outcome: 'success',
        actor: `account:${account.id}`,
        targetType: 'account',
        targetId: account.id,
      }),
    ]);
    const notices = kit()
      .mails.slice(mailsBefore)
      .filter((mail) => mail.to === account.email);
    expect(notices).toEqual([expect.objectContaining({ subject: expect.stringMatching(/wachtwoord is gewijzigd/i) })]);
  });

  it('is NOT_FOUND for an account that is gone or belongs to another tenant', async () => {
    const account = await kit().createAccount();
    const input = { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD };
    const service = kit().services.passwordChange;
    const elsewhere = { ...kit().customer(account), tenantId: 'other-tenant' };
    await expect(service.change(kit().tenant(), elsewhere, input, META)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
      message: 'The account was not found.',
    });
    // Before anything about the form is judged: a refusal at a field would confirm the account.
    const blank = { currentPassword: '', newPassword: 'kort' };
    expect(await codeOf(service.change(kit().tenant(), elsewhere, blank, META))).toBe('NOT_FOUND');
    const gone = { ...kit().customer(account), accountId: 'no-such-account' };
    expect(await codeOf(service.change(kit().tenant(), gone, input, META))).toBe('NOT_FOUND');
    expect(await codeOf(service.change(kit().tenant(), gone, blank, META))).toBe('NOT_FOUND');
    expect(await signsInWith(account, GOOD_PASSWORD)).toBe('OK');
  });
});

describe('the production clock', () => {
  it('stamps the change with the real time when no clock is given', async () => {
    const { services, audit } = kit();
    const sent: string[] = [];
    const service = new PasswordChangeService({
      accounts: services.accounts.repository,
      identity: services.identity,
      hasher: services.passwordHasher,
      sessions: services.sessions,
      invitations: services.invitations,
      audit,
      mail: new AccountMail({
        async send(mail) {
          sent.push(mail.to);
          return { messageId: 'test' };
        },
      }),
    });
    const account = await kit().createAccount();
    const { session } = await signedIn(account);
    const before = Date.now();
    await service.change(
      kit().tenant(),
      kit().customer(account, session.sessionId),
      { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD },
      META,
    );
    const changedAt = (await services.accounts.repository.findById(account.id))!.passwordChangedAt!.getTime();
    expect(changedAt).toBeGreaterThanOrEqual(before);
    expect(changedAt).toBeLessThanOrEqual(Date.now());
    expect(sent).toEqual([account.email]);
  });
});

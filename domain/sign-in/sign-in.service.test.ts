import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, META, uniqueEmail, useAccountTestKit } from '../accounts/account.test-support.js';
import { useTestDatabase } from '../../test/db.js';
import { MINUTE } from '../../test/clock.js';
import type { RequestMeta } from '../request-meta.js';
import { SignInService } from './sign-in.service.js';

const kit = useAccountTestKit(useTestDatabase());
const signIn = (email: string, password: string, meta: RequestMeta = META) =>
  kit().services.signIn.signIn(kit().tenant(), { email, password }, meta);
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { extensions?: { code?: string } }) => error.extensions?.code ?? String(error),
  );
let ipCounter = 0;
/** A fresh source address per call, for tests about the account lockout rather than the IP limit. */
const freshIp = () => ({ ip: `203.0.113.${++ipCounter % 250}`, userAgent: 'vitest' });

describe('signIn', () => {
  it('signs an ACTIVE account in with a session token for its tenant', async () => {
    const account = await kit().createAccount();
    const result = await signIn(account.email.toUpperCase(), GOOD_PASSWORD);
    expect(result.status).toBe('SIGNED_IN');
    if (result.status !== 'SIGNED_IN') return;
    expect(result.session.token).toMatch(/^ps_[A-Za-z0-9_-]{43}$/);
    const principal = await kit().services.sessions.authenticate(kit().tenant(), result.session.token);
    expect(principal).toMatchObject({
      kind: 'customer',
      accountId: account.id,
      enrolmentOnly: false,
      clientId: account.clientId,
    });
    expect((await kit().services.accounts.repository.findById(account.id))!.lastSignInAt).toEqual(kit().clock.now());
  });

  it('answers an unknown address and a wrong password identically, and audits the real reason', async () => {
    const account = await kit().createAccount();
    type Refusal = { message: string; extensions: Record<string, unknown> };
    const unknown = (await signIn(uniqueEmail('nobody'), GOOD_PASSWORD, freshIp()).catch((e: unknown) => e)) as Refusal;
    const wrong = (await signIn(account.email, 'Not-The-Right-Password-1', freshIp()).catch((e: unknown) => e)) as Refusal;
    expect(unknown).toMatchObject({ message: wrong.message, extensions: { code: 'INVALID_CREDENTIALS' } });
    expect(unknown.extensions).toEqual(wrong.extensions);
    const events = await kit().audit.list('demo', { eventType: 'login.failed' }, { first: 200 });
    expect(events.events.find((e) => e.accountId === account.id)?.details).toEqual({ reason: 'wrong-password' });
    expect(events.events.some((e) => e.accountId === null && e.details.reason === 'unknown-email')).toBe(true);
  });

  it('50 parallel wrong passwords: no success, at most 5 checked, and the account is locked', async () => {
    const account = await kit().createAccount();
    const guesses = Array.from({ length: 50 }, (_, i) => signIn(account.email, `Wrong-Guess-Number-${i}`, freshIp()));
    const codes = await Promise.all(guesses.map(codeOf));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(0);
    expect(codes.every((c) => c === 'INVALID_CREDENTIALS' || c === 'ACCOUNT_LOCKED')).toBe(true);
    const failed = await kit().audit.list('demo', { eventType: 'login.failed', accountId: account.id }, { first: 200 });
    expect(failed.events.filter((e) => e.details.reason === 'wrong-password').length).toBeLessThanOrEqual(5);
    // Even the right password is refused now, until 15 minutes after the burst.
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('ACCOUNT_LOCKED');
    kit().clock.advance(15 * MINUTE);
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('OK');
  });

  it('locks after 5 failures for exactly 15 minutes, with retryAfter telling the real wait', async () => {
    const account = await kit().createAccount();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(await codeOf(signIn(account.email, `Wrong-Guess-${i}-xyz`, freshIp())));
      kit().clock.advance(MINUTE);
    }
    // The fifth failure starts the lock and says so.
    expect(codes).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'ACCOUNT_LOCKED',
    ]);
    // The fifth failure was 1 minute ago: 14 minutes left.
    const locked = await signIn(account.email, GOOD_PASSWORD, freshIp()).catch(
      (e: { message: string; extensions: Record<string, unknown> }) => e,
    );
    expect(locked).toMatchObject({ extensions: { code: 'ACCOUNT_LOCKED', retryAfter: 14 * 60 } });
    expect((locked as { message: string }).message).toContain('14 minutes');
    kit().clock.advance(14 * MINUTE - 1000);
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('ACCOUNT_LOCKED');
    kit().clock.advance(1000);
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('OK');
  });

  it('stops counting failures older than 15 minutes', async () => {
    const account = await kit().createAccount();
    for (let i = 0; i < 4; i++) await codeOf(signIn(account.email, `Old-Wrong-${i}-abc`, freshIp()));
    kit().clock.advance(15 * MINUTE + 1000);
    for (let i = 0; i < 4; i++)
      expect(await codeOf(signIn(account.email, `New-Wrong-${i}-abc`, freshIp()))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('OK');
  });

  it('a successful sign-in clears earlier failures', async () => {
    const account = await kit().createAccount();
    for (let i = 0; i < 4; i++) await codeOf(signIn(account.email, `Wrong-${i}-before`, freshIp()));
    kit().clock.advance(1000);
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('OK');
    kit().clock.advance(1000);
    for (let i = 0; i < 4; i++)
      expect(await codeOf(signIn(account.email, `Wrong-${i}-after`, freshIp()))).toBe('INVALID_CREDENTIALS');
  });

  it('locks unknown addresses the same way, so the lockout reveals nothing', async () => {
    const email = uniqueEmail('ghost');
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push(await codeOf(signIn(email, `Guess-${i}-ghost`, freshIp())));
    expect(codes.slice(4)).toEqual(['ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
  });

  it('reveals CLOSED and BLOCKED only to someone with the right password', async () => {
    const closed = await kit().createAccount({ status: 'CLOSED' });
    const blocked = await kit().createAccount({ status: 'BLOCKED' });
    expect(await codeOf(signIn(closed.email, 'Wrong-Password-xyz', freshIp()))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(signIn(blocked.email, 'Wrong-Password-xyz', freshIp()))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(signIn(closed.email, GOOD_PASSWORD, freshIp()))).toBe('ACCOUNT_CLOSED');
    await expect(signIn(blocked.email, GOOD_PASSWORD, freshIp())).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('blocked'),
    });
  });

  it('an invited account without a password cannot sign in', async () => {
    const invited = await kit().createAccount({ status: 'INVITED' });
    expect(await codeOf(signIn(invited.email, GOOD_PASSWORD, freshIp()))).toBe('INVALID_CREDENTIALS');
  });

  it('refuses accounts whose mode the tenant switched off, after the password', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const tenant = kit().tenant({ b2bEnabled: false });
    await expect(
      kit().services.signIn.signIn(tenant, { email: account.email, password: GOOD_PASSWORD }, freshIp()),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('limits sign-in calls per network address with RATE_LIMITED and retryAfter', async () => {
    const meta = { ip: '192.0.2.200', userAgent: 'spray' };
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) codes.push(await codeOf(signIn(uniqueEmail(`spray${i}`), 'Some-Password-123', meta)));
    expect(codes.slice(0, 20).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
    await expect(signIn(uniqueEmail('spray'), 'Some-Password-123', meta)).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED', retryAfter: 60 },
    });
  });

  it('re-hashes a password stored with other argon2 parameters at the next successful sign-in', async () => {
    const account = await kit().createAccount();
    const older = await argon2.hash(GOOD_PASSWORD, { type: argon2.argon2id, memoryCost: 2048, timeCost: 1, parallelism: 1 });
    await kit().services.accounts.repository.update(account.id, { passwordHash: older });
    expect(await codeOf(signIn(account.email, 'Wrong-Password-rehash', freshIp()))).toBe('INVALID_CREDENTIALS');
    expect((await kit().services.accounts.repository.findById(account.id))!.passwordHash).toBe(older);
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('OK');
    const rehashed = (await kit().services.accounts.repository.findById(account.id))!.passwordHash!;
    expect(rehashed).not.toBe(older);
    expect(kit().services.passwordHasher.needsRehash(rehashed)).toBe(false);
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('OK');
  });

  it('purgeExpired drops attempts that no longer count', async () => {
    const email = uniqueEmail('purge');
    await codeOf(signIn(email, 'Wrong-Password-purge', freshIp()));
    kit().clock.advance(31 * MINUTE);
    expect(await kit().services.signIn.purgeExpired(kit().clock.now())).toBeGreaterThanOrEqual(1);
    const left = await kit()
      .connection.collection('signInAttempts')
      .countDocuments({ key: `demo:${email}` });
    expect(left).toBe(0);
  });
});

/** The reasons the trail gives for an account's refused sign-ins, oldest first. */
async function failureReasons(accountId: string): Promise<unknown[]> {
  const failed = await kit().audit.list('demo', { eventType: 'login.failed', accountId }, { first: 200 });
  return failed.events.map((e) => e.details.reason).reverse();
}

describe('signIn: what the person and the trail are told', () => {
  it('words the refusals a person reads', async () => {
    const account = await kit().createAccount();
    await expect(signIn(account.email, 'Not-The-Password-77', freshIp())).rejects.toMatchObject({
      message: 'The email address or password is not correct.',
    });
    const closed = await kit().createAccount({ status: 'CLOSED' });
    await expect(signIn(closed.email, GOOD_PASSWORD, freshIp())).rejects.toMatchObject({
      message: 'This account has been closed.',
    });
    const business = await kit().createAccount({ type: 'B2B' });
    await expect(
      kit().services.signIn.signIn(
        kit().tenant({ b2bEnabled: false }),
        { email: business.email, password: GOOD_PASSWORD },
        freshIp(),
      ),
    ).rejects.toMatchObject({ message: 'Business accounts cannot sign in to this portal at the moment.' });
    const personal = await kit().createAccount({ type: 'B2C' });
    await expect(
      kit().services.signIn.signIn(
        kit().tenant({ b2cEnabled: false }),
        { email: personal.email, password: GOOD_PASSWORD },
        freshIp(),
      ),
    ).rejects.toMatchObject({ message: 'Personal accounts cannot sign in to this portal at the moment.' });
  });

  it('records why each refusal happened, for the account it names', async () => {
    const active = await kit().createAccount();
    await codeOf(signIn(active.email, 'Not-The-Password-88', freshIp()));
    const failed = await kit().audit.list('demo', { eventType: 'login.failed', accountId: active.id });
    expect(failed.events[0]).toMatchObject({ outcome: 'denied', actor: `account:${active.id}` });

    const invited = await kit().createAccount({ status: 'INVITED' });
    await codeOf(signIn(invited.email, GOOD_PASSWORD, freshIp()));
    expect(await failureReasons(invited.id)).toEqual(['not-activated']);
    const closed = await kit().createAccount({ status: 'CLOSED' });
    await codeOf(signIn(closed.email, GOOD_PASSWORD, freshIp()));
    expect(await failureReasons(closed.id)).toEqual(['closed']);
    const blocked = await kit().createAccount({ status: 'BLOCKED' });
    await codeOf(signIn(blocked.email, GOOD_PASSWORD, freshIp()));
    expect(await failureReasons(blocked.id)).toEqual(['blocked']);
    const business = await kit().createAccount({ type: 'B2B' });
    await codeOf(
      kit().services.signIn.signIn(
        kit().tenant({ b2bEnabled: false }),
        { email: business.email, password: GOOD_PASSWORD },
        freshIp(),
      ),
    );
    expect(await failureReasons(business.id)).toEqual(['mode-disabled']);
  });

  it('tells the remaining wait in the lock message, in the singular for the last minute, and audits the refusal', async () => {
    const account = await kit().createAccount();
    for (let i = 0; i < 4; i++) await codeOf(signIn(account.email, `Wrong-Guess-${i}-abc`, freshIp()));
    // The failure that starts the lock says how long it lasts.
    await expect(signIn(account.email, 'Wrong-Guess-4-abc', freshIp())).rejects.toMatchObject({
      extensions: { code: 'ACCOUNT_LOCKED', retryAfter: 15 * 60 },
    });
    kit().clock.advance(14 * MINUTE);
    const locked = await signIn(account.email, GOOD_PASSWORD, freshIp()).catch((e: { message: string }) => e);
    expect(locked).toMatchObject({ extensions: { code: 'ACCOUNT_LOCKED', retryAfter: 60 } });
    expect((locked as { message: string }).message).toBe(
      'Too many failed sign-in attempts. Try again in 1 minute, or reset your password.',
    );
    expect((await failureReasons(account.id)).slice(-1)).toEqual(['locked']);
  });

  it('audits a rate-limit flood once, and words the refusal', async () => {
    const meta = { ip: '192.0.2.201', userAgent: 'flood' };
    const limitedBefore = async () =>
      (await kit().audit.list('demo', { eventType: 'login.failed' }, { first: 200 })).events.filter(
        (e) => e.details.reason === 'rate-limited',
      ).length;
    const before = await limitedBefore();
    for (let i = 0; i < 20; i++) await codeOf(signIn(uniqueEmail(`flood${i}`), 'Some-Password-123', meta));
    expect(await limitedBefore()).toBe(before);
    for (let i = 0; i < 3; i++) {
      await expect(signIn(uniqueEmail('flood'), 'Some-Password-123', meta)).rejects.toMatchObject({
        extensions: { code: 'RATE_LIMITED' },
        message: 'Too many sign-in attempts from your network. Please wait and try again.',
      });
    }
    expect(await limitedBefore()).toBe(before + 1);
  });

  it('does not pool callers without a known address under one rate limit', async () => {
    const anonymous = { ip: null, userAgent: 'no-address' };
    const codes: string[] = [];
    for (let i = 0; i < 22; i++) codes.push(await codeOf(signIn(uniqueEmail(`noip${i}`), 'Some-Password-123', anonymous)));
    expect(new Set(codes)).toEqual(new Set(['INVALID_CREDENTIALS']));
  });

  it('counts a failure made at the very moment of a successful sign-in', async () => {
    const account = await kit().createAccount();
    expect(await codeOf(signIn(account.email, GOOD_PASSWORD, freshIp()))).toBe('OK');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await codeOf(signIn(account.email, `Same-Instant-${i}-x`, freshIp())));
    expect(codes.at(-1)).toBe('ACCOUNT_LOCKED');
  });

  it('refuses a missing or non-text password as wrong credentials', async () => {
    const account = await kit().createAccount();
    const input = { email: account.email, password: null as unknown as string };
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), input, freshIp()))).toBe('INVALID_CREDENTIALS');
  });

  it('never checks a password longer than 1024 characters, not even the stored one', async () => {
    const longest = `${'Lang-Wachtwoord-'.repeat(64)}`;
    expect(longest).toHaveLength(1024);
    const fits = await kit().createAccount({ password: longest });
    expect(await codeOf(signIn(fits.email, longest, freshIp()))).toBe('OK');
    const tooLong = `${longest}x`;
    const over = await kit().createAccount({ password: tooLong });
    expect(await codeOf(signIn(over.email, tooLong, freshIp()))).toBe('INVALID_CREDENTIALS');
  });
});

describe('signIn: what a successful sign-in gives and keeps', () => {
  it('returns the signed-in account, audits the method, and opens a full session', async () => {
    const account = await kit().createAccount();
    const result = await signIn(account.email, GOOD_PASSWORD, freshIp());
    if (result.status !== 'SIGNED_IN') throw new Error(result.status);
    expect(result.account).toMatchObject({ id: account.id, email: account.email, lastSignInAt: kit().clock.now() });
    const sessions = await kit().services.sessions.listForAccount(kit().tenant(), account.id, result.session.sessionId);
    expect(sessions).toEqual([expect.objectContaining({ kind: 'full', current: true })]);
    const succeeded = await kit().audit.list('demo', { eventType: 'login.succeeded', accountId: account.id });
    expect(succeeded.events[0]).toMatchObject({ actor: `account:${account.id}`, details: { method: 'password' } });
  });

  it('names the second factor in the audited method', async () => {
    const account = await kit().createAccount();
    const totpCode = await (await kit().withMfa(account)).currentCode();
    const result = await kit().services.signIn.signIn(
      kit().tenant(),
      { email: account.email, password: GOOD_PASSWORD, totpCode },
      freshIp(),
    );
    expect(result.status).toBe('SIGNED_IN');
    const succeeded = await kit().audit.list('demo', { eventType: 'login.succeeded', accountId: account.id });
    expect(succeeded.events[0]!.details).toEqual({ method: 'password+totp' });
  });

  it('flags an enrolment-only sign-in in the trail', async () => {
    const account = await kit().createAccount();
    const result = await kit().services.signIn.signIn(
      kit().tenant({ mfaRequired: true }),
      { email: account.email, password: GOOD_PASSWORD },
      freshIp(),
    );
    expect(result.status).toBe('MFA_ENROLLMENT_REQUIRED');
    const succeeded = await kit().audit.list('demo', { eventType: 'login.succeeded', accountId: account.id });
    expect(succeeded.events[0]!.details).toEqual({ method: 'password', mfaEnrolmentRequired: true });
  });

  it('saves the language chosen on the sign-in page, and only a language the portal speaks', async () => {
    const account = await kit().createAccount();
    const withLocale = (locale: string | null) =>
      kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD, locale }, freshIp());
    const stored = async () => (await kit().services.accounts.repository.findById(account.id))!.locale;

    const chosen = await withLocale(' EN ');
    expect(chosen.status === 'SIGNED_IN' && chosen.account.locale).toBe('en');
    expect(await stored()).toBe('en');
    const succeeded = await kit().audit.list('demo', { eventType: 'login.succeeded', accountId: account.id });
    expect(succeeded.events[0]!.details).toEqual({ method: 'password', locale: 'en' });

    for (const other of ['fr', '', null]) {
      const kept = await withLocale(other);
      expect(kept.status === 'SIGNED_IN' && kept.account.locale).toBe('en');
      expect(await stored()).toBe('en');
    }
    // The stored language again: nothing to save, so the trail does not claim a change.
    await withLocale('en');
    const latest = await kit().audit.list('demo', { eventType: 'login.succeeded', accountId: account.id });
    expect(latest.events[0]!.details).toEqual({ method: 'password' });

    await withLocale('nl');
    expect(await stored()).toBe('nl');
  });

  it('signOut ends the session and audits it', async () => {
    const account = await kit().createAccount();
    const result = await signIn(account.email, GOOD_PASSWORD, freshIp());
    if (result.status !== 'SIGNED_IN') throw new Error(result.status);
    const principal = (await kit().services.sessions.authenticate(kit().tenant(), result.session.token))!;
    await kit().services.signIn.signOut(kit().tenant(), principal, META);
    expect(await kit().services.sessions.authenticate(kit().tenant(), result.session.token)).toBeNull();
    const loggedOut = await kit().audit.list('demo', { eventType: 'logout', accountId: account.id });
    expect(loggedOut.events).toEqual([expect.objectContaining({ outcome: 'success', actor: `account:${account.id}` })]);
  });
});

describe('the production clock', () => {
  it('stamps the sign-in with the real time when no clock is given', async () => {
    const { services, audit, connection } = kit();
    const service = new SignInService({
      connection,
      accounts: services.accounts.repository,
      sessions: services.sessions,
      mfa: services.mfa,
      hasher: services.passwordHasher,
      rateLimiter: services.rateLimiter,
      audit,
    });
    const account = await kit().createAccount();
    const before = Date.now();
    const result = await service.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD }, freshIp());
    expect(result.status).toBe('SIGNED_IN');
    const signedInAt = (await services.accounts.repository.findById(account.id))!.lastSignInAt!.getTime();
    expect(signedInAt).toBeGreaterThanOrEqual(before);
    expect(signedInAt).toBeLessThanOrEqual(Date.now());
  });
});

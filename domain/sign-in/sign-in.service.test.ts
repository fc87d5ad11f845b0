import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, META, uniqueEmail, useAccountTestKit } from '../accounts/account.test-support.js';
import { useTestDatabase } from '../../test/db.js';
import { MINUTE } from '../../test/clock.js';

const kit = useAccountTestKit(useTestDatabase());
const signIn = (email: string, password: string, meta = META) =>
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

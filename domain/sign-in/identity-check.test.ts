import { describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, META, useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import type { IdentityProof } from './identity-check.js';
import { useTestDatabase } from '../../test/db.js';
import { MINUTE } from '../../test/clock.js';

const kit = useAccountTestKit(useTestDatabase());
const identity = () => kit().services.identity;
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => `OK:${String(value)}`,
    (error: { extensions?: { code?: string } }) => error.extensions?.code ?? String(error),
  );
const verify = (account: Account, proof: IdentityProof) =>
  identity().verify(kit().tenant(), kit().customer(account), proof, META, 'api-token');

const withMfa = (account: Account) => kit().withMfa(account);

async function deniedEvents(account: Account, type: 'mfa.failed' | 'password.changed' = 'mfa.failed') {
  const page = await kit().audit.list('demo', { accountId: account.id, eventType: type }, { first: 100 });
  return page.events.filter((e) => e.outcome === 'denied').reverse();
}

describe('IdentityCheck: proving it is really the signed-in customer', () => {
  it('asks for a proof at the field the form shows: the code with MFA on, the password without', async () => {
    const plain = await kit().createAccount();
    const problemOf = (error: unknown) => (error as { extensions: { problems: unknown[] } }).extensions.problems;
    const bare = await verify(plain, {}).catch((e: unknown) => e);
    expect(bare).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'Confirm it is you: enter a current verification code or your password.',
    });
    expect(problemOf(bare)).toEqual([
      {
        field: 'password',
        code: 'REAUTHENTICATION_REQUIRED',
        message: 'Confirm it is you: enter a current verification code or your password.',
        params: {},
      },
    ]);

    const guarded = await kit().createAccount();
    await withMfa(guarded);
    const blank = await verify(guarded, { currentCode: '   ', password: '' }).catch((e: unknown) => e);
    expect(problemOf(blank)).toEqual([expect.objectContaining({ field: 'currentCode', code: 'REAUTHENTICATION_REQUIRED' })]);
    // Asking is not a failed attempt.
    expect(await deniedEvents(guarded)).toEqual([]);
  });

  it('accepts the password and names the method; a wrong one is INVALID_CREDENTIALS, audited without the password', async () => {
    const account = await kit().createAccount();
    expect(await codeOf(verify(account, { password: GOOD_PASSWORD }))).toBe('OK:password');
    expect(await codeOf(verify(account, { password: 'Not-My-Password-1' }))).toBe('INVALID_CREDENTIALS');
    const denied = await deniedEvents(account);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ details: { during: 'api-token', reason: 'wrong-password' } });
    expect(JSON.stringify(denied[0])).not.toContain('Not-My-Password-1');
  });

  it('never checks a password longer than 1024 characters, not even the stored one', async () => {
    const longest = 'Lang-Wachtwoord-'.repeat(64);
    const fits = await kit().createAccount({ password: longest });
    expect(await codeOf(verify(fits, { password: longest }))).toBe('OK:password');
    const over = await kit().createAccount({ password: `${longest}x` });
    expect(await codeOf(verify(over, { password: `${longest}x` }))).toBe('INVALID_CREDENTIALS');
  });

  it('with MFA on: a current code or an unused recovery code, each named; a wrong code is INVALID_MFA_CODE', async () => {
    const account = await kit().createAccount();
    const { currentCode, recoveryCodes } = await withMfa(account);
    expect(await codeOf(verify(account, { currentCode: ` ${await currentCode()} ` }))).toBe('OK:totp');
    expect(await codeOf(verify(account, { currentCode: recoveryCodes[0] }))).toBe('OK:recovery-code');
    expect(await codeOf(verify(account, { currentCode: '000000' }))).toBe('INVALID_MFA_CODE');
    // A wrong code is not saved by a right password next to it: the code is what was offered.
    expect(await codeOf(verify(account, { currentCode: recoveryCodes[0], password: GOOD_PASSWORD }))).toBe('INVALID_MFA_CODE');
    // The password alone still proves it.
    expect(await codeOf(verify(account, { password: GOOD_PASSWORD }))).toBe('OK:password');
    expect((await deniedEvents(account)).map((e) => e.details)).toEqual([
      { during: 'api-token', reason: 'wrong-code' },
      { during: 'api-token', reason: 'wrong-code' },
    ]);
  });

  it('with MFA off, a code proves nothing', async () => {
    const account = await kit().createAccount();
    expect(await codeOf(verify(account, { currentCode: '123456' }))).toBe('INVALID_CREDENTIALS');
    expect((await deniedEvents(account)).map((e) => e.details.reason)).toEqual(['wrong-code']);
    expect(await codeOf(verify(account, { currentCode: '123456', password: GOOD_PASSWORD }))).toBe('OK:password');
  });

  it('verifyIfMfaOn asks nothing before the first enrolment, and a proof once MFA is on', async () => {
    const account = await kit().createAccount();
    const check = (proof: IdentityProof) =>
      identity().verifyIfMfaOn(kit().tenant(), kit().customer(account), proof, META, 're-enrolment');
    expect(await codeOf(check({}))).toBe('OK:undefined');
    const { currentCode } = await withMfa(account);
    expect(await codeOf(check({}))).toBe('BAD_USER_INPUT');
    expect(await codeOf(check({ currentCode: '000000' }))).toBe('INVALID_MFA_CODE');
    expect(await codeOf(check({ currentCode: await currentCode() }))).toBe('OK:undefined');
  });

  it('verifyPassword takes the password only, and records a wrong one as the refused action', async () => {
    const account = await kit().createAccount();
    const { currentCode } = await withMfa(account);
    const check = (password: string) =>
      identity().verifyPassword(kit().tenant(), kit().customer(account), password, META, 'password-change', 'password.changed');
    expect(await codeOf(check(await currentCode()))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(check(GOOD_PASSWORD))).toBe('OK:undefined');
    expect((await deniedEvents(account, 'password.changed')).map((e) => e.details)).toEqual([
      { during: 'password-change', reason: 'wrong-password' },
    ]);
    expect(await deniedEvents(account)).toEqual([]);
  });

  it('is NOT_FOUND for an account that is gone or belongs to another tenant', async () => {
    const account = await kit().createAccount();
    const elsewhere = { ...kit().customer(account), tenantId: 'other-tenant' };
    await expect(
      identity().verify(kit().tenant(), elsewhere, { password: GOOD_PASSWORD }, META, 'api-token'),
    ).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
      message: 'The account was not found.',
    });
    const gone = { ...kit().customer(account), accountId: 'no-such-account' };
    await expect(identity().verify(kit().tenant(), gone, { password: GOOD_PASSWORD }, META, 'api-token')).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('IdentityCheck: the shared lockout', () => {
  it('locks at the fifth wrong proof for 15 minutes, refuses the right one meanwhile, and audits the refusal', async () => {
    const account = await kit().createAccount();
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push(await codeOf(verify(account, { password: `Wrong-${i}-proof` })));
    expect(codes).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    await expect(verify(account, { password: 'Wrong-4-proof' })).rejects.toMatchObject({
      extensions: { code: 'ACCOUNT_LOCKED', retryAfter: 15 * 60 },
    });
    kit().clock.advance(5 * MINUTE);
    await expect(verify(account, { password: GOOD_PASSWORD })).rejects.toMatchObject({
      extensions: { code: 'ACCOUNT_LOCKED', retryAfter: 10 * 60 },
    });
    expect((await deniedEvents(account)).at(-1)!.details).toEqual({ during: 'api-token', reason: 'locked' });
    // Refusals during the lock are not failures: it ends 15 minutes after it began.
    kit().clock.advance(10 * MINUTE);
    expect(await codeOf(verify(account, { password: GOOD_PASSWORD }))).toBe('OK:password');
  });

  it('a right proof is not a failure', async () => {
    const account = await kit().createAccount();
    for (let i = 0; i < 3; i++) await codeOf(verify(account, { password: `Wrong-${i}-proof` }));
    for (let i = 0; i < 3; i++) expect(await codeOf(verify(account, { password: GOOD_PASSWORD }))).toBe('OK:password');
    expect(await codeOf(verify(account, { password: 'Wrong-3-proof' }))).toBe('INVALID_CREDENTIALS');
  });

  it('counts the sign-in failures of the same address, but not those before the last successful sign-in', async () => {
    const account = await kit().createAccount();
    const signIn = (password: string) =>
      kit().services.signIn.signIn(
        kit().tenant(),
        { email: account.email.toUpperCase(), password },
        { ip: null, userAgent: 'x' },
      );
    for (let i = 0; i < 3; i++) await codeOf(signIn(`Wrong-${i}-signin`));
    kit().clock.advance(1000);
    expect(await codeOf(signIn(GOOD_PASSWORD))).toMatch(/^OK/);
    kit().clock.advance(1000);
    for (let i = 0; i < 3; i++) await codeOf(signIn(`Wrong-${i}-again`));
    // Three failures since the sign-in: the fourth and fifth wrong proofs make five.
    expect(await codeOf(verify(account, { password: 'Wrong-proof-4' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(verify(account, { password: 'Wrong-proof-5' }))).toBe('ACCOUNT_LOCKED');
    expect(await codeOf(signIn(GOOD_PASSWORD))).toBe('ACCOUNT_LOCKED');
  });

  it('stops counting failures older than the lockout window', async () => {
    const account = await kit().createAccount();
    for (let i = 0; i < 4; i++) await codeOf(verify(account, { password: `Old-${i}-proof` }));
    kit().clock.advance(15 * MINUTE + 1000);
    for (let i = 0; i < 4; i++) expect(await codeOf(verify(account, { password: `New-${i}-proof` }))).toBe('INVALID_CREDENTIALS');
  });
});

import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { GOOD_PASSWORD, META, useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { totpCodeAt } from './totp.js';

const kit = useAccountTestKit(useTestDatabase());
let ipCounter = 0;
const meta = () => ({ ip: `198.18.0.${++ipCounter % 250}`, userAgent: 'vitest' });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { extensions?: { code?: string } }) => error.extensions?.code ?? String(error),
  );

/** Signs in, enrols MFA through the service and returns the secret and recovery codes. */
async function enrol(account: Account, tenant: Tenant = kit().tenant()) {
  const { mfa, sessions } = kit().services;
  const session = await sessions.create(tenant, account);
  const principal = kit().customer(account, session.sessionId);
  const { secret, otpauthUri } = await mfa.begin(tenant, principal);
  const confirmed = await mfa.confirm(tenant, principal, await totpCodeAt(secret, kit().clock.now()), META);
  // The next code must come from a later time step (the confirming one is used up).
  kit().clock.advance(30_000);
  return { secret, otpauthUri, ...confirmed, oldSession: session };
}

describe('MFA (TOTP)', () => {
  it('enrols with an otpauth URI naming the tenant, and keeps the secret sealed at rest', async () => {
    const account = await kit().createAccount();
    const { secret, otpauthUri, recoveryCodes } = await enrol(account, kit().tenant({ displayName: 'Warmtewerk Portaal' }));
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(decodeURIComponent(otpauthUri)).toContain('Warmtewerk Portaal');
    expect(otpauthUri).toContain(`secret=${secret}`);
    // What authenticator apps need to compute the same codes: 160-bit secret, SHA-1, 6 digits, 30 s.
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // (The URI leaves out what apps assume anyway: SHA-1, 6 digits, 30 seconds.)
    expect(otpauthUri).not.toMatch(/algorithm=|digits=|period=/);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = JSON.stringify(
      await kit()
        .connection.collection('accounts')
        .findOne({ _id: account.id as never }),
    );
    expect(stored).not.toContain(secret);
    for (const code of recoveryCodes) expect(stored).not.toContain(code);
    const events = await kit().audit.list('demo', { eventType: 'mfa.enrolled', accountId: account.id });
    expect(events.events).toHaveLength(1);
    expect(events.events[0]).toMatchObject({ targetType: 'account', targetId: account.id });
  });

  it('rotates the session on enrolment', async () => {
    const account = await kit().createAccount();
    const { session, oldSession } = await enrol(account);
    expect(await kit().services.sessions.authenticate(kit().tenant(), oldSession.token)).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), session.token)).toMatchObject({ enrolmentOnly: false });
  });

  it('refuses a wrong code at confirmation and audits mfa.failed', async () => {
    const account = await kit().createAccount();
    const principal = kit().customer(account);
    await kit().services.mfa.begin(kit().tenant(), principal);
    await expect(kit().services.mfa.confirm(kit().tenant(), principal, '000000', META)).rejects.toMatchObject({
      message: 'This verification code is not valid. Use the current code from your authenticator app.',
      extensions: { code: 'INVALID_MFA_CODE' },
    });
    const failed = await kit().audit.list('demo', { eventType: 'mfa.failed', accountId: account.id });
    expect(failed.events.map((e) => e.details)).toEqual([{ during: 'enrolment' }]);
  });

  it('sign-in with MFA: no code → MFA_REQUIRED without a session; a current code → SIGNED_IN', async () => {
    const account = await kit().createAccount();
    const { secret } = await enrol(account);
    const first = await kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD }, meta());
    expect(first).toEqual({ status: 'MFA_REQUIRED' });
    const code = await totpCodeAt(secret, kit().clock.now());
    const second = await kit().services.signIn.signIn(
      kit().tenant(),
      { email: account.email, password: GOOD_PASSWORD, totpCode: code },
      meta(),
    );
    expect(second.status).toBe('SIGNED_IN');
  });

  it('refuses a replayed TOTP code', async () => {
    const account = await kit().createAccount();
    const { secret } = await enrol(account);
    const code = await totpCodeAt(secret, kit().clock.now());
    const input = { email: account.email, password: GOOD_PASSWORD, totpCode: code };
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))).toBe('OK');
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))).toBe('INVALID_MFA_CODE');
    // Still refused 20 s later, while the code would otherwise be valid (±1 step).
    kit().clock.advance(20_000);
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))).toBe('INVALID_MFA_CODE');
  });

  it('refuses a replay even when both requests race', async () => {
    const account = await kit().createAccount();
    const { secret } = await enrol(account);
    const input = { email: account.email, password: GOOD_PASSWORD, totpCode: await totpCodeAt(secret, kit().clock.now()) };
    const codes = await Promise.all([1, 2, 3].map(() => codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))));
    expect(codes.sort()).toEqual(['INVALID_MFA_CODE', 'INVALID_MFA_CODE', 'OK']);
  });

  it('accepts the previous and next time step, not older ones', async () => {
    const account = await kit().createAccount();
    const { secret } = await enrol(account);
    kit().clock.advance(5 * MINUTE);
    const now = kit().clock.now();
    const signInWith = async (at: number) =>
      codeOf(
        kit().services.signIn.signIn(
          kit().tenant(),
          { email: account.email, password: GOOD_PASSWORD, totpCode: await totpCodeAt(secret, new Date(at)) },
          meta(),
        ),
      );
    expect(await signInWith(now.getTime() - 90_000)).toBe('INVALID_MFA_CODE');
    expect(await signInWith(now.getTime() - 30_000)).toBe('OK');
    expect(await signInWith(now.getTime() + 30_000)).toBe('OK');
  });

  it('a recovery code works once', async () => {
    const account = await kit().createAccount();
    const { recoveryCodes } = await enrol(account);
    const input = { email: account.email, password: GOOD_PASSWORD, recoveryCode: recoveryCodes[3]!.toUpperCase() };
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))).toBe('OK');
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))).toBe('INVALID_MFA_CODE');
    const other = { ...input, recoveryCode: recoveryCodes[4]! };
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), other, meta()))).toBe('OK');
    const stored = await kit().services.accounts.repository.findById(account.id);
    expect(stored!.mfa.recoveryCodeHashes).toHaveLength(8);
    expect(kit().services.mfa.remainingRecoveryCodes(stored!)).toBe(8);
  });

  it('refuses a well-formed recovery code that is not one of the account’s', async () => {
    const account = await kit().createAccount();
    const { recoveryCodes } = await enrol(account);
    const stranger = (await enrol(await kit().createAccount())).recoveryCodes[0]!;
    const input = { email: account.email, password: GOOD_PASSWORD, recoveryCode: stranger };
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))).toBe('INVALID_MFA_CODE');
    const stored = (await kit().services.accounts.repository.findById(account.id))!;
    expect(await kit().services.mfa.verifySecondFactor(stored, { recoveryCode: 'abcde-fghjk' })).toEqual({ ok: false });
    expect(await kit().services.mfa.verifySecondFactor(stored, { recoveryCode: recoveryCodes[0]! })).toEqual({
      ok: true,
      method: 'recovery-code',
    });
  });

  it('a recovery code used by two sign-ins at once lets only one in', async () => {
    const account = await kit().createAccount();
    const { recoveryCodes } = await enrol(account);
    const input = { email: account.email, password: GOOD_PASSWORD, recoveryCode: recoveryCodes[0]! };
    const codes = await Promise.all([1, 2, 3].map(() => codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))));
    expect(codes.sort()).toEqual(['INVALID_MFA_CODE', 'INVALID_MFA_CODE', 'OK']);
  });

  it('verifySecondFactor names the method, and refuses a wrong or missing code', async () => {
    const account = await kit().createAccount();
    const { secret } = await enrol(account);
    const stored = (await kit().services.accounts.repository.findById(account.id))!;
    const { mfa } = kit().services;
    expect(await mfa.verifySecondFactor(stored, { totpCode: '000000' })).toEqual({ ok: false });
    expect(await mfa.verifySecondFactor(stored, {})).toEqual({ ok: false });
    const code = await totpCodeAt(secret, kit().clock.now());
    expect(await mfa.verifySecondFactor(stored, { totpCode: code })).toEqual({ ok: true, method: 'totp' });
  });

  it('wrong codes count toward the lockout', async () => {
    const account = await kit().createAccount();
    const { secret } = await enrol(account);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        await codeOf(
          kit().services.signIn.signIn(
            kit().tenant(),
            { email: account.email, password: GOOD_PASSWORD, totpCode: '123456' },
            meta(),
          ),
        ),
      );
    }
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('INVALID_MFA_CODE'));
    expect(codes.slice(4)).toEqual(['ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
    const right = await totpCodeAt(secret, kit().clock.now());
    expect(
      await codeOf(
        kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD, totpCode: right }, meta()),
      ),
    ).toBe('ACCOUNT_LOCKED');
    const failed = await kit().audit.list('demo', { eventType: 'login.failed', accountId: account.id });
    expect(failed.events.filter((e) => e.details.reason === 'mfa')).toHaveLength(5);
  });

  it('tenant-enforced MFA: sign-in gives an enrolment-only session, enrolment upgrades it', async () => {
    const account = await kit().createAccount();
    const tenant = kit().tenant({ mfaRequired: true });
    const result = await kit().services.signIn.signIn(tenant, { email: account.email, password: GOOD_PASSWORD }, meta());
    expect(result.status).toBe('MFA_ENROLLMENT_REQUIRED');
    if (result.status !== 'MFA_ENROLLMENT_REQUIRED') return;
    const limited = await kit().services.sessions.authenticate(tenant, result.session.token);
    expect(limited).toMatchObject({ enrolmentOnly: true });
    const { secret } = await kit().services.mfa.begin(tenant, limited!);
    const { session } = await kit().services.mfa.confirm(tenant, limited!, await totpCodeAt(secret, kit().clock.now()), META);
    expect(await kit().services.sessions.authenticate(tenant, result.session.token)).toBeNull();
    expect(await kit().services.sessions.authenticate(tenant, session.token)).toMatchObject({ enrolmentOnly: false });
    // From now on, sign-in asks for the code like any MFA account.
    kit().clock.advance(30_000);
    expect(await kit().services.signIn.signIn(tenant, { email: account.email, password: GOOD_PASSWORD }, meta())).toEqual({
      status: 'MFA_REQUIRED',
    });
  });

  it('disableMfa needs a current code, is audited, mails a notice and rotates the session', async () => {
    const account = await kit().createAccount();
    const { secret, session } = await enrol(account);
    const principal = kit().customer(account, session.sessionId);
    expect(await codeOf(kit().services.mfa.disable(kit().tenant(), principal, '999999', META))).toBe('INVALID_MFA_CODE');
    const failed = await kit().audit.list('demo', { eventType: 'mfa.failed', accountId: account.id });
    expect(failed.events.map((e) => e.details)).toEqual([{ during: 'disable' }]);
    const done = await kit().services.mfa.disable(kit().tenant(), principal, await totpCodeAt(secret, kit().clock.now()), META);
    expect(await kit().services.sessions.authenticate(kit().tenant(), session.token)).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), done.session.token)).not.toBeNull();
    // Nothing of the old factor is left to use.
    expect((await kit().services.accounts.repository.findById(account.id))!.mfa).toMatchObject({
      enabled: false,
      secretSealed: null,
      enabledAt: null,
      lastStep: null,
      recoveryCodeHashes: [],
    });
    const disabled = await kit().audit.list('demo', { eventType: 'mfa.disabled', accountId: account.id });
    expect(disabled.events).toHaveLength(1);
    expect(disabled.events[0]).toMatchObject({ targetType: 'account', targetId: account.id, details: { method: 'totp' } });
    expect(kit().mails.some((m) => m.to === account.email && m.template === 'mfa-disabled')).toBe(true);
    const signIn = await kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD }, meta());
    expect(signIn.status).toBe('SIGNED_IN');
  });

  it('disableMfa is refused where the tenant requires MFA', async () => {
    const account = await kit().createAccount();
    const { secret, session } = await enrol(account);
    const code = await totpCodeAt(secret, kit().clock.now());
    await expect(
      kit().services.mfa.disable(kit().tenant({ mfaRequired: true }), kit().customer(account, session.sessionId), code, META),
    ).rejects.toMatchObject({
      message: 'This portal requires two-step verification; it cannot be switched off.',
      extensions: { code: 'FORBIDDEN' },
    });
  });
  it('confirmation needs an enrolment started within the last 30 minutes', async () => {
    const account = await kit().createAccount();
    const principal = kit().customer(account);
    const { mfa } = kit().services;
    const now = () => kit().clock.now();
    expect(await codeOf(mfa.confirm(kit().tenant(), principal, '123456', META))).toBe('BAD_USER_INPUT');
    const { secret } = await mfa.begin(kit().tenant(), principal);
    kit().clock.advance(30 * MINUTE + 1000);
    expect(await codeOf(mfa.confirm(kit().tenant(), principal, await totpCodeAt(secret, now()), META))).toBe('BAD_USER_INPUT');
    expect((await kit().services.accounts.repository.findById(account.id))!.mfa.enabled).toBe(false);
    const again = await mfa.begin(kit().tenant(), principal);
    kit().clock.advance(30 * MINUTE);
    expect(await codeOf(mfa.confirm(kit().tenant(), principal, await totpCodeAt(again.secret, now()), META))).toBe('OK');
  });

  it("is never set up or switched off on another tenant's account", async () => {
    const account = await kit().createAccount();
    const { secret, session } = await enrol(account);
    const elsewhere = { ...kit().customer(account, session.sessionId), tenantId: 'other' };
    const code = await totpCodeAt(secret, kit().clock.now());
    expect(await codeOf(kit().services.mfa.begin(kit().tenant(), elsewhere))).toBe('NOT_FOUND');
    expect(await codeOf(kit().services.mfa.disable(kit().tenant(), elsewhere, code, META))).toBe('NOT_FOUND');
    expect((await kit().services.accounts.repository.findById(account.id))!.mfa.enabled).toBe(true);
  });

  it('disableMfa takes a recovery code too, and says so when MFA is already off', async () => {
    const account = await kit().createAccount();
    const { recoveryCodes, session } = await enrol(account);
    const principal = kit().customer(account, session.sessionId);
    const done = await kit().services.mfa.disable(kit().tenant(), principal, recoveryCodes[0]!, META);
    const events = await kit().audit.list('demo', { eventType: 'mfa.disabled', accountId: account.id });
    expect(events.events[0]?.details).toEqual({ method: 'recovery-code' });
    const after = kit().customer(account, done.session.sessionId);
    expect(await codeOf(kit().services.mfa.disable(kit().tenant(), after, recoveryCodes[1]!, META))).toBe('BAD_USER_INPUT');
    expect(await codeOf(kit().services.mfa.disableProven(kit().tenant(), after, 'password', META))).toBe('BAD_USER_INPUT');
  });

  it('a switched-off MFA accepts no second factor, not even its old codes', async () => {
    const account = await kit().createAccount();
    const { secret, recoveryCodes, session } = await enrol(account);
    await kit().services.mfa.disableProven(kit().tenant(), kit().customer(account, session.sessionId), 'password', META);
    const off = (await kit().services.accounts.repository.findById(account.id))!;
    const code = await totpCodeAt(secret, kit().clock.now());
    expect(await kit().services.mfa.verifySecondFactor(off, { totpCode: code })).toEqual({ ok: false });
    expect(await kit().services.mfa.verifySecondFactor(off, { recoveryCode: recoveryCodes[0]! })).toEqual({ ok: false });
  });

  it('purgeExpired drops used TOTP steps once their codes expired, and keeps used recovery codes', async () => {
    const account = await kit().createAccount();
    const { secret, recoveryCodes } = await enrol(account);
    const input = { email: account.email, password: GOOD_PASSWORD, totpCode: await totpCodeAt(secret, kit().clock.now()) };
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), input, meta()))).toBe('OK');
    const recovery = { email: account.email, password: GOOD_PASSWORD, recoveryCode: recoveryCodes[0]! };
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), recovery, meta()))).toBe('OK');
    const claims = () => kit().connection.collection('mfaClaims').countDocuments({ accountId: account.id });
    const before = await claims();
    // A used code stays acceptable for at most 90 s: its claim is kept for 5 minutes. (The
    // enrolment's claim, 30 s older, goes first.)
    await kit().services.mfa.purgeExpired(new Date(kit().clock.now().getTime() + 5 * MINUTE - 1000));
    expect(await claims()).toBe(before - 1);
    await kit().services.mfa.purgeExpired(new Date(kit().clock.now().getTime() + 5 * MINUTE));
    expect(await claims()).toBe(before - 2);
    expect(await codeOf(kit().services.signIn.signIn(kit().tenant(), recovery, meta()))).toBe('INVALID_MFA_CODE');
  });
});

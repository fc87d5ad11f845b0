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
    expect(await codeOf(kit().services.mfa.confirm(kit().tenant(), principal, '000000', META))).toBe('INVALID_MFA_CODE');
    expect((await kit().audit.list('demo', { eventType: 'mfa.failed', accountId: account.id })).events).toHaveLength(1);
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
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
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
    const done = await kit().services.mfa.disable(kit().tenant(), principal, await totpCodeAt(secret, kit().clock.now()), META);
    expect(await kit().services.sessions.authenticate(kit().tenant(), session.token)).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), done.session.token)).not.toBeNull();
    expect((await kit().services.accounts.repository.findById(account.id))!.mfa.enabled).toBe(false);
    expect((await kit().audit.list('demo', { eventType: 'mfa.disabled', accountId: account.id })).events).toHaveLength(1);
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
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

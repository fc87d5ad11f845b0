import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { GOOD_PASSWORD, META, useAccountTestKit } from '../accounts/account.test-support.js';

const kit = useAccountTestKit(useTestDatabase());

/**
 * A wrong second factor at sign-in is a sign-in failure (`login.failed`, reason mfa) and an MFA
 * failure: a DPO filtering the trail on `mfa.failed` must find it (issue 14 item 11).
 */
describe('a wrong MFA code at sign-in', () => {
  it('is recorded as login.failed and as mfa.failed, for the account, without the code', async () => {
    const account = await kit().createAccount();
    const { currentCode } = await kit().withMfa(account);

    const wrongCode = (Number(await currentCode()) + 1).toString().padStart(6, '0').slice(-6);
    await expect(
      kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD, totpCode: wrongCode }, META),
    ).rejects.toMatchObject({ extensions: { code: 'INVALID_MFA_CODE' } });

    const mfaFailed = await kit().audit.list('demo', { accountId: account.id, eventType: 'mfa.failed' });
    expect(mfaFailed.events).toHaveLength(1);
    expect(mfaFailed.events[0]).toMatchObject({ outcome: 'denied', actor: `account:${account.id}` });
    expect(JSON.stringify(mfaFailed.events[0]!.details)).not.toContain(wrongCode);
    expect(mfaFailed.events[0]!.details).toEqual({ during: 'sign-in', reason: 'wrong-code' });
    const loginFailed = await kit().audit.list('demo', { accountId: account.id, eventType: 'login.failed' });
    expect(loginFailed.events.map((e) => e.details)).toContainEqual(expect.objectContaining({ reason: 'mfa' }));
  });
});

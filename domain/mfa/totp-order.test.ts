import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { GOOD_PASSWORD, META, useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import { totpCodeAt } from './totp.js';

/**
 * A code is refused once a newer one was accepted, even if the older code itself was never used:
 * a code shoulder-surfed a moment ago must not work after its owner signed in with the next one.
 * The per-step claim alone does not cover this; the account's last accepted step does.
 */
const kit = useAccountTestKit(useTestDatabase());
let ip = 0;
const meta = () => ({ ip: `198.18.1.${++ip % 250}`, userAgent: 'vitest' });

async function enrolled(account: Account): Promise<string> {
  const { mfa, sessions } = kit().services;
  const session = await sessions.create(kit().tenant(), account);
  const principal = kit().customer(account, session.sessionId);
  const { secret } = await mfa.begin(kit().tenant(), principal);
  await mfa.confirm(kit().tenant(), principal, await totpCodeAt(secret, kit().clock.now()), META);
  kit().clock.advance(30_000);
  return secret;
}

describe('TOTP order', () => {
  it('refuses an older, unused code after a newer one was accepted', async () => {
    const account = await kit().createAccount();
    const secret = await enrolled(account);
    const now = kit().clock.now();
    // Both are within the accepted drift (current step and the next one); neither was used.
    const current = await totpCodeAt(secret, now);
    const next = await totpCodeAt(secret, new Date(now.getTime() + 30_000));
    const signIn = (totpCode: string) =>
      kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD, totpCode }, meta());
    expect((await signIn(next)).status).toBe('SIGNED_IN');
    await expect(signIn(current)).rejects.toMatchObject({ extensions: { code: 'INVALID_MFA_CODE' } });
  });
});

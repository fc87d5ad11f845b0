import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { GOOD_PASSWORD, META, uniqueEmail, useAccountTestKit } from './account.test-support.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { InvalidLinkError } from './account-tokens.js';

/**
 * Checks that another check usually hides. Each test builds the one situation where only the
 * layer under test stands between the user and the mistake, so removing that layer fails here
 * even though the first layer would still catch the everyday case.
 */
const kit = useAccountTestKit(useTestDatabase());
const by = () => ({ principal: kit().admin(), meta: META });
const meta = { ...META, publicUrl: 'https://portal.example.nl' };

describe('second layers', () => {
  it('closing an account deletes its sessions and revokes its API tokens, not only refusing them', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    await kit().services.sessions.create(kit().tenant(), account);
    await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:orders'] },
      META,
    );
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'CLOSED', { ...by(), auditType: 'account.closed' });
    // A closed account's sessions must not survive in the store, where a later bug in the
    // status check (or a restore) could revive them.
    expect(await kit().connection.collection('sessions').countDocuments({ accountId: account.id })).toBe(0);
    expect(await kit().connection.collection('apiTokens').countDocuments({ accountId: account.id, revokedAt: null })).toBe(0);
  });

  it('activating an account uses up the invitation link itself', async () => {
    const email = uniqueEmail('second-layer');
    await kit().services.invitations.invite(
      kit().tenant(),
      kit().admin(),
      { email, type: 'B2C', clientId: DEMO.demo.janJansen.clientId },
      meta,
    );
    const mail = [...kit().mails].reverse().find((m) => m.to === email && m.template === 'account-invitation')!;
    const url = /https:\/\/portal\.example\.nl\/portal\/activate\?token=[^\s"<]+/.exec(mail.text)![0];
    const token = decodeURIComponent(new URL(url).searchParams.get('token')!);
    await kit().services.invitations.activate(kit().tenant(), token, GOOD_PASSWORD, META);
    // The account is no longer INVITED, which already refuses a second activation; the link must
    // be gone as well, not merely unusable while the account stays ACTIVE.
    await expect(kit().services.accountTokens.peek('activation', 'demo', token)).rejects.toBeInstanceOf(InvalidLinkError);
  });
});

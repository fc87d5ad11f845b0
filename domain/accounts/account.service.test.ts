import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMERS, seedDemoAccounts } from './demo-accounts.js';
import { emailFingerprint, emailFingerprintKey } from './account-minimisation.js';
import { AccountService } from './account.service.js';
import { GOOD_PASSWORD, META, TEST_SECRET_KEY, uniqueEmail, useAccountTestKit } from './account.test-support.js';

const kit = useAccountTestKit(useTestDatabase());
const by = () => ({ principal: kit().admin(), meta: META });

describe('account status', () => {
  it('blocking revokes sessions and API tokens, audited as account.status-changed', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const session = await kit().services.sessions.create(kit().tenant(), account);
    const { secret } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:orders'] },
      META,
    );
    const blocked = await kit().services.accounts.setStatus(kit().tenant(), account.id, 'BLOCKED', by());
    expect(blocked.status).toBe('BLOCKED');
    expect(await kit().services.sessions.authenticate(kit().tenant(), session.token)).toBeNull();
    // Unblocking does not revive the old token either: it was revoked.
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'ACTIVE', by());
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).toBeNull();
    const events = await kit().audit.list('demo', { eventType: 'account.status-changed', accountId: account.id });
    expect(events.events.map((e) => e.details)).toEqual([
      { from: 'BLOCKED', to: 'ACTIVE' },
      { from: 'ACTIVE', to: 'BLOCKED' },
    ]);
  });

  it('CLOSED is final; an invited account cannot be made ACTIVE by hand', async () => {
    const closed = await kit().createAccount();
    await kit().services.accounts.setStatus(kit().tenant(), closed.id, 'CLOSED', { ...by(), auditType: 'account.closed' });
    await expect(kit().services.accounts.setStatus(kit().tenant(), closed.id, 'ACTIVE', by())).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const invited = await kit().createAccount({ status: 'INVITED' });
    await expect(kit().services.accounts.setStatus(kit().tenant(), invited.id, 'ACTIVE', by())).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await kit().audit.list('demo', { eventType: 'account.closed', accountId: closed.id })).events).toHaveLength(1);
  });

  it('another tenant cannot touch the account', async () => {
    const account = await kit().createAccount();
    const other = kit().tenants.get('other')!;
    await expect(
      kit().services.accounts.setStatus(other, account.id, 'BLOCKED', { principal: kit().admin('other'), meta: META }),
    ).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('looks up the contact name in Nextcloud', async () => {
    const account = await kit().createAccount({ type: 'B2C', clientId: DEMO.demo.janJansen.clientId, contactId: null });
    expect(await kit().services.accounts.contactNameOf(kit().tenant(), account)).toBe('Jan Jansen');
  });
});

describe('status changes an admin relies on', () => {
  const sessionsOf = (accountId: string) => kit().services.sessions.listForAccount(kit().tenant(), accountId, 'none');

  it('repeating the current status is a harmless no-op, not audited again', async () => {
    const account = await kit().createAccount();
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'BLOCKED', by());
    const again = await kit().services.accounts.setStatus(kit().tenant(), account.id, 'BLOCKED', by());
    expect(again.status).toBe('BLOCKED');
    const events = await kit().audit.list('demo', { eventType: 'account.status-changed', accountId: account.id });
    expect(events.events).toHaveLength(1);
    expect(events.events[0]).toMatchObject({ targetType: 'account', targetId: account.id });
  });

  it('an invited account can be blocked and closed, but unblocking it to ACTIVE is refused (no password)', async () => {
    const invited = await kit().createAccount({ status: 'INVITED' });
    await kit().services.accounts.setStatus(kit().tenant(), invited.id, 'BLOCKED', by());
    await expect(kit().services.accounts.setStatus(kit().tenant(), invited.id, 'ACTIVE', by())).rejects.toMatchObject({
      message: 'An account that is BLOCKED cannot become ACTIVE.',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          {
            field: 'status',
            code: 'STATUS_CHANGE_NOT_ALLOWED',
            message: 'Not allowed from the current status.',
            params: { from: 'BLOCKED', to: 'ACTIVE' },
          },
        ],
      },
    });
    expect((await kit().services.accounts.get(kit().tenant(), invited.id))!.status).toBe('BLOCKED');

    const closing = await kit().createAccount({ status: 'INVITED' });
    const closed = await kit().services.accounts.setStatus(kit().tenant(), closing.id, 'CLOSED', by());
    expect(closed.status).toBe('CLOSED');
  });

  it('a blocked account can be closed', async () => {
    const account = await kit().createAccount();
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'BLOCKED', by());
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'CLOSED', by());
    expect((await kit().services.accounts.get(kit().tenant(), account.id))!.status).toBe('CLOSED');
  });

  it.each(['BLOCKED', 'CLOSED'] as const)('%s ends every session and API token at once', async (status) => {
    const account = await kit().createAccount({ type: 'B2B' });
    await kit().services.sessions.create(kit().tenant(), account);
    await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:orders'] },
      META,
    );
    await kit().services.accounts.setStatus(kit().tenant(), account.id, status, by());
    expect(await sessionsOf(account.id)).toEqual([]);
    expect(await kit().services.apiTokens.list(kit().customer(account))).toEqual([]);
  });

  it('a blocked account keeps its address: nobody else can be invited under it', async () => {
    const email = uniqueEmail('blocked');
    const account = await kit().createAccount({ email });
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'BLOCKED', by());
    await expect(
      kit().services.invitations.invite(
        kit().tenant(),
        kit().admin(),
        { email, type: 'B2C', clientId: account.clientId },
        { ...META, publicUrl: 'https://portal.example.nl' },
      ),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('an unblocked person signs in again with their own address and password', async () => {
    const account = await kit().createAccount();
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'BLOCKED', by());
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'ACTIVE', by());
    const signedIn = await kit().services.signIn.signIn(kit().tenant(), { email: account.email, password: GOOD_PASSWORD }, META);
    expect(signedIn.status).toBe('SIGNED_IN');
  });

  it('answers with the account as it now is: closed without its address or password, blocked with both', async () => {
    const email = uniqueEmail('answer');
    const closing = await kit().createAccount({ email });
    const closed = await kit().services.accounts.setStatus(kit().tenant(), closing.id, 'CLOSED', by());
    expect(closed).toMatchObject({ id: closing.id, status: 'CLOSED', passwordHash: null });
    expect(JSON.stringify(closed)).not.toContain(email);

    const blocking = await kit().createAccount();
    const blocked = await kit().services.accounts.setStatus(kit().tenant(), blocking.id, 'BLOCKED', by());
    expect(blocked).toMatchObject({ status: 'BLOCKED', email: blocking.email, passwordHash: blocking.passwordHash });
  });

  it('refuses, and changes nothing, when another admin changed the status in the meantime', async () => {
    const account = await kit().createAccount();
    const service = kit().services.accounts;
    const repository = service.repository;
    // The other admin's block lands between this admin's read and write.
    const racing = Object.assign(Object.create(repository) as typeof repository, {
      async findById(id: string) {
        const seen = await repository.findById(id);
        await repository.update(id, { status: 'BLOCKED' });
        return seen;
      },
    });
    const stale = new AccountService({ ...service['deps'], accounts: racing });
    await expect(stale.setStatus(kit().tenant(), account.id, 'CLOSED', by())).rejects.toMatchObject({
      message: 'The account changed meanwhile; reload and try again.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await repository.findByEmail('demo', account.email)).toMatchObject({ id: account.id, status: 'BLOCKED' });
  });

  it('an unknown account is reported as not found', async () => {
    await expect(kit().services.accounts.setStatus(kit().tenant(), 'no-such-account', 'BLOCKED', by())).rejects.toMatchObject({
      message: 'The account was not found.',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('shows no contact name, rather than failing, while Nextcloud is unreachable', async () => {
    const account = await kit().createAccount({ type: 'B2C', clientId: DEMO.demo.janJansen.clientId, contactId: null });
    kit().simulator.instance('demo').setFaults({ errorRate: 1 });
    try {
      expect(await kit().services.accounts.contactNameOf(kit().tenant(), account)).toBeNull();
    } finally {
      kit().simulator.instance('demo').resetFaults();
    }
  });
});

describe('data minimisation at closure', () => {
  it('drops every credential and the plain address at once, keeping a keyed hash and the links', async () => {
    const email = uniqueEmail('closing');
    const account = await kit().createAccount({ type: 'B2B', email });
    await kit().services.accounts.repository.update(account.id, {
      mfa: {
        enabled: true,
        secretSealed: 'sealed-secret',
        enabledAt: new Date(),
        lastStep: 1,
        recoveryCodeHashes: ['h1', 'h2'],
        pendingSecretSealed: null,
        pendingSince: null,
      },
    });
    for (const purpose of ['password-reset', 'email-change', 'activation'] as const)
      await kit().services.accountTokens.issue(
        purpose,
        account,
        60_000,
        purpose === 'email-change' ? { email: 'new@example.test' } : null,
      );

    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'CLOSED', { ...by(), auditType: 'account.closed' });

    const stored = await kit()
      .connection.collection('accounts')
      .findOne({ _id: account.id as never });
    expect(stored).toMatchObject({
      status: 'CLOSED',
      passwordHash: null,
      clientId: account.clientId,
      contactId: account.contactId,
      emailHash: emailFingerprint(emailFingerprintKey(TEST_SECRET_KEY), 'demo', email),
      mfa: { enabled: false, secretSealed: null, recoveryCodeHashes: [], pendingSecretSealed: null },
    });
    expect(JSON.stringify(stored)).not.toContain(email);
    expect(await kit().connection.collection('accountEmails').countDocuments({ accountId: account.id })).toBe(0);
    expect(await kit().connection.collection('accountTokens').countDocuments({ accountId: account.id })).toBe(0);
    expect(await kit().services.accounts.repository.findByEmail('demo', email)).toBeNull();
  });

  it('a closed person can be invited again under the same address, as a new account', async () => {
    const email = uniqueEmail('returning');
    const first = await kit().createAccount({ type: 'B2C', email });
    await kit().services.accounts.setStatus(kit().tenant(), first.id, 'CLOSED', by());
    const { account } = await kit().services.invitations.invite(
      kit().tenant(),
      kit().admin(),
      { email, type: 'B2C', clientId: first.clientId },
      { ...META, publicUrl: 'https://portal.example.nl' },
    );
    expect(account.id).not.toBe(first.id);
    expect(account).toMatchObject({ email, status: 'INVITED' });
    expect((await kit().services.accounts.get(kit().tenant(), first.id))!.status).toBe('CLOSED');
  });

  it('blocking keeps the credentials (an admin may unblock)', async () => {
    const account = await kit().createAccount();
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'BLOCKED', by());
    const stored = await kit().services.accounts.repository.findById(account.id);
    expect(stored).toMatchObject({ email: account.email, passwordHash: account.passwordHash });
  });
});

describe('seedDemoAccounts', () => {
  it('creates the demo customers once, ready to sign in', async () => {
    const services = kit().services;
    expect(await seedDemoAccounts(services, kit().tenants)).toBe(3);
    expect(await seedDemoAccounts(services, kit().tenants)).toBe(0);
    for (const demo of DEMO_CUSTOMERS) {
      const account = await services.accounts.repository.findByEmail(demo.tenantId, demo.email);
      expect(account).toMatchObject({ status: 'ACTIVE', type: demo.type, clientId: demo.clientId });
    }
    const piet = await services.signIn.signIn(
      kit().tenants.get('other')!,
      { email: DEMO.other.pietDeVries.email, password: DEMO_CUSTOMER_PASSWORD },
      META,
    );
    expect(piet.status).toBe('SIGNED_IN');
  });
});

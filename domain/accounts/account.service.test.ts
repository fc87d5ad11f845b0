import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMERS, seedDemoAccounts } from './demo-accounts.js';
import { META, useAccountTestKit } from './account.test-support.js';

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

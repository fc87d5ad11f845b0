import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { GOOD_PASSWORD, META, uniqueEmail, useAccountTestKit } from './account.test-support.js';

const kit = useAccountTestKit(useTestDatabase());
const meta = { ...META, publicUrl: 'https://portal.example.nl' };
const invite = (input: Parameters<ReturnType<typeof kit>['services']['invitations']['invite']>[2], tenant = kit().tenant()) =>
  kit().services.invitations.invite(tenant, kit().admin(), input, meta);
const jan = DEMO.demo.janJansen;
const bakkerij = DEMO.demo.bakkerij;

function activationTokenFor(email: string): string {
  const mail = [...kit().mails].reverse().find((m) => m.to === email && m.template === 'account-invitation');
  if (!mail) throw new Error(`no invitation mail for ${email}`);
  const url = /https:\/\/portal\.example\.nl\/portal\/activate\?token=[^\s"<]+/.exec(mail.text)?.[0];
  return decodeURIComponent(new URL(url!).searchParams.get('token')!);
}

describe('invitePortalAccount', () => {
  it('refuses records the retention cleanup pseudonymised, naming the field', async () => {
    const objects = kit().simulator.instance('demo').data.objects;
    const contact = objects.find((o) => o.uuid === bakkerij.contactId)!;
    const client = objects.find((o) => o.uuid === jan.clientId)!;
    const saved = [structuredClone(contact.data), structuredClone(client.data)] as const;
    contact.data = { ...contact.data, name: 'Gepseudonimiseerd 0a1b2c3d4e', email: null, phone: null };
    client.data = { ...client.data, name: 'Gepseudonimiseerd 5f6a7b8c9d', email: null, phone: null, address: null };
    try {
      await expect(
        invite({ email: uniqueEmail(), type: 'B2B', clientId: bakkerij.clientId, contactId: bakkerij.contactId }),
      ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'contactId' }] } });
      await expect(invite({ email: uniqueEmail(), type: 'B2C', clientId: jan.clientId })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'clientId' }] },
      });
      expect(kit().mails.filter((m) => m.template === 'account-invitation' && m.to.startsWith('user.'))).toHaveLength(0);
    } finally {
      contact.data = saved[0];
      client.data = saved[1];
    }
  });

  it('creates an INVITED B2B account for a contact of an organisation and mails an activation link', async () => {
    const email = uniqueEmail('Inkoop').toUpperCase();
    const { account, contactName } = await invite({
      email,
      type: 'B2B',
      clientId: bakkerij.clientId,
      contactId: bakkerij.contactId,
    });
    expect(account).toMatchObject({
      email: email.toLowerCase(),
      status: 'INVITED',
      type: 'B2B',
      clientId: bakkerij.clientId,
      passwordHash: null,
    });
    expect(contactName).toBeTruthy();
    const mail = kit().mails.at(-1)!;
    expect(mail).toMatchObject({ to: email.toLowerCase(), template: 'account-invitation', locale: 'nl' });
    expect(activationTokenFor(email.toLowerCase())).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(await kit().connection.collection('accountTokens').find({ accountId: account.id }).toArray());
    expect(stored).not.toContain(activationTokenFor(email.toLowerCase()));
    const events = await kit().audit.list('demo', { eventType: 'account.invited', accountId: account.id });
    expect(events.events[0]).toMatchObject({ actor: 'staff:admin', outcome: 'success' });
  });

  it('checks the client type and the contact against Nextcloud, reporting each field', async () => {
    await expect(invite({ email: uniqueEmail(), type: 'B2C', clientId: bakkerij.clientId })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'clientId' }] },
    });
    await expect(
      invite({ email: uniqueEmail(), type: 'B2B', clientId: jan.clientId, contactId: jan.contactId }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'clientId' }] },
    });
    await expect(
      invite({ email: uniqueEmail(), type: 'B2B', clientId: bakkerij.clientId, contactId: jan.contactId }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'contactId' }] },
    });
    await expect(
      invite({ email: uniqueEmail(), type: 'B2C', clientId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'clientId' }] },
    });
  });

  it('requires a contact for B2B, a valid address, and the account type switched on', async () => {
    await expect(invite({ email: 'not-an-address', type: 'B2B', clientId: bakkerij.clientId })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'email' }, { field: 'contactId' }] },
    });
    await expect(
      invite({ email: uniqueEmail(), type: 'B2C', clientId: jan.clientId }, kit().tenant({ b2cEnabled: false })),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'type' }] },
    });
  });

  it('keeps addresses unique per tenant, case-insensitively, also under concurrency', async () => {
    const email = uniqueEmail('twice');
    const results = await Promise.allSettled([
      invite({ email, type: 'B2C', clientId: jan.clientId, contactId: jan.contactId }),
      invite({ email: email.toUpperCase(), type: 'B2C', clientId: jan.clientId }),
      invite({ email: ` ${email} `, type: 'B2B', clientId: bakkerij.clientId, contactId: bakkerij.contactId }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await kit().connection.collection('accounts').countDocuments({ email })).toBe(1);
  });

  it('re-inviting an open invitation sends a new link and retires the old one', async () => {
    const email = uniqueEmail('again');
    const input = { email, type: 'B2C' as const, clientId: jan.clientId, contactId: jan.contactId };
    await invite(input);
    const first = activationTokenFor(email);
    await invite(input);
    const second = activationTokenFor(email);
    expect(second).not.toBe(first);
    await expect(kit().services.invitations.activate(kit().tenant(), first, GOOD_PASSWORD, META)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await kit().services.invitations.activate(kit().tenant(), second, GOOD_PASSWORD, META);
  });

  it('undoes the account when the invitation mail cannot be sent', async () => {
    const email = uniqueEmail('nomail');
    const mailer = kit().mails;
    const original = mailer.push;
    mailer.push = () => {
      throw new Error('smtp down');
    };
    try {
      await expect(invite({ email, type: 'B2C', clientId: jan.clientId })).rejects.toThrow('smtp down');
    } finally {
      mailer.push = original;
    }
    expect(await kit().services.accounts.repository.findByEmail('demo', email)).toBeNull();
    await invite({ email, type: 'B2C', clientId: jan.clientId });
  });
});

describe('activateAccount', () => {
  it('sets the password once; the link is single use', async () => {
    const email = uniqueEmail('activate');
    const { account } = await invite({ email, type: 'B2C', clientId: jan.clientId, contactId: jan.contactId });
    const token = activationTokenFor(email);
    const activated = await kit().services.invitations.activate(kit().tenant(), token, GOOD_PASSWORD, META);
    expect(activated).toMatchObject({ status: 'ACTIVE', activatedAt: kit().clock.now() });
    await expect(kit().services.invitations.activate(kit().tenant(), token, GOOD_PASSWORD, META)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await kit().audit.list('demo', { eventType: 'account.activated', accountId: account.id })).events).toHaveLength(1);
    const result = await kit().services.signIn.signIn(
      kit().tenant(),
      { email, password: GOOD_PASSWORD },
      { ip: '198.51.100.77', userAgent: null },
    );
    expect(result.status).toBe('SIGNED_IN');
  });

  it('refuses a weak password without using up the link', async () => {
    const email = uniqueEmail('weak');
    await invite({ email, type: 'B2C', clientId: jan.clientId, contactId: jan.contactId });
    const token = activationTokenFor(email);
    await expect(kit().services.invitations.activate(kit().tenant(), token, 'short', META)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'password' }] },
    });
    // The person's own name (from Nextcloud) makes a poor password.
    await expect(kit().services.invitations.activate(kit().tenant(), token, 'janjansen2026', META)).rejects.toThrow(
      /too easy to guess/,
    );
    await kit().services.invitations.activate(kit().tenant(), token, GOOD_PASSWORD, META);
  });

  it('answers LINK_EXPIRED after 7 days', async () => {
    const email = uniqueEmail('late');
    await invite({ email, type: 'B2C', clientId: jan.clientId });
    const token = activationTokenFor(email);
    kit().clock.advance(7 * 24 * 60 * MINUTE + 1000);
    await expect(kit().services.invitations.activate(kit().tenant(), token, GOOD_PASSWORD, META)).rejects.toMatchObject({
      extensions: { code: 'LINK_EXPIRED' },
    });
  });

  it('a link of one tenant does nothing on another', async () => {
    const email = uniqueEmail('cross');
    await invite({ email, type: 'B2C', clientId: jan.clientId });
    const other = kit().tenants.get('other')!;
    await expect(
      kit().services.invitations.activate(other, activationTokenFor(email), GOOD_PASSWORD, META),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

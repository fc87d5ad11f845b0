import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { InvitationService } from './invitation.service.js';
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

describe('invitation details an admin relies on', () => {
  const sophie = DEMO.demo.noAccount.sophieVisser;
  const failingMail = async (run: () => Promise<unknown>) => {
    const mailer = kit().mails;
    const original = mailer.push;
    mailer.push = () => {
      throw new Error('smtp down');
    };
    try {
      await expect(run()).rejects.toThrow('smtp down');
    } finally {
      mailer.push = original;
    }
  };
  const EMAIL_IN_USE = {
    message: 'This email address already has an account in this portal.',
    extensions: {
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'email', code: 'EMAIL_IN_USE', message: 'This address already has an account.' }],
    },
  };

  it('reports every problem of the form at once, each with its field, code and text', async () => {
    await expect(
      invite({ email: 'not-an-address', type: 'B2B', clientId: '   ', contactId: '  ', locale: 'de' as never }),
    ).rejects.toMatchObject({
      message:
        'Enter a valid email address. Choose the client this account belongs to. A B2B account needs the contact who will sign in. Choose nl or en.',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { field: 'email', code: 'EMAIL_INVALID', message: 'Enter a valid email address.' },
          { field: 'clientId', code: 'REQUIRED', message: 'Choose the client this account belongs to.' },
          { field: 'contactId', code: 'CONTACT_REQUIRED_FOR_B2B', message: 'A B2B account needs the contact who will sign in.' },
          { field: 'locale', code: 'NOT_ONE_OF', message: 'Choose nl or en.', params: { allowed: 'nl, en' } },
        ],
      },
    });
    await expect(invite({ email: uniqueEmail(), type: 'B2C' } as never)).rejects.toMatchObject({
      extensions: { problems: [{ field: 'clientId', code: 'REQUIRED' }] },
    });
  });

  it('refuses a switched-off account type, naming it', async () => {
    await expect(
      invite(
        { email: uniqueEmail(), type: 'B2B', clientId: bakkerij.clientId, contactId: bakkerij.contactId },
        kit().tenant({ b2bEnabled: false }),
      ),
    ).rejects.toMatchObject({
      message: 'B2B accounts are switched off for this portal.',
      extensions: {
        problems: [
          {
            field: 'type',
            code: 'ACCOUNT_TYPE_DISABLED',
            message: 'B2B accounts are switched off for this portal.',
            params: { type: 'B2B' },
          },
        ],
      },
    });
  });

  it('an address in use is refused, unless it is the same open invitation sent again', async () => {
    const active = await kit().createAccount();
    // Even with the very same client and contact: an account in use is never "invited again".
    await expect(
      invite({ email: active.email, type: 'B2C', clientId: active.clientId, contactId: active.contactId }),
    ).rejects.toMatchObject(EMAIL_IN_USE);
    expect((await kit().services.accounts.repository.findById(active.id))!.status).toBe('ACTIVE');

    const email = uniqueEmail('open');
    const b2b = { email, type: 'B2B' as const, clientId: bakkerij.clientId, contactId: bakkerij.contactId };
    const { account } = await invite(b2b);
    await expect(invite({ ...b2b, contactId: bakkerij.otherContactIds[0] })).rejects.toMatchObject(EMAIL_IN_USE);
    await expect(invite({ email, type: 'B2C', clientId: jan.clientId })).rejects.toMatchObject(EMAIL_IN_USE);

    const b2c = uniqueEmail('open-b2c');
    await invite({ email: b2c, type: 'B2C', clientId: jan.clientId });
    await expect(invite({ email: b2c, type: 'B2C', clientId: sophie.clientId })).rejects.toMatchObject(EMAIL_IN_USE);

    const again = await invite(b2b);
    expect(again.account.id).toBe(account.id);
    const events = await kit().audit.list('demo', { eventType: 'account.invited', accountId: account.id });
    expect(events.events.map((e) => e.details)).toEqual([
      { accountType: 'B2B', clientId: bakkerij.clientId, contactId: bakkerij.contactId, resent: true },
      { accountType: 'B2B', clientId: bakkerij.clientId, contactId: bakkerij.contactId, resent: false },
    ]);
    expect(events.events[0]).toMatchObject({ targetType: 'account', targetId: account.id });
  });

  it('an address claimed between the check and the insert is refused the same way', async () => {
    const taken = await kit().createAccount();
    const service = kit().services.invitations;
    const repository = kit().services.accounts.repository;
    // The other admin's invitation lands after this one looked the address up.
    const racing = Object.assign(Object.create(repository) as typeof repository, {
      findByEmail: async () => null,
    });
    const late = new InvitationService({ ...service['deps'], accounts: racing });
    await expect(
      late.invite(kit().tenant(), kit().admin(), { email: taken.email, type: 'B2C', clientId: jan.clientId }, meta),
    ).rejects.toMatchObject(EMAIL_IN_USE);
  });

  it('records who invited: the admin by login, a colleague by account', async () => {
    const byAdmin = await invite({ email: uniqueEmail('by-admin'), type: 'B2C', clientId: jan.clientId });
    expect(byAdmin.account.invitedBy).toBe('admin');
    const colleague = await kit().createAccount({ type: 'B2B' });
    const byColleague = await kit().services.invitations.invite(
      kit().tenant(),
      kit().customer(colleague),
      { email: uniqueEmail('by-colleague'), type: 'B2B', clientId: bakkerij.clientId, contactId: bakkerij.otherContactIds[1] },
      meta,
    );
    expect(byColleague.account.invitedBy).toBe(`account:${colleague.id}`);
  });

  it('addresses a private customer by the client name, in the answer and the mail, and says the link lasts 7 days', async () => {
    const email = uniqueEmail('named');
    const { contactName } = await invite({ email, type: 'B2C', clientId: jan.clientId });
    expect(contactName).toBe('Jan Jansen');
    const mail = [...kit().mails].reverse().find((m) => m.to === email)!;
    expect(mail.text).toContain('Jan Jansen');
    expect(mail.text).toMatch(/7 dagen|7 days/);
  });

  it('the activation link still works just before the 7 days are up', async () => {
    const email = uniqueEmail('just-in-time');
    await invite({ email, type: 'B2C', clientId: jan.clientId });
    kit().clock.advance(7 * 24 * 60 * MINUTE - 1000);
    const activated = await kit().services.invitations.activate(kit().tenant(), activationTokenFor(email), GOOD_PASSWORD, META);
    expect(activated.status).toBe('ACTIVE');
  });

  it('a failed mail for a re-sent invitation keeps the account (only a new one is undone)', async () => {
    const email = uniqueEmail('resend-fails');
    const input = { email, type: 'B2C' as const, clientId: jan.clientId };
    const { account } = await invite(input);
    await failingMail(() => invite(input));
    expect(await kit().services.accounts.repository.findByEmail('demo', email)).toMatchObject({ id: account.id });
    await invite(input);
  });

  it('refuses the link of an account blocked or removed since the invitation', async () => {
    const INVALID = { message: 'This link is not valid or has already been used. Ask for a new one.' };
    const blockedEmail = uniqueEmail('blocked-invite');
    const { account: blocked } = await invite({ email: blockedEmail, type: 'B2C', clientId: jan.clientId });
    await kit().services.accounts.setStatus(kit().tenant(), blocked.id, 'BLOCKED', { principal: kit().admin(), meta: META });
    // The link is what is wrong, not the password: the person is not asked for a better one.
    await expect(
      kit().services.invitations.activate(kit().tenant(), activationTokenFor(blockedEmail), 'short', META),
    ).rejects.toMatchObject(INVALID);
    await expect(
      kit().services.invitations.activate(kit().tenant(), activationTokenFor(blockedEmail), GOOD_PASSWORD, META),
    ).rejects.toMatchObject(INVALID);
    expect((await kit().services.accounts.repository.findById(blocked.id))!.passwordHash).toBeNull();

    const goneEmail = uniqueEmail('gone-invite');
    const { account: gone } = await invite({ email: goneEmail, type: 'B2C', clientId: jan.clientId });
    await kit()
      .connection.collection('accounts')
      .deleteOne({ _id: gone.id as never });
    await expect(
      kit().services.invitations.activate(kit().tenant(), activationTokenFor(goneEmail), GOOD_PASSWORD, META),
    ).rejects.toMatchObject(INVALID);
  });

  it('an admin blocking the account during activation wins: no password is set', async () => {
    const email = uniqueEmail('blocked-meanwhile');
    const { account } = await invite({ email, type: 'B2C', clientId: jan.clientId });
    const service = kit().services.invitations;
    const repository = kit().services.accounts.repository;
    const racing = Object.assign(Object.create(repository) as typeof repository, {
      async findById(id: string) {
        const seen = await repository.findById(id);
        await repository.update(id, { status: 'BLOCKED' });
        return seen;
      },
    });
    const slow = new InvitationService({ ...service['deps'], accounts: racing });
    await expect(slow.activate(kit().tenant(), activationTokenFor(email), GOOD_PASSWORD, META)).rejects.toMatchObject({
      message: 'This link is not valid or has already been used. Ask for a new one.',
    });
    expect(await repository.findById(account.id)).toMatchObject({ status: 'BLOCKED', passwordHash: null });
  });

  it('audits the activation as done by the account itself, on the account', async () => {
    const email = uniqueEmail('audited');
    const { account } = await invite({ email, type: 'B2C', clientId: jan.clientId });
    await kit().services.invitations.activate(kit().tenant(), activationTokenFor(email), GOOD_PASSWORD, META);
    const [event] = (await kit().audit.list('demo', { eventType: 'account.activated', accountId: account.id })).events;
    expect(event).toMatchObject({ actor: `account:${account.id}`, targetType: 'account', targetId: account.id });
  });

  it('activation stands when the after-activation step fails or is not wired', async () => {
    const service = kit().services.invitations;
    for (const onActivated of [
      undefined,
      async () => {
        throw new Error('delegation store unavailable');
      },
    ]) {
      const email = uniqueEmail('after-step');
      await invite({ email, type: 'B2C', clientId: jan.clientId });
      const variant = new InvitationService({ ...service['deps'], onActivated });
      const activated = await variant.activate(kit().tenant(), activationTokenFor(email), GOOD_PASSWORD, META);
      expect(activated.status).toBe('ACTIVE');
    }
  });

  it('without an injected clock (production) dates the invitation with the real time', async () => {
    const realTime = new InvitationService({ ...kit().services.invitations['deps'], now: undefined });
    const before = Date.now();
    const { account } = await realTime.invite(
      kit().tenant(),
      kit().admin(),
      { email: uniqueEmail('real-time'), type: 'B2C', clientId: jan.clientId },
      meta,
    );
    expect(account.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(account.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

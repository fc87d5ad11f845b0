import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { overridingConnectors } from '../../test/connectors.js';
import { useTestDatabase } from '../../test/db.js';
import { GOOD_PASSWORD, uniqueEmail, useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { createProfileService } from './profile-services.js';
import { profileDependencies } from './profile.test-support.js';
import type { ProfileService } from './profile.service.js';

/**
 * What a profile save does and refuses, against the real database and simulator: when the
 * password is needed, what is written where, what is audited, and whose profile a session reads.
 */
const kit = useAccountTestKit(useTestDatabase());
let profile: ProfileService;
/** Nextcloud writes seen, as `resource:id`. */
const nextcloudWrites: string[] = [];
const meta = { ip: '192.0.2.12', userAgent: 'vitest', publicUrl: 'https://portal.example.nl' };
const jan = DEMO.demo.janJansen;

beforeAll(async () => {
  const connectors = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) });
  profile = await createProfileService({
    ...profileDependencies(kit()),
    nextcloud: overridingConnectors(connectors, (real) => ({
      updateObject: (resource, id, ...rest) => {
        nextcloudWrites.push(`${resource}:${id}`);
        return real.updateObject(resource, id, ...rest);
      },
    })),
    mailer: { send: async (mail) => (kit().mails.push(mail), { messageId: 'm' }) },
    logger: createLogger({ level: 'silent' }),
  });
});

const events = (accountId: string, type: string) =>
  kit().connection.collection('audit_events').find({ tenantId: 'demo', accountId, type }).sort({ seq: 1 }).toArray();
const stored = async (account: Account) => (await kit().services.accounts.repository.findById(account.id))!;
const mailsTo = (email: string) => kit().mails.filter((m) => m.to === email);

describe('saving the profile', () => {
  it('a save that keeps the address needs no password and stages nothing', async () => {
    const account = await kit().createAccount();
    const view = await profile.update(
      kit().tenant(),
      kit().customer(account),
      { email: account.email, phone: '+31 6 12120000' },
      meta,
    );
    expect(view.pendingEmail).toBeNull();
    expect(view.account.locale).toBe('nl');
    expect((await view.person()).phone).toBe('+31 6 12120000');
    expect(mailsTo(account.email)).toEqual([]);
  });

  it('a new address without the password or a current code is refused before anything is written', async () => {
    const account = await kit().createAccount();
    const writesBefore = nextcloudWrites.length;
    await expect(
      profile.update(kit().tenant(), kit().customer(account), { email: uniqueEmail('no-proof'), locale: 'en' }, meta),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', extensions: { problems: [{ code: 'REAUTHENTICATION_REQUIRED' }] } });
    await expect(
      profile.update(
        kit().tenant(),
        kit().customer(account),
        { email: uniqueEmail('wrong-proof'), locale: 'en', password: 'not-the-password-at-all' },
        meta,
      ),
    ).rejects.toBeTruthy();
    expect((await stored(account)).locale).toBe('nl');
    expect(nextcloudWrites.length).toBe(writesBefore);
    expect(await profile.emailChange.pendingOf(account.id)).toBeNull();
    // The refused proof is on the trail, saying what it was for.
    const [denied] = await kit()
      .connection.collection('audit_events')
      .find({ tenantId: 'demo', accountId: account.id, outcome: 'denied' })
      .toArray();
    expect(denied).toMatchObject({ details: { during: 'email-change' } });
  });

  it('lists every problem in one refusal, naming the fields', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    await expect(
      profile.update(kit().tenant(), kit().customer(account), { jobTitle: 'Baker', email: 'not an address' }, meta),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Check these fields: jobTitle, email.',
    });
  });

  it('a person whose home record is gone gets NOT_FOUND before anything is written or audited', async () => {
    const account = await kit().createAccount({ type: 'B2C', clientId: randomUUID(), contactId: null });
    const writesBefore = nextcloudWrites.length;
    await expect(
      profile.update(kit().tenant(), kit().customer(account), { phone: '+31 6 34340000', locale: 'en' }, meta),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Your record in the customer administration was not found.' });
    expect(nextcloudWrites.length).toBe(writesBefore);
    expect((await stored(account)).locale).toBe('nl');
    expect(await events(account.id, 'profile.updated')).toEqual([]);
  });

  it('the language alone: written to the account, no Nextcloud call, audited by field name', async () => {
    const account = await kit().createAccount();
    const writesBefore = nextcloudWrites.length;
    const view = await profile.update(kit().tenant(), kit().customer(account), { locale: 'en' }, meta);
    expect(view.account.locale).toBe('en');
    expect((await stored(account)).locale).toBe('en');
    expect(nextcloudWrites.length).toBe(writesBefore);
    const [event] = await events(account.id, 'profile.updated');
    expect(event).toMatchObject({
      outcome: 'success',
      targetType: 'account',
      targetId: account.id,
      details: { fields: ['locale'], records: [] },
    });
  });

  it('nothing changed: nothing written and nothing audited', async () => {
    const account = await kit().createAccount();
    const view = await profile.update(kit().tenant(), kit().customer(account), { locale: 'nl' }, meta);
    expect(view.account.locale).toBe('nl');
    expect(await events(account.id, 'profile.updated')).toEqual([]);
  });

  it('saves that change no address do not count against the limit on address changes', async () => {
    const account = await kit().createAccount();
    for (const locale of ['en', 'nl', 'en', 'nl', 'en', 'nl', 'en']) {
      await profile.update(kit().tenant(), kit().customer(account), { locale }, meta);
    }
    expect((await stored(account)).locale).toBe('en');
  });

  it('the answer shows the details as Nextcloud now holds them, the client and the contact written', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    const writesBefore = nextcloudWrites.length;
    const view = await profile.update(kit().tenant(), kit().customer(account), { phone: '+31 6 56560000', locale: 'en' }, meta);
    expect(view.account.locale).toBe('en');
    expect((await view.person()).phone).toBe('+31 6 56560000');
    expect(nextcloudWrites.slice(writesBefore)).toEqual([`client:${jan.clientId}`, `contact:${jan.contactId}`]);
    const [event] = await events(account.id, 'profile.updated');
    expect(event).toMatchObject({ details: { fields: ['phone', 'locale'], records: ['client', 'contact'] } });
  });

  it('confirming a change answers true', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('answered');
    await profile.update(kit().tenant(), kit().customer(account), { email, password: GOOD_PASSWORD }, meta);
    const mail = mailsTo(email).find((m) => m.template === 'email-change-confirmation')!;
    const token = new URL(
      /https:\/\/portal\.example\.nl\/portal\/confirm-email\?token=[^\s"<]+/.exec(mail.text)![0],
    ).searchParams.get('token')!;
    expect(await profile.confirmEmailChange(kit().tenant(), token, meta)).toBe(true);
  });
});

describe('whose profile a session reads', () => {
  it('a session that outlived its account, or belongs to another portal, is answered as signed out', async () => {
    const account = await kit().createAccount();
    const other = kit().tenants.get('other')!;
    await expect(profile.read(other, kit().customer(account))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(profile.read(kit().tenant(), { ...kit().customer(account), tenantId: 'other' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(profile.update(other, kit().customer(account), { locale: 'en' }, meta)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    // A session of the other portal that names this portal's account does not read it either.
    await expect(profile.read(other, { ...kit().customer(account), tenantId: 'other' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await kit()
      .connection.collection('accounts')
      .deleteOne({ _id: account.id as never });
    await expect(profile.read(kit().tenant(), kit().customer(account))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

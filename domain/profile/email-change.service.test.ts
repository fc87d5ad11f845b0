import { beforeAll, describe, expect, it } from 'vitest';
import { UpstreamUnavailableError } from '../../core/errors.js';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { GOOD_PASSWORD, uniqueEmail, useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { createProfileService } from './profile-services.js';
import { profileDependencies } from './profile.test-support.js';
import type { ProfileService } from './profile.service.js';

/**
 * The email-change flow against the real database and simulator, with the kit's hand-moved clock:
 * expiry, single use, and the claim protocol under concurrent confirmations.
 */
const kit = useAccountTestKit(useTestDatabase());
let profile: ProfileService;
/** When set, every Nextcloud write fails as if Nextcloud were down. */
let nextcloudWritesDown = false;
/** Runs once, just before the next Nextcloud write: something another request does meanwhile. */
let beforeNextNextcloudWrite: (() => Promise<void>) | null = null;
/** When set, the mail server refuses every message. */
let mailDown = false;
const meta = { ip: '192.0.2.10', userAgent: 'vitest', publicUrl: 'https://portal.example.nl' };

beforeAll(async () => {
  const connectors = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) });
  profile = await createProfileService({
    ...profileDependencies(kit()),
    nextcloud: {
      for: (tenantId) => {
        const connector = connectors.for(tenantId);
        return new Proxy(connector, {
          get: (target, key) => {
            if (key !== 'updateObject') return Reflect.get(target, key, target);
            if (nextcloudWritesDown) return () => Promise.reject(new UpstreamUnavailableError());
            return async (...args: Parameters<typeof target.updateObject>) => {
              const meanwhile = beforeNextNextcloudWrite;
              beforeNextNextcloudWrite = null;
              await meanwhile?.();
              return target.updateObject(...args);
            };
          },
        });
      },
    },
    mailer: {
      send: async (mail) => {
        if (mailDown) throw new Error('mail server refused the message');
        kit().mails.push(mail);
        return { messageId: 'm' };
      },
    },
    logger: createLogger({ level: 'silent' }),
  });
});

/** Stages a change and returns the token from the confirmation mail. */
async function requestChange(account: Account, email: string): Promise<string> {
  await profile.update(kit().tenant(), kit().customer(account), { email, password: GOOD_PASSWORD }, meta);
  const mail = [...kit().mails].reverse().find((m) => m.to === email && m.template === 'email-change-confirmation');
  if (!mail) throw new Error(`no confirmation mail to ${email}`);
  const url = /https:\/\/portal\.example\.nl\/portal\/confirm-email\?token=[^\s"<]+/.exec(mail.text)![0];
  return new URL(url).searchParams.get('token')!;
}
const codeOf = (error: unknown) => (error as { code?: string }).code;
const repo = () => kit().services.accounts.repository;
/** The account's trail of one event type, oldest first, in any tenant. */
const trail = (accountId: string, type: string) =>
  kit().connection.collection('audit_events').find({ accountId, type }).sort({ seq: 1 }).toArray();
/** Whether the link still works (it was not used up). */
const linkIsUnused = (token: string, tenantId = 'demo') =>
  kit()
    .services.accountTokens.peek('email-change', tenantId, token)
    .then(
      () => true,
      () => false,
    );
/**
 * Leaves only another account's pending change in the store, under the lowest id there is, so a
 * delete that forgot its filter would take this one first.
 */
async function onlyAStrangersPendingChange(): Promise<string> {
  const pending = kit().connection.collection('pendingEmailChanges');
  await pending.deleteMany({});
  const strangerId = '00000000-0000-4000-8000-000000000000';
  const at = kit().clock.now();
  await pending.insertOne({
    _id: strangerId as never,
    tenantId: 'demo',
    email: uniqueEmail('stranger'),
    requestedAt: at,
    expiresAt: new Date(at.getTime() + 30 * MINUTE),
  });
  return strangerId;
}
const contactEmail = () =>
  kit()
    .simulator.instance('demo')
    .data.objects.find((o) => o.uuid === DEMO.demo.janJansen.contactId)!.data.email;

describe('email change', () => {
  it('stages the address, mails both addresses and shows it as pending until it expires', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('new');
    await requestChange(account, email);
    const notice = kit().mails.find((m) => m.to === account.email && m.template === 'email-change-notice');
    expect(notice?.text).toContain(email);
    expect((await profile.read(kit().tenant(), kit().customer(account))).pendingEmail?.email).toBe(email);
    kit().clock.advance(31 * MINUTE);
    expect((await profile.read(kit().tenant(), kit().customer(account))).pendingEmail).toBeNull();
    expect(await profile.emailChange.purgeExpired()).toBeGreaterThanOrEqual(1);
  });

  it('an expired link answers LINK_EXPIRED and changes nothing', async () => {
    const account = await kit().createAccount();
    const token = await requestChange(account, uniqueEmail('late'));
    kit().clock.advance(30 * MINUTE);
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'LINK_EXPIRED' });
    expect((await repo().findById(account.id))!.email).toBe(account.email);
  });

  it('a link works once, even when used twice at the same moment', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('once');
    const token = await requestChange(account, email);
    const results = await Promise.allSettled([1, 2, 3].map(() => profile.confirmEmailChange(kit().tenant(), token, meta)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(codeOf(r.reason)).toBe('BAD_USER_INPUT');
    expect((await repo().findByEmail('demo', email))?.id).toBe(account.id);
    expect(await repo().findByEmail('demo', account.email)).toBeNull();
    expect(contactEmail()).toBe(email);
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('a link of an account that is no longer active changes nothing', async () => {
    const account = await kit().createAccount();
    const token = await requestChange(account, uniqueEmail('blocked'));
    // Blocked by another replica after the link was mailed: the link itself is still unused.
    await kit()
      .connection.collection('accounts')
      .updateOne({ _id: account.id as never }, { $set: { status: 'BLOCKED' } });
    const contactBefore = contactEmail();
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await repo().findById(account.id))!.email).toBe(account.email);
    // Refused at the door: Nextcloud was never written, the link was not used up, and no change
    // was even attempted (the compare-and-set further on is a second, separate guard).
    expect(contactEmail()).toBe(contactBefore);
    expect(await linkIsUnused(token)).toBe(true);
    expect(await trail(account.id, 'email.changed')).toEqual([]);
  });

  it('an account blocked while its confirmation is under way keeps its address, and Nextcloud is put back', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('blocked-meanwhile');
    const token = await requestChange(account, email);
    const contactBefore = contactEmail();
    // Another replica blocks the account after the status was checked, while Nextcloud is written.
    beforeNextNextcloudWrite = async () => {
      await kit()
        .connection.collection('accounts')
        .updateOne({ _id: account.id as never }, { $set: { status: 'BLOCKED' } });
    };
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(beforeNextNextcloudWrite).toBeNull();
    expect((await repo().findById(account.id))!.email).toBe(account.email);
    expect(await profile.emailChange.claims.isFree('demo', email)).toBe(true);
    expect(contactEmail()).toBe(contactBefore);
  });

  it('a link of an account that no longer exists is refused', async () => {
    const account = await kit().createAccount();
    const token = await requestChange(account, uniqueEmail('erased'));
    await kit()
      .connection.collection('accounts')
      .deleteOne({ _id: account.id as never });
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('a link that names no new address is refused and changes nothing', async () => {
    const account = await kit().createAccount();
    const { token } = await kit().services.accountTokens.issue('email-change', account, 30 * MINUTE);
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await repo().findById(account.id))!.email).toBe(account.email);
    expect(await linkIsUnused(token)).toBe(true);
  });

  it("a link issued in another portal for this portal's account changes nothing in either", async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('cross-tenant');
    const other = kit().tenants.get('other')!;
    const { token } = await kit().services.accountTokens.issue(
      'email-change',
      { id: account.id, tenantId: other.id },
      30 * MINUTE,
      { email },
    );
    await expect(profile.confirmEmailChange(other, token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await repo().findById(account.id))!.email).toBe(account.email);
    expect(await linkIsUnused(token, other.id)).toBe(true);
    expect(await profile.emailChange.claims.isFree(other.id, email)).toBe(true);
    expect(await trail(account.id, 'email.changed')).toEqual([]);
  });

  it('an address another account took after the link was mailed is refused as in use, and the refusal recorded', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('taken-later');
    const token = await requestChange(account, email);
    const other = await kit().createAccount({ email });
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'This email address is already used by another account in this portal.',
      extensions: {
        problems: [expect.objectContaining({ field: 'email', code: 'EMAIL_IN_USE', message: 'This address is already in use.' })],
      },
    });
    expect((await repo().findById(account.id))!.email).toBe(account.email);
    expect((await repo().findByEmail('demo', email))?.id).toBe(other.id);
    const denied = await kit()
      .connection.collection('audit_events')
      .findOne({ tenantId: 'demo', accountId: account.id, type: 'email.changed' });
    expect(denied).toMatchObject({ outcome: 'denied', details: { reason: 'address-in-use' } });
  });

  it('confirming uses up the link itself, not only the pending address', async () => {
    const account = await kit().createAccount();
    const token = await requestChange(account, uniqueEmail('used-up'));
    await profile.confirmEmailChange(kit().tenant(), token, meta);
    // A second use is already refused because the address is now the account's own; the token
    // must be gone too, so nothing but the link's own state decides that it was used.
    await expect(kit().services.accountTokens.peek('email-change', 'demo', token)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('two accounts confirming the same address at once: exactly one gets it', async () => {
    const [a, b] = [await kit().createAccount(), await kit().createAccount()];
    const email = uniqueEmail('contested');
    const tokens = [await requestChange(a, email), await requestChange(b, email)];
    const results = await Promise.allSettled(tokens.map((t) => profile.confirmEmailChange(kit().tenant(), t, meta)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { problems: [{ field: 'email' }] } });
    const owners = await kit().connection.collection('accounts').find({ tenantId: 'demo', email }).toArray();
    expect(owners).toHaveLength(1);
    const winner = owners[0]!._id as unknown as string;
    const loserAccount = winner === a.id ? b : a;
    // The loser keeps its address and can still sign in with it.
    expect((await repo().findByEmail('demo', loserAccount.email))?.id).toBe(loserAccount.id);
  });

  it('Nextcloud down at confirmation: nothing changes and the same link works afterwards', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('retry');
    const token = await requestChange(account, email);
    nextcloudWritesDown = true;
    try {
      await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
      });
    } finally {
      nextcloudWritesDown = false;
    }
    expect((await repo().findById(account.id))!.email).toBe(account.email);
    expect(await profile.emailChange.claims.isFree('demo', email)).toBe(true);
    await profile.confirmEmailChange(kit().tenant(), token, meta);
    expect((await repo().findById(account.id))!.email).toBe(email);
  });

  it('a reset link mailed to the old address dies with the change', async () => {
    const account = await kit().createAccount();
    const reset = await kit().services.accountTokens.issue('password-reset', account, 30 * MINUTE);
    await profile.confirmEmailChange(kit().tenant(), await requestChange(account, uniqueEmail('moved')), meta);
    await expect(kit().services.accountTokens.peek('password-reset', 'demo', reset.token)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('at most 5 change requests per account per hour', async () => {
    const account = await kit().createAccount();
    for (let i = 0; i < 5; i++) await requestChange(account, uniqueEmail(`try${i}`));
    await expect(
      profile.update(
        kit().tenant(),
        kit().customer(account),
        { email: uniqueEmail('sixth'), locale: 'en', password: GOOD_PASSWORD },
        meta,
      ),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many email changes; try again later.',
    });
    // Refused before anything was written: the locale in the same update stayed.
    expect((await repo().findById(account.id))!.locale).toBe('nl');
    // The limit counts per hour, not per moment.
    kit().clock.advance(59 * MINUTE);
    await expect(requestChange(account, uniqueEmail('still-too-soon'))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('forget() drops the pending address and kills the link (closure)', async () => {
    const account = await kit().createAccount();
    const token = await requestChange(account, uniqueEmail('forgotten'));
    await profile.emailChange.forget(account.id);
    expect(await profile.emailChange.pendingOf(account.id)).toBeNull();
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('the link and the pending address last 30 minutes, and not a moment longer', async () => {
    const [early, late] = [await kit().createAccount(), await kit().createAccount()];
    const email = uniqueEmail('in-time');
    const token = await requestChange(early, email);
    await requestChange(late, uniqueEmail('at-the-limit'));
    const mail = kit().mails.find((m) => m.to === email && m.template === 'email-change-confirmation');
    expect(mail?.text).toContain('30 minuten');
    kit().clock.advance(29 * MINUTE);
    expect((await profile.read(kit().tenant(), kit().customer(early))).pendingEmail?.email).toBe(email);
    await profile.confirmEmailChange(kit().tenant(), token, meta);
    expect((await repo().findById(early.id))!.email).toBe(email);
    kit().clock.advance(1 * MINUTE);
    expect((await profile.read(kit().tenant(), kit().customer(late))).pendingEmail).toBeNull();
  });

  it('answers the update with the address it staged and when its link expires', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('answered');
    const view = await profile.update(kit().tenant(), kit().customer(account), { email, password: GOOD_PASSWORD }, meta);
    expect(view.pendingEmail).toEqual({ email, expiresAt: new Date(kit().clock.now().getTime() + 30 * MINUTE) });
  });

  it('a new request replaces the open one: the earlier link stops working', async () => {
    const account = await kit().createAccount();
    const [first, second] = [uniqueEmail('first'), uniqueEmail('second')];
    const firstToken = await requestChange(account, first);
    const secondToken = await requestChange(account, second);
    await expect(profile.confirmEmailChange(kit().tenant(), firstToken, meta)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await profile.emailChange.pendingOf(account.id)).toMatchObject({ email: second });
    await profile.confirmEmailChange(kit().tenant(), secondToken, meta);
    expect((await repo().findById(account.id))!.email).toBe(second);
  });

  it('when the confirmation mail cannot be sent, the request fails and leaves no pending address or link', async () => {
    const account = await kit().createAccount();
    const stranger = await onlyAStrangersPendingChange();
    mailDown = true;
    try {
      await expect(
        profile.update(kit().tenant(), kit().customer(account), { email: uniqueEmail('unsent'), password: GOOD_PASSWORD }, meta),
      ).rejects.toThrow();
    } finally {
      mailDown = false;
    }
    expect(await profile.emailChange.pendingOf(account.id)).toBeNull();
    expect(
      await kit()
        .connection.collection('pendingEmailChanges')
        .countDocuments({ _id: account.id as never }),
    ).toBe(0);
    expect(
      await kit().connection.collection('accountTokens').countDocuments({ accountId: account.id, purpose: 'email-change' }),
    ).toBe(0);
    expect(await profile.emailChange.pendingOf(stranger)).not.toBeNull();
  });

  it("confirming drops the account's own pending change and nobody else's", async () => {
    const account = await kit().createAccount();
    const stranger = await onlyAStrangersPendingChange();
    await profile.confirmEmailChange(kit().tenant(), await requestChange(account, uniqueEmail('own-only')), meta);
    expect(await profile.emailChange.pendingOf(account.id)).toBeNull();
    expect(await profile.emailChange.pendingOf(stranger)).not.toBeNull();
  });

  it("one account's pending change is its own: confirming, forgetting or purging others leaves it", async () => {
    const [mover, waiting, without] = [await kit().createAccount(), await kit().createAccount(), await kit().createAccount()];
    const waitingFor = uniqueEmail('waiting');
    const token = await requestChange(mover, uniqueEmail('mover'));
    await requestChange(waiting, waitingFor);
    expect((await profile.read(kit().tenant(), kit().customer(without))).pendingEmail).toBeNull();
    await profile.confirmEmailChange(kit().tenant(), token, meta);
    await profile.emailChange.forget(without.id);
    await profile.emailChange.purgeExpired();
    expect((await profile.read(kit().tenant(), kit().customer(waiting))).pendingEmail?.email).toBe(waitingFor);
  });

  it('the trail records the request and the change by account, naming neither address', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('trail');
    await profile.confirmEmailChange(kit().tenant(), await requestChange(account, email), meta);
    const [requested] = await kit()
      .connection.collection('audit_events')
      .find({ type: 'email.change-requested', targetId: account.id })
      .toArray();
    expect(requested).toMatchObject({
      outcome: 'success',
      targetType: 'account',
      targetId: account.id,
      details: { validForMinutes: 30 },
    });
    const [changed] = await trail(account.id, 'email.changed');
    expect(changed).toMatchObject({
      outcome: 'success',
      actor: `account:${account.id}`,
      targetType: 'account',
      targetId: account.id,
      details: { personRecords: ['client', 'contact'] },
    });
    for (const event of [requested, changed]) {
      expect(JSON.stringify(event)).not.toContain(email);
      expect(JSON.stringify(event)).not.toContain(account.email);
    }
  });

  it('an address another account takes between the check and the claim is refused as in use, and nothing changes', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('raced');
    const token = await requestChange(account, email);
    const contactBefore = contactEmail();
    const claims = profile.emailChange.claims;
    const isFree = claims.isFree.bind(claims);
    let other: Account | null = null;
    // The check still finds the address free; the other account's sign-up lands right after it.
    claims.isFree = async (tenantId, address) => {
      const free = await isFree(tenantId, address);
      claims.isFree = isFree;
      other = await kit().createAccount({ email });
      return free;
    };
    try {
      await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        extensions: { problems: [expect.objectContaining({ field: 'email', code: 'EMAIL_IN_USE' })] },
      });
    } finally {
      claims.isFree = isFree;
    }
    expect((await repo().findById(account.id))!.email).toBe(account.email);
    expect((await repo().findByEmail('demo', email))?.id).toBe(other!.id);
    expect(contactEmail()).toBe(contactBefore);
  });
});

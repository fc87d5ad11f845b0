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
import type { ProfileService } from './profile.service.js';

/**
 * The email-change flow against the real database and simulator, with the kit's hand-moved clock:
 * expiry, single use, and the claim protocol under concurrent confirmations.
 */
const kit = useAccountTestKit(useTestDatabase());
let profile: ProfileService;
/** When set, every Nextcloud write fails as if Nextcloud were down. */
let nextcloudWritesDown = false;
const meta = { ip: '192.0.2.10', userAgent: 'vitest', publicUrl: 'https://portal.example.nl' };

beforeAll(async () => {
  const connectors = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) });
  const { services } = kit();
  profile = await createProfileService({
    connection: kit().connection,
    accounts: services.accounts.repository,
    tokens: services.accountTokens,
    rateLimiter: services.rateLimiter,
    identity: services.identity,
    nextcloud: {
      for: (tenantId) => {
        const connector = connectors.for(tenantId);
        return new Proxy(connector, {
          get: (target, key) =>
            key === 'updateObject' && nextcloudWritesDown
              ? () => Promise.reject(new UpstreamUnavailableError())
              : Reflect.get(target, key, target),
        });
      },
    },
    audit: kit().audit,
    mailer: { send: async (mail) => (kit().mails.push(mail), { messageId: 'm' }) },
    logger: createLogger({ level: 'silent' }),
    now: kit().clock.now,
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
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await repo().findById(account.id))!.email).toBe(account.email);
  });

  it('an address another account took after the link was mailed is refused as in use, and the refusal recorded', async () => {
    const account = await kit().createAccount();
    const email = uniqueEmail('taken-later');
    const token = await requestChange(account, email);
    const other = await kit().createAccount({ email });
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { problems: [expect.objectContaining({ field: 'email', code: 'EMAIL_IN_USE' })] },
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
    });
    // Refused before anything was written: the locale in the same update stayed.
    expect((await repo().findById(account.id))!.locale).toBe('nl');
  });

  it('forget() drops the pending address and kills the link (closure)', async () => {
    const account = await kit().createAccount();
    const token = await requestChange(account, uniqueEmail('forgotten'));
    await profile.emailChange.forget(account.id);
    expect(await profile.emailChange.pendingOf(account.id)).toBeNull();
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

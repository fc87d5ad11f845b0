import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamUnavailableError } from '../../core/errors.js';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { overridingConnectors } from '../../test/connectors.js';
import { useTestDatabase } from '../../test/db.js';
import { GOOD_PASSWORD, uniqueEmail, useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { loadPersonRecords, PersonWriter } from './person-records.js';
import { createProfileService } from './profile-services.js';
import { profileDependencies } from './profile.test-support.js';
import type { ProfileService } from './profile.service.js';

/**
 * A B2C person kept on two Pipelinq records (person client + contact) when the write to the
 * contact fails: the customer is told, it is logged, and the next save repairs it. Real database
 * and simulator; only the one failing write is injected.
 */
const kit = useAccountTestKit(useTestDatabase());
let profile: ProfileService;
let connectors: NextcloudConnectors;
/** When set, writes to this resource fail as if Nextcloud had gone away between two calls. */
let failingResource: string | null = null;
const logged: Array<{ level: number; msg: string; record?: string; err?: unknown }> = [];
const meta = { ip: '192.0.2.11', userAgent: 'vitest', publicUrl: 'https://portal.example.nl' };
const jan = DEMO.demo.janJansen;

beforeAll(async () => {
  connectors = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) });
  const stream = new PassThrough();
  stream.on('data', (line: Buffer) => logged.push(JSON.parse(line.toString()) as (typeof logged)[number]));
  profile = await createProfileService({
    ...profileDependencies(kit()),
    nextcloud: overridingConnectors(connectors, (real) => ({
      updateObject: (resource, ...rest) =>
        resource === failingResource ? Promise.reject(new UpstreamUnavailableError()) : real.updateObject(resource, ...rest),
    })),
    mailer: { send: async (mail) => (kit().mails.push(mail), { messageId: 'm' }) },
    logger: createLogger({ level: 'warn', destination: stream }),
  });
});
beforeEach(() => {
  failingResource = null;
});

const record = (uuid: string) =>
  kit()
    .simulator.instance('demo')
    .data.objects.find((o) => o.uuid === uuid)!.data;

describe('a B2C person on two records', () => {
  it('the contact write fails: the client keeps the change, the customer gets UPSTREAM_UNAVAILABLE saying so, and it is logged', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    failingResource = 'contact';
    const error = await profile
      .update(kit().tenant(), kit().customer(account), { phone: '+31 6 22223333' }, meta)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringMatching(/saved, but not every copy/),
      extensions: { savedRecord: 'client', failedRecord: 'contact' },
    });
    expect(record(jan.clientId).phone).toBe('+31 6 22223333');
    expect(record(jan.contactId).phone).not.toBe('+31 6 22223333');
    const entry = logged.find((l) => l.record === 'contact' && /could not be written/.test(l.msg));
    expect(entry?.level).toBe(50);
    // The log names the record, never the value.
    expect(JSON.stringify(logged)).not.toContain('22223333');
    // The profile reads from the client, so it shows what was saved.
    expect((await (await profile.read(kit().tenant(), kit().customer(account))).person()).phone).toBe('+31 6 22223333');

    // Saving the same again writes the contact only, and the two agree.
    failingResource = null;
    await profile.update(kit().tenant(), kit().customer(account), { phone: '+31 6 22223333' }, meta);
    expect(record(jan.contactId).phone).toBe('+31 6 22223333');
    const [event] = (await kit().audit.list('demo', { eventType: 'profile.updated' }, { first: 1 })).events;
    expect(event?.details).toMatchObject({ fields: ['phone'], records: ['contact'] });
  });

  it('the client write fails: nothing is written anywhere', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    const [client, contact] = [structuredClone(record(jan.clientId)), structuredClone(record(jan.contactId))];
    failingResource = 'client';
    const error = await profile
      .update(kit().tenant(), kit().customer(account), { displayName: 'Jan J. Jansen' }, meta)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    // Not the "saved, but not every copy" answer: nothing was saved.
    expect((error as Error).message).not.toMatch(/saved/);
    expect(error).not.toHaveProperty('extensions.savedRecord');
    expect(record(jan.clientId)).toEqual(client);
    expect(record(jan.contactId)).toEqual(contact);
  });

  it('confirming an email change when the contact write fails: the client is put back, the link still works', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    const email = uniqueEmail('mirror');
    await profile.update(kit().tenant(), kit().customer(account), { email, password: GOOD_PASSWORD }, meta);
    const mail = [...kit().mails].reverse().find((m) => m.to === email)!;
    const token = new URL(
      /https:\/\/portal\.example\.nl\/portal\/confirm-email\?token=[^\s"<]+/.exec(mail.text)![0],
    ).searchParams.get('token')!;
    const before = record(jan.clientId).email;

    failingResource = 'contact';
    await expect(profile.confirmEmailChange(kit().tenant(), token, meta)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(record(jan.clientId).email).toBe(before);
    expect((await kit().services.accounts.repository.findById(account.id))!.email).toBe(account.email);

    failingResource = null;
    await profile.confirmEmailChange(kit().tenant(), token, meta);
    expect(record(jan.clientId).email).toBe(email);
    expect(record(jan.contactId).email).toBe(email);
    const [event] = (await kit().audit.list('demo', { eventType: 'email.changed' }, { first: 1 })).events;
    expect(event?.details).toMatchObject({ personRecords: ['client', 'contact'] });
  });
});

/** Stages an email change for the account and returns the token of its confirmation link. */
async function stagedEmailChange(account: Account, email: string): Promise<string> {
  await profile.update(kit().tenant(), kit().customer(account), { email, password: GOOD_PASSWORD }, meta);
  const mail = [...kit().mails].reverse().find((m) => m.to === email)!;
  return new URL(/https:\/\/portal\.example\.nl\/portal\/confirm-email\?token=[^\s"<]+/.exec(mail.text)![0]).searchParams.get(
    'token',
  )!;
}

describe("person records that are missing or not the account's", () => {
  it("a linked contact of another client is neither written nor taken for the account's copy", async () => {
    const stranger = DEMO.demo.bakkerij.contactId;
    const account = await kit().createAccount({ type: 'B2C', contactId: stranger });
    const before = structuredClone(record(stranger));
    await profile.update(kit().tenant(), kit().customer(account), { phone: '+31 6 44445555' }, meta);
    expect(record(jan.clientId).phone).toBe('+31 6 44445555');
    expect(record(stranger)).toEqual(before);
    const email = uniqueEmail('not-their-contact');
    await profile.confirmEmailChange(kit().tenant(), await stagedEmailChange(account, email), meta);
    expect(record(stranger)).toEqual(before);
  });

  it('an email change still moves the sign-in address when the contact record is gone', async () => {
    const account = await kit().createAccount({ type: 'B2C', contactId: randomUUID() });
    const email = uniqueEmail('contact-gone');
    await profile.confirmEmailChange(kit().tenant(), await stagedEmailChange(account, email), meta);
    expect((await kit().services.accounts.repository.findById(account.id))!.email).toBe(email);
    expect(record(jan.clientId).email).toBe(email);
  });

  it('an email change still moves the sign-in address when even the person client record is gone', async () => {
    const account = await kit().createAccount({ type: 'B2C', clientId: randomUUID(), contactId: null });
    const email = uniqueEmail('client-gone');
    await profile.confirmEmailChange(kit().tenant(), await stagedEmailChange(account, email), meta);
    expect((await kit().services.accounts.repository.findById(account.id))!.email).toBe(email);
  });

  it('the writer refuses a profile save whose home record is gone, before writing the copy', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    const before = structuredClone(record(jan.contactId));
    const writer = new PersonWriter(connectors);
    const { contact } = await loadPersonRecords(writer.loaders(kit().tenant()), account);
    expect(contact?.id).toBe(jan.contactId);
    await expect(
      writer.write(
        kit().tenant(),
        account,
        { client: null, contact },
        {
          writes: [
            { role: 'client', patch: { phone: '+31 6 66667777' } },
            { role: 'contact', patch: { phone: '+31 6 66667777' } },
          ],
          fields: ['phone'],
        },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(record(jan.contactId)).toEqual(before);
  });
});

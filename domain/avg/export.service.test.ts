import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { TEST_SECRET_KEY, useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import { pseudonymisedEmail } from './account-state.js';
import { ExportArchiveStore } from './export-store.js';
import { EXPORT_TTL_MS, ExportLinks } from './export-links.js';
import { UNFINISHED, ExportRepository } from './export.repository.js';
import { ExportService, REVOKED_AT_CLOSURE, STALE_EXPORT_MS } from './export.service.js';

/**
 * The customer's side of data exports without building one: exports are requested through the
 * service and made READY the way the runner leaves them (a small archive in the encrypted store),
 * so the download's re-checks, the list and the clean-ups can be shown quickly and one by one.
 * The runner's own tests (export-runner.test.ts) cover building the real archive.
 */
const kit = useAccountTestKit(useTestDatabase());
let repository: ExportRepository;
let service: ExportService;
const queued: string[] = [];
const links = new ExportLinks(TEST_SECRET_KEY);
const meta = { ip: '192.0.2.9', userAgent: 'vitest', publicUrl: 'https://portal.example.nl' };
const content = Buffer.from('PK\u0003\u0004 a small stand-in for the export ZIP');

beforeAll(async () => {
  repository = new ExportRepository(kit().connection, new ExportArchiveStore(kit().connection, TEST_SECRET_KEY));
  for (const model of [repository.exports, repository.slots]) {
    await model.init();
    await model.createIndexes();
  }
  service = new ExportService({
    repository,
    accounts: kit().services.accounts.repository,
    links,
    audit: kit().audit,
    queue: { enqueueExport: async (_tenantId, id) => void queued.push(id) },
    now: kit().clock.now,
  });
});
beforeEach(() => {
  queued.length = 0;
});

/** Requests an export for the account and finishes it as the runner would: archive stored, READY. */
async function readyExport(account: Account) {
  const requested = await service.request(kit().tenant(), kit().customer(account), meta);
  const stored = await repository.archives.save({ tenantId: 'demo', exportId: requested.id }, async (sink) => {
    sink.end(content);
  });
  const readyAt = kit().clock.now();
  const expiresAt = new Date(Math.floor((readyAt.getTime() + EXPORT_TTL_MS) / 1000) * 1000);
  const file = { archiveId: stored.id, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  expect(await repository.update(requested.id, UNFINISHED, { status: 'READY', file, readyAt, expiresAt })).toBe(true);
  await repository.releaseSlot(account.id, requested.id);
  return { id: requested.id, expiresAt, archiveId: stored.id, body: { t: 'demo', a: account.id, x: requested.id } };
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const setStatus = (account: Account, fields: Partial<Account>) =>
  kit()
    .connection.collection('accounts')
    .updateOne({ _id: account.id as never }, { $set: fields });

describe('opening an export link', () => {
  it("serves the account's own READY export: its bytes, size and a dated file name", async () => {
    const account = await kit().createAccount();
    const ready = await readyExport(account);
    const opened = await service.open(kit().tenant(), ready.body);
    expect(opened).toMatchObject({ size: content.length, exportId: ready.id });
    const day = kit().clock.now().toISOString().slice(0, 10);
    expect(opened.fileName).toBe(`export-${day}-${ready.id.slice(4, 12)}.zip`);
    expect(await bytesOf(opened.body)).toEqual(content);
  });

  it("answers NOT_FOUND for another account's export, another portal, an unknown export, or one not ready yet", async () => {
    const [owner, other] = [await kit().createAccount(), await kit().createAccount()];
    const ready = await readyExport(owner);
    const notFound = { code: 'NOT_FOUND', message: 'The download was not found.' };
    await expect(service.open(kit().tenant(), { ...ready.body, a: other.id })).rejects.toMatchObject(notFound);
    await expect(service.open(kit().tenants.get('other')!, { ...ready.body, t: 'other' })).rejects.toMatchObject(notFound);
    await expect(service.open(kit().tenant(), { ...ready.body, x: 'exp_unknown' })).rejects.toMatchObject(notFound);
    const pending = await service.request(kit().tenant(), kit().customer(other), meta);
    await expect(service.open(kit().tenant(), { t: 'demo', a: other.id, x: pending.id })).rejects.toMatchObject(notFound);
  });

  it('answers LINK_EXPIRED from the moment the export expires, even before housekeeping ran', async () => {
    const account = await kit().createAccount();
    const ready = await readyExport(account);
    kit().clock.set(new Date(ready.expiresAt.getTime() - 1000));
    await expect(service.open(kit().tenant(), ready.body)).resolves.toMatchObject({ exportId: ready.id });
    kit().clock.set(ready.expiresAt);
    await expect(service.open(kit().tenant(), ready.body)).rejects.toMatchObject({
      code: 'LINK_EXPIRED',
      message: 'This link has expired. Request a new export in the portal.',
    });
    const [listed] = await service.list(kit().tenant(), kit().customer(account), meta.publicUrl);
    expect(listed).toMatchObject({ id: ready.id, status: 'EXPIRED', downloadUrl: null });
  });

  it('an account that was closed, blocked or pseudonymised after the mail cannot use the link', async () => {
    const closedByAdmin = await kit().createAccount();
    const closedLink = await readyExport(closedByAdmin);
    await setStatus(closedByAdmin, { status: 'CLOSED' });
    await expect(service.open(kit().tenant(), closedLink.body)).rejects.toMatchObject({
      code: 'LINK_EXPIRED',
      message: 'This link no longer works: the account was closed.',
    });

    const blocked = await kit().createAccount();
    const blockedLink = await readyExport(blocked);
    await setStatus(blocked, { status: 'BLOCKED' });
    await expect(service.open(kit().tenant(), blockedLink.body)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'The download was not found.',
    });

    const pseudonymised = await kit().createAccount();
    const pseudonymisedLink = await readyExport(pseudonymised);
    await setStatus(pseudonymised, { email: pseudonymisedEmail(pseudonymised.id) });
    await expect(service.open(kit().tenant(), pseudonymisedLink.body)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const erased = await kit().createAccount();
    const erasedLink = await readyExport(erased);
    await kit()
      .connection.collection('accounts')
      .deleteOne({ _id: erased.id as never });
    await expect(service.open(kit().tenant(), erasedLink.body)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('closure revokes every export of the account: the link says why, the archive is gone, other accounts keep theirs', async () => {
    const [closing, bystander] = [await kit().createAccount(), await kit().createAccount()];
    const ready = await readyExport(closing);
    const kept = await readyExport(bystander);
    const unfinished = await service.request(kit().tenant(), kit().customer(closing), meta);
    expect(await service.revokeAtClosure('demo', closing.id)).toBe(2);
    await expect(service.open(kit().tenant(), ready.body)).rejects.toMatchObject({
      code: 'LINK_EXPIRED',
      message: 'This link no longer works: the account was closed.',
    });
    expect(await repository.get(ready.id)).toMatchObject({ status: 'EXPIRED', file: null, lastError: REVOKED_AT_CLOSURE });
    expect(await repository.get(unfinished.id)).toMatchObject({ status: 'EXPIRED', lastError: REVOKED_AT_CLOSURE });
    expect(await repository.archives.open(ready.archiveId, ready.id)).toBeNull();
    // The slot went with the unfinished export; the bystander's export still downloads.
    expect(await repository.slotHolder(closing.id)).toBeNull();
    expect(await bytesOf((await service.open(kit().tenant(), kept.body)).body)).toEqual(content);
    // The list no longer offers it, and a run finishing it now finds nothing to mark READY.
    const listed = await service.list(kit().tenant(), kit().customer(closing), meta.publicUrl);
    expect(listed.find((e) => e.id === ready.id)).toMatchObject({ status: 'EXPIRED', downloadUrl: null });
    expect(await repository.update(unfinished.id, ['RUNNING'], { status: 'READY' })).toBe(false);
    // Safe to repeat: nothing is left to revoke.
    expect(await service.revokeAtClosure('demo', closing.id)).toBe(0);
  });
});

describe('the export list and the clean-ups', () => {
  it('lists the account’s exports newest first; only a live READY one carries a download link', async () => {
    const account = await kit().createAccount();
    const ready = await readyExport(account);
    kit().clock.advance(HOUR);
    const pending = await service.request(kit().tenant(), kit().customer(account), meta);
    const listed = await service.list(kit().tenant(), kit().customer(account), meta.publicUrl);
    expect(listed.map((e) => [e.id, e.status])).toEqual([
      [pending.id, 'PENDING'],
      [ready.id, 'READY'],
    ]);
    expect(listed[0]!.downloadUrl).toBeNull();
    expect(links.urlFor(meta.publicUrl, ready.body, ready.expiresAt)).toBe(listed[1]!.downloadUrl);
    expect(listed[1]!.expiresAt).toEqual(ready.expiresAt);
    expect(queued).toEqual([ready.id, pending.id]);
  });

  it('purgeExpired deletes the archives of expired exports only, and keeps their records as EXPIRED', async () => {
    const [old, fresh] = [await kit().createAccount(), await kit().createAccount()];
    const expired = await readyExport(old);
    kit().clock.set(new Date(expired.expiresAt.getTime() - HOUR));
    const live = await readyExport(fresh);
    kit().clock.set(expired.expiresAt);
    expect(await service.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await repository.get(expired.id)).toMatchObject({ status: 'EXPIRED', file: null });
    expect(await repository.archives.open(expired.archiveId, expired.id)).toBeNull();
    // Expired, not revoked: the link says so and points to a new export.
    await expect(service.open(kit().tenant(), expired.body)).rejects.toMatchObject({
      code: 'LINK_EXPIRED',
      message: 'This link has expired. Request a new export in the portal.',
    });
    expect(await repository.get(live.id)).toMatchObject({ status: 'READY' });
    expect(await bytesOf((await service.open(kit().tenant(), live.body)).body)).toEqual(content);
  });

  it('failStale gives up an export unfinished for a day, frees its slot, and leaves a younger one alone', async () => {
    const [stuck, young] = [await kit().createAccount(), await kit().createAccount()];
    const old = await service.request(kit().tenant(), kit().customer(stuck), meta);
    kit().clock.advance(STALE_EXPORT_MS - HOUR);
    const recent = await service.request(kit().tenant(), kit().customer(young), meta);
    kit().clock.advance(HOUR);
    expect(await service.failStale()).toBeGreaterThanOrEqual(1);
    expect(await repository.get(old.id)).toMatchObject({ status: 'FAILED', lastError: 'STALE' });
    expect(await repository.slotHolder(stuck.id)).toBeNull();
    expect(await repository.get(recent.id)).toMatchObject({ status: 'PENDING' });
    expect(await repository.slotHolder(young.id)).toBe(recent.id);
  });

  it('a queue that is down leaves the request FAILED, the slot free and the caller told', async () => {
    const account = await kit().createAccount();
    const down = new ExportService({
      repository,
      accounts: kit().services.accounts.repository,
      links,
      audit: kit().audit,
      queue: { enqueueExport: () => Promise.reject(new Error('job store unavailable')) },
      now: kit().clock.now,
    });
    await expect(down.request(kit().tenant(), kit().customer(account), meta)).rejects.toThrow('job store unavailable');
    const [failed] = await repository.listForAccount('demo', account.id);
    expect(failed).toMatchObject({ status: 'FAILED', lastError: 'QUEUE_UNAVAILABLE' });
    expect(await repository.slotHolder(account.id)).toBeNull();
    // The refusal leaves the way open: the next request is accepted.
    expect((await service.request(kit().tenant(), kit().customer(account), meta)).status).toBe('PENDING');
  });

  it('a slot left behind by a finished export does not block the next request', async () => {
    const account = await kit().createAccount();
    const done = await readyExport(account);
    // A run that died after READY but before it freed the slot.
    await repository.claimSlot(account.id, 'demo', done.id, kit().clock.now());
    const next = await service.request(kit().tenant(), kit().customer(account), meta);
    expect(next.status).toBe('PENDING');
    expect(await repository.slotHolder(account.id)).toBe(next.id);
    await expect(service.request(kit().tenant(), kit().customer(account), meta)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: 'An export of your data is already being prepared. You will get an email when it is ready.',
    });
  });

  it('three exports a day: the fourth is refused until the first leaves the 24 hours, and the request is audited', async () => {
    const account = await kit().createAccount();
    const first = await readyExport(account);
    kit().clock.advance(HOUR);
    await readyExport(account);
    kit().clock.advance(HOUR);
    await readyExport(account);
    await expect(service.request(kit().tenant(), kit().customer(account), meta)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: 'You can request at most 3 exports a day.',
      extensions: { retryAfter: 22 * 3600 },
    });
    // The refusal freed the slot again; once the first is a day old, a new one is accepted.
    kit().clock.advance(22 * HOUR + 1000);
    const fourth = await service.request(kit().tenant(), kit().customer(account), meta);
    expect(fourth.status).toBe('PENDING');
    const [requested] = await kit()
      .connection.collection('audit_events')
      .find({ tenantId: 'demo', type: 'export.requested', targetId: first.id })
      .toArray();
    expect(requested).toMatchObject({ outcome: 'success', accountId: account.id, targetType: 'data-export' });
  });

  it('a READY export whose archive is gone is not found rather than served broken', async () => {
    const account = await kit().createAccount();
    const ready = await readyExport(account);
    await repository.archives.remove(ready.archiveId);
    await expect(service.open(kit().tenant(), ready.body)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("pseudonymisation deletes every export of the account with its archive, and nobody else's", async () => {
    const [leaving, staying] = [await kit().createAccount(), await kit().createAccount()];
    const gone = await readyExport(leaving);
    await service.request(kit().tenant(), kit().customer(leaving), meta);
    const kept = await readyExport(staying);
    await repository.deleteAllFor('demo', leaving.id);
    expect(await repository.listForAccount('demo', leaving.id)).toEqual([]);
    expect(await repository.slotHolder(leaving.id)).toBeNull();
    expect(await repository.archives.open(gone.archiveId, gone.id)).toBeNull();
    expect(await bytesOf((await service.open(kit().tenant(), kept.body)).body)).toEqual(content);
  });

  it('housekeeping sweeps an archive no READY export names once it is an hour old, and keeps the READY ones', async () => {
    // Archives carry the store's own upload time, so this test runs on the real time.
    kit().clock.set(new Date());
    const account = await kit().createAccount();
    const ready = await readyExport(account);
    const orphan = await repository.archives.save({ tenantId: 'demo', exportId: 'exp_never_ready' }, async (sink) => {
      sink.end(content);
    });
    kit().clock.set(new Date(Date.now() + 30 * 60_000));
    expect(await service.sweepOrphanArchives()).toBe(0);
    kit().clock.set(new Date(Date.now() + 2 * HOUR));
    expect(await service.sweepOrphanArchives()).toBeGreaterThanOrEqual(1);
    expect(await repository.archives.open(orphan.id, 'exp_never_ready')).toBeNull();
    expect(await bytesOf((await service.open(kit().tenant(), ready.body)).body)).toEqual(content);
  });
});

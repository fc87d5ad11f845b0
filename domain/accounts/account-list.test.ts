import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { makeConnector } from '../../nextcloud/connector.test-support.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import { DEMO, startSimulator, type SimulatedNextcloud, type Simulator } from '../../nextcloud/simulator/index.js';
import { initModels } from '../../store/connection.js';
import { useTestDatabase } from '../../test/db.js';
import { listAccounts, personNamesOf, type AccountListPage } from './account-list.js';
import { AccountRepository } from './account.repository.js';
import { accountRecord } from './account.test-support.js';
import type { Account } from './account.types.js';

/**
 * The tenant admin's account list on the real engine: only the tenant's own accounts, pages that
 * neither skip nor repeat an account, and filters that take an admin's typing literally. The
 * GraphQL side: resolvers/tenants/portal-accounts.resolver.test.ts.
 */
const db = useTestDatabase();
let repository: AccountRepository;

beforeAll(async () => {
  repository = new AccountRepository(db());
  await initModels(db());
});

const tenant = () => `t-${randomUUID().slice(0, 8)}`;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
async function stored(tenantId: string, fields: Partial<Account> = {}) {
  const account = accountRecord({ tenantId, type: 'B2C', status: 'ACTIVE', clientId: 'client-1', ...fields });
  await repository.create(account);
  return account;
}
const ids = (page: AccountListPage) => page.accounts.map((a) => a.id);

async function refusal(run: () => Promise<unknown>) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadUserInputError);
  return (error as Error).message;
}

describe('listing a tenant’s accounts', () => {
  it("lists and counts only the tenant's own accounts, newest first", async () => {
    const [mine, theirs] = [tenant(), tenant()];
    const older = await stored(mine, { createdAt: at(1) });
    const newer = await stored(mine, { createdAt: at(2) });
    await stored(theirs, { createdAt: at(3) });
    const page = await listAccounts(repository, mine);
    expect(ids(page)).toEqual([newer.id, older.id]);
    expect(page).toMatchObject({ totalCount: 2, hasNextPage: false });
    expect(page.accounts[0]).toMatchObject({ tenantId: mine, email: newer.email });
  });

  it('pages by creation and id without skipping or repeating, also when accounts share a creation time', async () => {
    const t = tenant();
    const same = at(5);
    const made = [
      await stored(t, { id: `a-${randomUUID()}`, createdAt: same }),
      await stored(t, { id: `b-${randomUUID()}`, createdAt: same }),
      await stored(t, { id: `c-${randomUUID()}`, createdAt: same }),
      await stored(t, { createdAt: at(4) }),
      await stored(t, { createdAt: at(6) }),
    ];
    const all = await listAccounts(repository, t);
    expect(ids(all)).toEqual([made[4]!.id, made[2]!.id, made[1]!.id, made[0]!.id, made[3]!.id]);

    const seen: string[] = [];
    let after: string | null = null;
    for (let round = 0; round < 5; round++) {
      const page = await listAccounts(repository, t, {}, { first: 2, after });
      seen.push(...ids(page));
      expect(page.cursors).toHaveLength(page.accounts.length);
      if (!page.hasNextPage) break;
      after = page.cursors.at(-1)!;
      // An account added while paging is newer than the cursor: it never shifts the next page.
      await stored(t, { createdAt: new Date() });
    }
    expect(seen).toEqual(ids(all));
  });

  it('says there is a next page only when there is one', async () => {
    const t = tenant();
    for (let i = 0; i < 3; i++) await stored(t, { createdAt: at(i) });
    expect((await listAccounts(repository, t, {}, { first: 3 })).hasNextPage).toBe(false);
    expect((await listAccounts(repository, t, {}, { first: 2 })).hasNextPage).toBe(true);
  });

  it('gives 20 a page unless asked, at least 1 and at most 100', async () => {
    const t = tenant();
    await Promise.all(Array.from({ length: 101 }, (_, i) => stored(t, { createdAt: at(i) })));
    expect((await listAccounts(repository, t)).accounts).toHaveLength(20);
    expect((await listAccounts(repository, t, {}, { first: null })).accounts).toHaveLength(20);
    expect((await listAccounts(repository, t, {}, { first: 0 })).accounts).toHaveLength(1);
    expect((await listAccounts(repository, t, {}, { first: -3 })).accounts).toHaveLength(1);
    const most = await listAccounts(repository, t, {}, { first: 1000 });
    expect(most.accounts).toHaveLength(100);
    expect(most).toMatchObject({ hasNextPage: true, totalCount: 101 });
    expect((await listAccounts(repository, t, {}, { first: 100, after: most.cursors.at(-1) })).accounts).toHaveLength(1);
  });

  it('refuses a cursor it did not make, and starts afresh without one', async () => {
    const t = tenant();
    await stored(t);
    const encoded = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of ['garbage', encoded('2026-01-01T00:00:00.000Z'), encoded('not a date|some-id'), encoded('|id')]) {
      expect(await refusal(() => listAccounts(repository, t, {}, { after: cursor })), cursor).toBe(
        'The cursor is not valid; start again from the first page.',
      );
    }
    expect((await listAccounts(repository, t, {}, { after: '' })).accounts).toHaveLength(1);
  });

  it('filters by status, type and part of the address, trimmed and case-insensitive, and counts the same', async () => {
    const t = tenant();
    const jan = await stored(t, { email: 'jan.jansen@example.nl', type: 'B2C', status: 'ACTIVE' });
    const inkoop = await stored(t, { email: 'inkoop@bakkerij.example', type: 'B2B', status: 'INVITED' });
    const blocked = await stored(t, { email: 'piet@example.nl', type: 'B2C', status: 'BLOCKED' });
    expect(ids(await listAccounts(repository, t, { status: 'INVITED' }))).toEqual([inkoop.id]);
    expect(ids(await listAccounts(repository, t, { type: 'B2B' }))).toEqual([inkoop.id]);
    expect(ids(await listAccounts(repository, t, { type: 'B2C', status: 'BLOCKED' }))).toEqual([blocked.id]);
    const search = await listAccounts(repository, t, { emailContains: '  JAN.Jansen ' });
    expect(ids(search)).toEqual([jan.id]);
    expect(search.totalCount).toBe(1);
    expect((await listAccounts(repository, t, { status: null, type: null, emailContains: '   ' })).totalCount).toBe(3);
  });

  it('matches regex characters in the search literally', async () => {
    const t = tenant();
    const plus = await stored(t, { email: 'jan+portal@example.nl' });
    await stored(t, { email: 'janxportal@example.nl' });
    expect(ids(await listAccounts(repository, t, { emailContains: 'jan+portal' }))).toEqual([plus.id]);
    expect((await listAccounts(repository, t, { emailContains: 'jan.portal' })).totalCount).toBe(0);
    for (const special of ['.*', '^jan', 'nl$', '(jan)', '[a-z]', 'a{1}', 'a|b', 'jan?', '\\d']) {
      expect((await listAccounts(repository, t, { emailContains: special })).totalCount, special).toBe(0);
    }
  });
});

describe("the people's names on a page of accounts", () => {
  let sim: Simulator;
  let demo: SimulatedNextcloud;
  let connector: NextcloudConnector;
  beforeAll(async () => {
    sim = await startSimulator();
    demo = sim.instance('demo');
    connector = makeConnector(demo).connector;
  });
  afterAll(async () => {
    await sim?.close();
  });

  const account = (fields: Partial<Account>) =>
    accountRecord({ tenantId: 'demo', type: 'B2C', status: 'ACTIVE', clientId: 'client-1', ...fields });

  it("takes the linked contact's name, else a person client's; an organisation without a contact has none", async () => {
    const jan = account({ clientId: DEMO.demo.janJansen.clientId, contactId: DEMO.demo.janJansen.contactId });
    const sophie = account({ clientId: DEMO.demo.noAccount.sophieVisser.clientId });
    const inkoop = account({ type: 'B2B', clientId: DEMO.demo.bakkerij.clientId, contactId: DEMO.demo.bakkerij.contactId });
    const bakkerij = account({ type: 'B2B', clientId: DEMO.demo.bakkerij.clientId });
    const gone = account({ contactId: 'no-such-contact' });
    const goneClient = account({ clientId: 'no-such-client' });
    await personNamesOf(connector, [jan, sophie]);
    demo.clearCalls();
    const names = await personNamesOf(connector, [jan, sophie, inkoop, bakkerij, gone, goneClient]);
    expect(Object.fromEntries(names)).toEqual({
      [jan.id]: 'Jan Jansen',
      [sophie.id]: 'Sophie Visser',
      [inkoop.id]: 'Sanne de Groot',
      [bakkerij.id]: null,
      [gone.id]: null,
      [goneClient.id]: null,
    });
    // One batched call for the contacts, one for the person clients.
    expect(demo.calls()).toHaveLength(2);
  });

  it('trims names, treats a blank one as unknown, and asks nothing when no name is needed', async () => {
    const template = demo.data.objects.find((o) => o.schema === DEMO.demo.schemaIds.contact)!;
    const contact = (name: string) => {
      const uuid = randomUUID();
      demo.data.objects.push({ ...structuredClone(template), id: demo.data.nextObjectId++, uuid, data: { name } });
      return uuid;
    };
    const a = account({ contactId: contact('  Henk Spatie  ') });
    const b = account({ contactId: contact('   ') });
    expect(Object.fromEntries(await personNamesOf(connector, [a, b]))).toEqual({ [a.id]: 'Henk Spatie', [b.id]: null });
    demo.clearCalls();
    const org = account({ type: 'B2B', clientId: DEMO.demo.bakkerij.clientId });
    expect(Object.fromEntries(await personNamesOf(connector, [org]))).toEqual({ [org.id]: null });
    expect(await personNamesOf(connector, [])).toEqual(new Map());
    expect(demo.calls()).toEqual([]);
  });
});

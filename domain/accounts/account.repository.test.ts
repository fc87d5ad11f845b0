import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { initModels } from '../../store/connection.js';
import { accountRecord, uniqueEmail } from './account.test-support.js';
import { emailClaimId } from './account.model.js';
import { AccountRepository, EmailTakenError } from './account.repository.js';
import { emptyMfa, type Account } from './account.types.js';

/**
 * The one store of portal accounts, on the real engine: an address belongs to one account per
 * tenant, and no lookup answers with another tenant's account.
 */
const db = useTestDatabase();
let repository: AccountRepository;

beforeAll(async () => {
  repository = new AccountRepository(db());
  await initModels(db());
});

const tenant = () => `t-${randomUUID().slice(0, 8)}`;
const stored = async (fields: Partial<Account> & { tenantId: string }) => {
  const account = accountRecord({ type: 'B2C', status: 'ACTIVE', clientId: 'client-1', ...fields });
  await repository.create(account);
  return account;
};
const claimOf = (tenantId: string, email: string) => repository.emails.findOne({ _id: emailClaimId(tenantId, email) }).lean();

describe('AccountRepository', () => {
  it('finds an account by its address only in its own tenant', async () => {
    const [a, b] = [tenant(), tenant()];
    const email = uniqueEmail('shared');
    const account = await stored({ tenantId: a, email });
    expect((await repository.findByEmail(a, email))?.id).toBe(account.id);
    expect(await repository.findByEmail(b, email)).toBeNull();
    expect(await repository.findByEmail(a, uniqueEmail('nobody'))).toBeNull();
  });

  it('lets the same address hold one account per tenant, and refuses a second one in the same tenant', async () => {
    const [a, b] = [tenant(), tenant()];
    const email = uniqueEmail('twice');
    const first = await stored({ tenantId: a, email });
    const other = await stored({ tenantId: b, email });
    await expect(stored({ tenantId: a, email })).rejects.toBeInstanceOf(EmailTakenError);
    expect((await repository.findByEmail(a, email))?.id).toBe(first.id);
    expect((await repository.findByEmail(b, email))?.id).toBe(other.id);
    expect(await repository.accounts.countDocuments({ tenantId: a, email })).toBe(1);
  });

  it('of two concurrent creations for one address exactly one wins', async () => {
    const tenantId = tenant();
    const email = uniqueEmail('race');
    const results = await Promise.allSettled([stored({ tenantId, email }), stored({ tenantId, email })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(EmailTakenError);
    expect(await repository.accounts.countDocuments({ tenantId, email })).toBe(1);
  });

  it('refuses an address an account still holds even when its claim is missing, and leaves no claim behind', async () => {
    const tenantId = tenant();
    const email = uniqueEmail('unclaimed');
    const holder = await stored({ tenantId, email });
    const bystander = await stored({ tenantId });
    // A claim lost (e.g. a crash between the two steps of an older version): the unique index still holds.
    await repository.emails.deleteOne({ _id: emailClaimId(tenantId, email) });
    const second = accountRecord({ tenantId, email, type: 'B2C', status: 'INVITED', clientId: 'client-2' });
    await expect(repository.create(second)).rejects.toBeInstanceOf(EmailTakenError);
    expect(await repository.findById(second.id)).toBeNull();
    expect(await claimOf(tenantId, email)).toBeNull();
    expect((await repository.findById(holder.id))?.email).toBe(email);
    // Only the failed account's own claim was released.
    expect(await claimOf(tenantId, bystander.email)).toMatchObject({ accountId: bystander.id });
  });

  it('a database failure while claiming the address is passed on as it is, and nothing is stored', async () => {
    const tenantId = tenant();
    const account = accountRecord({ tenantId, type: 'B2C', status: 'INVITED', clientId: 'c' });
    const claims = repository.emails.collection;
    const insertOne = claims.insertOne;
    claims.insertOne = () => Promise.reject(new Error('connection reset'));
    try {
      await expect(repository.create(account)).rejects.toThrow('connection reset');
    } finally {
      claims.insertOne = insertOne;
    }
    expect(await repository.findById(account.id)).toBeNull();
  });

  it('a database failure while storing the account is passed on as it is, and the address is free again', async () => {
    const tenantId = tenant();
    const account = accountRecord({ tenantId, type: 'B2C', status: 'INVITED', clientId: 'c' });
    const accounts = repository.accounts.collection;
    const insertOne = accounts.insertOne;
    accounts.insertOne = () => Promise.reject(new Error('connection reset'));
    try {
      await expect(repository.create(account)).rejects.toThrow('connection reset');
    } finally {
      accounts.insertOne = insertOne;
    }
    expect(await claimOf(tenantId, account.email)).toBeNull();
    await repository.create(account);
    expect((await repository.findByEmail(tenantId, account.email))?.id).toBe(account.id);
  });

  it('a claim that does not match the account it names finds nothing', async () => {
    const [a, b] = [tenant(), tenant()];
    const account = await stored({ tenantId: a });
    // A claim in tenant b naming tenant a's account (a corrupt or forged claim) does not reach across.
    await repository.emails.collection.insertOne({
      _id: emailClaimId(b, account.email),
      tenantId: b,
      accountId: account.id,
      createdAt: new Date(),
    } as never);
    expect(await repository.findByEmail(b, account.email)).toBeNull();
    // A claim left on an old address after the account moved to a new one does not find it either.
    const moved = await stored({ tenantId: a });
    const oldEmail = moved.email;
    await repository.update(moved.id, { email: uniqueEmail('new') });
    expect(await repository.findByEmail(a, oldEmail)).toBeNull();
  });

  it('lists several accounts by id, only the tenant’s own, each once', async () => {
    const [a, b] = [tenant(), tenant()];
    const mine = [await stored({ tenantId: a }), await stored({ tenantId: a })];
    const theirs = await stored({ tenantId: b });
    const found = await repository.findManyByIds(a, [mine[0]!.id, mine[1]!.id, mine[0]!.id, theirs.id]);
    expect(found.map((account) => account.id).sort()).toEqual(mine.map((account) => account.id).sort());
    expect(await repository.findManyByIds(a, [])).toEqual([]);
  });

  it('finds old accounts by their address fingerprint and a company’s colleagues, only in the tenant', async () => {
    const [a, b] = [tenant(), tenant()];
    // Stored newest first: the fingerprint lookup answers oldest first all the same.
    const newer = await stored({ tenantId: a, emailHash: 'f1', createdAt: new Date('2026-02-01T00:00:00Z'), clientId: 'org-1' });
    const older = await stored({ tenantId: a, emailHash: 'f1', createdAt: new Date('2026-01-01T00:00:00Z'), clientId: 'org-1' });
    await stored({ tenantId: b, emailHash: 'f1', clientId: 'org-1' });
    await stored({ tenantId: a, emailHash: 'f2', clientId: 'org-2' });
    expect((await repository.findByEmailHash(a, 'f1')).map((account) => account.id)).toEqual([older.id, newer.id]);
    expect((await repository.listByClient(a, 'org-1')).map((account) => account.id).sort()).toEqual([older.id, newer.id].sort());
  });

  it('undoes an unused account with its claim, but never one that was taken into use', async () => {
    const tenantId = tenant();
    const bystander = await stored({ tenantId, status: 'ACTIVE' });
    const unused = await stored({ tenantId, status: 'INVITED' });
    await repository.deleteUnused(unused);
    expect(await repository.findById(unused.id)).toBeNull();
    expect(await claimOf(tenantId, unused.email)).toBeNull();
    expect(await claimOf(tenantId, bystander.email)).not.toBeNull();

    const active = await stored({ tenantId, status: 'ACTIVE', passwordHash: 'h' });
    await repository.deleteUnused(active);
    expect(await repository.findById(active.id)).not.toBeNull();
    const withPassword = await stored({ tenantId, status: 'INVITED', passwordHash: 'h' });
    await repository.deleteUnused(withPassword);
    expect(await repository.findById(withPassword.id)).not.toBeNull();
  });

  it('releases only the claim the account itself holds', async () => {
    const tenantId = tenant();
    const account = await stored({ tenantId });
    await repository.releaseEmail({ ...account, id: 'someone-else' });
    expect(await claimOf(tenantId, account.email)).not.toBeNull();
    await repository.releaseEmail(account);
    expect(await claimOf(tenantId, account.email)).toBeNull();
  });

  it('changes an account only while it is still in the expected status', async () => {
    const account = await stored({ tenantId: tenant(), status: 'ACTIVE' });
    expect(await repository.updateIfStatus(account.id, 'INVITED', { status: 'BLOCKED' })).toBe(false);
    expect((await repository.findById(account.id))?.status).toBe('ACTIVE');
    expect(await repository.updateIfStatus(account.id, 'ACTIVE', { status: 'BLOCKED' })).toBe(true);
    expect((await repository.findById(account.id))?.status).toBe('BLOCKED');
  });

  it('uses a recovery code up: it is removed from the account, the others stay', async () => {
    const codes = (recoveryCodeHashes: string[]) => ({
      ...accountRecord({ tenantId: 'x', type: 'B2C', status: 'ACTIVE', clientId: 'c' }).mfa,
      recoveryCodeHashes,
    });
    const bystander = await stored({ tenantId: tenant(), mfa: codes(['r1']) });
    const account = await stored({
      tenantId: tenant(),
      mfa: {
        ...accountRecord({ tenantId: 'x', type: 'B2C', status: 'ACTIVE', clientId: 'c' }).mfa,
        recoveryCodeHashes: ['r1', 'r2'],
      },
    });
    await repository.pullRecoveryCode(account.id, 'r1');
    expect((await repository.findById(account.id))?.mfa.recoveryCodeHashes).toEqual(['r2']);
    expect((await repository.findById(bystander.id))?.mfa.recoveryCodeHashes).toEqual(['r1']);
  });

  it('changes only the fields it is given, of only the account it is given', async () => {
    const tenantId = tenant();
    const bystander = await stored({ tenantId, locale: 'nl' });
    const account = await stored({ tenantId, locale: 'nl' });
    await repository.update(account.id, { locale: 'en' });
    expect(await repository.findById(account.id)).toEqual({ ...account, emailHash: null, locale: 'en' });
    expect((await repository.findById(bystander.id))?.locale).toBe('nl');
  });

  it('reads accounts stored before optional fields existed as if those fields were empty', async () => {
    const tenantId = tenant();
    const id = randomUUID();
    await repository.accounts.collection.insertOne({
      _id: id,
      tenantId,
      email: uniqueEmail('legacy'),
      type: 'B2B',
      status: 'ACTIVE',
      clientId: 'org-9',
      locale: 'en',
      mfa: { enabled: true },
      createdAt: new Date('2025-01-01T00:00:00Z'),
    } as never);
    expect(await repository.findById(id)).toEqual({
      id,
      tenantId,
      email: expect.any(String),
      type: 'B2B',
      status: 'ACTIVE',
      clientId: 'org-9',
      contactId: null,
      locale: 'en',
      passwordHash: null,
      passwordChangedAt: null,
      mfa: { ...emptyMfa(), enabled: true },
      failuresResetAt: null,
      invitedBy: null,
      createdAt: new Date('2025-01-01T00:00:00Z'),
      activatedAt: null,
      lastSignInAt: null,
      emailHash: null,
    });
  });
});

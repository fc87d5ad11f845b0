import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { tokenHash } from '../../core/tokens.js';
import { META, useAccountTestKit } from '../accounts/account.test-support.js';
import { parseScopes } from './api-token.scopes.js';
import { ApiTokenService, MAX_ACTIVE_TOKENS } from './api-token.service.js';
import type { Account } from '../accounts/account.types.js';

const kit = useAccountTestKit(useTestDatabase());

describe('partner API tokens', () => {
  it('creates a pat_ token shown once, stored only as its hash, audited without the secret', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const { secret, token } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: ' ERP koppeling ', scopes: ['read:invoices', 'read:orders', 'read:invoices'] },
      META,
    );
    expect(secret).toMatch(/^pat_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'ERP koppeling', scopes: ['read:invoices', 'read:orders'], lastUsedAt: null });
    const stored = await kit().connection.collection('apiTokens').findOne({ publicId: token.id });
    expect(stored!._id).toBe(tokenHash(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
    const events = await kit().audit.list('demo', { eventType: 'apitoken.created', accountId: account.id });
    expect(events.events[0]).toMatchObject({
      targetType: 'apiToken',
      targetId: token.id,
      details: { name: 'ERP koppeling', scopes: ['read:invoices', 'read:orders'] },
    });
    expect(JSON.stringify(events.events)).not.toContain(secret);
    expect(await kit().services.apiTokens.list(kit().customer(account))).toEqual([token]);
  });

  it('no two tokens share a public id: the store refuses a second one (revoking by id must hit one token)', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const { token } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:invoices'] },
      META,
    );
    const tokens = kit().connection.collection('apiTokens');
    const stored = (await tokens.findOne({ publicId: token.id }))!;
    await expect(tokens.insertOne({ ...stored, _id: tokenHash('pat_another-secret') } as never)).rejects.toMatchObject({
      code: 11000,
    });
    expect(await tokens.countDocuments({ publicId: token.id })).toBe(1);
  });

  it('is for B2B accounts only', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    await expect(
      kit().services.apiTokens.create(kit().tenant(), kit().customer(account), { name: 'x', scopes: ['read:invoices'] }, META),
    ).rejects.toMatchObject({
      message: 'API tokens are for business accounts.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses unknown or missing scopes and names', () => {
    expect(() => parseScopes(['read:invoices', 'admin:all'])).toThrow(/Unknown scope: admin:all/);
    expect(() => parseScopes([])).toThrow(/at least one scope/);
    // Delegation scope names are a different vocabulary: a token does not translate them.
    expect(() => parseScopes(['VIEW_CONTRACTS'])).toThrow(/Unknown scope: VIEW_CONTRACTS/);
    expect(parseScopes(['write:requests', 'read:documents'])).toEqual(['read:documents', 'write:requests']);
  });

  it('authenticates as a partner principal with the account scope and the token scopes', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const { secret, token } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:contracts'] },
      META,
    );
    const principal = await kit().services.apiTokens.authenticate(kit().tenant(), secret);
    expect(principal).toEqual({
      kind: 'partner',
      tenantId: 'demo',
      accountId: account.id,
      tokenId: token.id,
      scopes: ['read:contracts'],
      clientId: account.clientId,
      contactId: account.contactId,
    });
    expect(await kit().services.apiTokens.authenticate(kit().tenants.get('other')!, secret)).toBeNull();
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), `${secret}x`)).toBeNull();
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret.replace('pat_', 'ps_'))).toBeNull();
  });

  it('records the last use, at most once a minute', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const { secret, token } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:orders'] },
      META,
    );
    const lastUsed = async () =>
      (await kit().services.apiTokens.list(kit().customer(account))).find((t) => t.id === token.id)!.lastUsedAt;
    await kit().services.apiTokens.authenticate(kit().tenant(), secret);
    const first = kit().clock.now();
    expect(await lastUsed()).toEqual(first);
    kit().clock.advance(30_000);
    await kit().services.apiTokens.authenticate(kit().tenant(), secret);
    expect(await lastUsed()).toEqual(first);
    kit().clock.advance(MINUTE);
    await kit().services.apiTokens.authenticate(kit().tenant(), secret);
    expect(await lastUsed()).toEqual(kit().clock.now());
  });

  it('revoking stops it at once; only the owner can revoke', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const stranger = await kit().createAccount({ type: 'B2B' });
    const { secret, token } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:orders'] },
      META,
    );
    await expect(kit().services.apiTokens.revoke(kit().tenant(), kit().customer(stranger), token.id, META)).rejects.toMatchObject(
      { extensions: { code: 'NOT_FOUND' } },
    );
    await kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), token.id, META);
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).toBeNull();
    expect(await kit().services.apiTokens.list(kit().customer(account))).toEqual([]);
    expect((await kit().audit.list('demo', { eventType: 'apitoken.revoked', accountId: account.id })).events).toHaveLength(1);
  });

  it('dies with the account: blocked or closed means no access', async () => {
    const account = await kit().createAccount({ type: 'B2B' });
    const { secret } = await kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:orders'] },
      META,
    );
    await kit()
      .connection.collection('accounts')
      .updateOne({ _id: account.id as never }, { $set: { status: 'BLOCKED' } });
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).toBeNull();
    await kit()
      .connection.collection('accounts')
      .updateOne({ _id: account.id as never }, { $set: { status: 'ACTIVE' } });
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).not.toBeNull();
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'CLOSED', { principal: kit().admin(), meta: META });
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).toBeNull();
  });

  const DAY = 24 * 60 * MINUTE;
  const b2b = () => kit().createAccount({ type: 'B2B' });
  const mint = (account: Account, input: { name?: string; scopes?: string[]; expiresAt?: Date | null } = {}) =>
    kit().services.apiTokens.create(
      kit().tenant(),
      kit().customer(account),
      { name: input.name ?? 'ERP', scopes: input.scopes ?? ['read:orders'], expiresAt: input.expiresAt },
      META,
    );

  it('needs a name of 1 to 100 characters', async () => {
    const account = await b2b();
    await expect(mint(account, { name: '   ' })).rejects.toMatchObject({
      message: 'Give the token a name of 1 to 100 characters.',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'name', code: 'REQUIRED', message: 'Give the token a name.' }],
      },
    });
    await expect(mint(account, { name: 'x'.repeat(101) })).rejects.toMatchObject({
      message: 'Give the token a name of 1 to 100 characters.',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'name', code: 'TOO_LONG', message: 'At most 100 characters.', params: { max: 100 } }],
      },
    });
    expect((await mint(account, { name: 'x'.repeat(100) })).token.name).toHaveLength(100);
    expect(await kit().services.apiTokens.list(kit().customer(account))).toHaveLength(1);
  });

  it(`an account holds at most ${MAX_ACTIVE_TOKENS} live tokens; revoking one frees a place`, async () => {
    const account = await b2b();
    const made = [];
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) made.push((await mint(account, { name: `T${i}` })).token);
    await expect(mint(account)).rejects.toMatchObject({
      message: `An account can have at most ${MAX_ACTIVE_TOKENS} tokens; revoke one first.`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), made[0]!.id, META);
    expect((await mint(account, { name: 'replacement' })).token.name).toBe('replacement');
  });

  it('a token with an expiry date stops working at that moment; one without keeps working', async () => {
    const account = await b2b();
    const expiresAt = new Date(kit().clock.now().getTime() + DAY);
    const expiring = await mint(account, { expiresAt });
    const lasting = await mint(account);
    expect(expiring.token.expiresAt).toEqual(expiresAt);
    expect(lasting.token.expiresAt).toBeNull();
    const created = await kit().audit.list('demo', { eventType: 'apitoken.created', accountId: account.id });
    expect(created.events.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { name: 'ERP', scopes: ['read:orders'], expiresAt: expiresAt.toISOString() },
        { name: 'ERP', scopes: ['read:orders'] },
      ]),
    );
    kit().clock.advance(DAY - 1);
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), expiring.secret)).not.toBeNull();
    kit().clock.advance(1);
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), expiring.secret)).toBeNull();
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), lasting.secret)).not.toBeNull();
  });

  it('stops working when the account is no longer a business account', async () => {
    const account = await b2b();
    const { secret } = await mint(account);
    await kit().services.accounts.repository.update(account.id, { type: 'B2C' });
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).toBeNull();
  });

  it('revoking is audited with the token name, and a revoked or foreign token cannot be revoked again', async () => {
    const account = await b2b();
    const { token } = await mint(account, { name: 'Boekhouding' });
    const other = kit().tenants.get('other')!;
    await expect(
      kit().services.apiTokens.revoke(other, { ...kit().customer(account), tenantId: 'other' }, token.id, META),
    ).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), token.id, META);
    await expect(kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), token.id, META)).rejects.toMatchObject({
      message: 'The token was not found.',
      extensions: { code: 'NOT_FOUND' },
    });
    const revoked = await kit().audit.list('demo', { eventType: 'apitoken.revoked', accountId: account.id });
    expect(revoked.events).toHaveLength(1);
    expect(revoked.events[0]).toMatchObject({
      targetType: 'apiToken',
      targetId: token.id,
      details: { name: 'Boekhouding' },
    });
  });

  it('lists the live tokens of the account, newest first', async () => {
    const account = await b2b();
    const first = await mint(account, { name: 'first' });
    kit().clock.advance(MINUTE);
    const second = await mint(account, { name: 'second' });
    await mint(await b2b(), { name: 'someone else' });
    expect((await kit().services.apiTokens.list(kit().customer(account))).map((t) => t.name)).toEqual(['second', 'first']);
    const partner = (await kit().services.apiTokens.authenticate(kit().tenant(), first.secret))!;
    expect(await kit().services.apiTokens.get(partner)).toMatchObject({ id: first.token.id, name: 'first' });
    expect(await kit().services.apiTokens.get({ ...partner, tokenId: second.token.id, accountId: 'someone-else' })).toBeNull();
  });

  it('names tokens for the audit trail, revoked ones included, within the tenant', async () => {
    const account = await b2b();
    const live = await mint(account, { name: 'live' });
    const gone = await mint(account, { name: 'gone' });
    await kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), gone.token.id, META);
    const names = await kit().services.apiTokens.namesByPublicId('demo', [live.token.id, gone.token.id, live.token.id]);
    expect(Object.fromEntries(names)).toEqual({ [live.token.id]: 'live', [gone.token.id]: 'gone' });
    expect((await kit().services.apiTokens.namesByPublicId('other', [live.token.id])).size).toBe(0);
    expect((await kit().services.apiTokens.namesByPublicId('demo', [])).size).toBe(0);
  });

  it('tells whether a token is still live (links it minted check this)', async () => {
    const account = await b2b();
    const { token } = await mint(account);
    expect(await kit().services.apiTokens.isLive('demo', account.id, token.id)).toBe(true);
    expect(await kit().services.apiTokens.isLive('other', account.id, token.id)).toBe(false);
    expect(await kit().services.apiTokens.isLive('demo', 'someone-else', token.id)).toBe(false);
    await kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), token.id, META);
    expect(await kit().services.apiTokens.isLive('demo', account.id, token.id)).toBe(false);
  });

  it('revoking all tokens of an account counts only the live ones', async () => {
    const account = await b2b();
    await mint(account);
    await mint(account);
    const gone = await mint(account);
    await kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), gone.token.id, META);
    expect(await kit().services.apiTokens.revokeAllForAccount(account.id)).toBe(2);
    expect(await kit().services.apiTokens.revokeAllForAccount(account.id)).toBe(0);
  });

  it('forgets tokens revoked more than 90 days ago, keeps the rest', async () => {
    const account = await b2b();
    const old = await mint(account, { name: 'old' });
    const recent = await mint(account, { name: 'recent' });
    const live = await mint(account, { name: 'live' });
    await kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), old.token.id, META);
    kit().clock.advance(2 * DAY);
    await kit().services.apiTokens.revoke(kit().tenant(), kit().customer(account), recent.token.id, META);
    const at = new Date(kit().clock.now().getTime() + 89 * DAY);
    await kit().services.apiTokens.purgeExpired(at);
    const left = async () =>
      (await kit().services.apiTokens.namesByPublicId('demo', [old.token.id, recent.token.id, live.token.id])).size;
    expect(await left()).toBe(2);
    expect(await kit().services.apiTokens.isLive('demo', account.id, live.token.id)).toBe(true);
    await kit().services.apiTokens.purgeExpired(new Date(at.getTime() + 2 * DAY));
    expect(await left()).toBe(1);
  });

  it('a name or scope list left out entirely is refused like an empty one', async () => {
    const account = await b2b();
    const create = (input: object) =>
      kit().services.apiTokens.create(kit().tenant(), kit().customer(account), input as never, META);
    await expect(create({ scopes: ['read:orders'] })).rejects.toMatchObject({
      extensions: { problems: [{ field: 'name', code: 'REQUIRED' }] },
    });
    await expect(create({ name: 'ERP' })).rejects.toMatchObject({
      extensions: { problems: [{ field: 'scopes', code: 'REQUIRED' }] },
    });
  });

  it('records the last use again once a full minute has passed', async () => {
    const account = await b2b();
    const { secret } = await mint(account);
    const lastUsed = async () => (await kit().services.apiTokens.list(kit().customer(account)))[0]!.lastUsedAt;
    await kit().services.apiTokens.authenticate(kit().tenant(), secret);
    kit().clock.advance(MINUTE);
    await kit().services.apiTokens.authenticate(kit().tenant(), secret);
    expect(await lastUsed()).toEqual(kit().clock.now());
  });

  it('refuses a token whose account no longer exists', async () => {
    const account = await b2b();
    const { secret } = await mint(account);
    await kit()
      .connection.collection('accounts')
      .deleteOne({ _id: account.id as never });
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).toBeNull();
  });

  it("revoking all tokens of one account leaves other accounts' tokens working", async () => {
    const account = await b2b();
    const neighbour = await b2b();
    const { secret } = await mint(neighbour);
    await mint(account);
    await kit().services.apiTokens.revokeAllForAccount(account.id);
    expect(await kit().services.apiTokens.authenticate(kit().tenant(), secret)).not.toBeNull();
  });

  it('without an injected clock (production) dates tokens with the real time', async () => {
    const account = await b2b();
    const realTime = new ApiTokenService(kit().connection, kit().services.accounts.repository, kit().audit);
    const before = Date.now();
    const { token } = await realTime.create(
      kit().tenant(),
      kit().customer(account),
      { name: 'ERP', scopes: ['read:orders'] },
      META,
    );
    expect(token.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(token.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { tokenHash } from '../../core/tokens.js';
import { META, useAccountTestKit } from '../accounts/account.test-support.js';
import { parseScopes } from './api-token.scopes.js';

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
      targetId: token.id,
      details: { name: 'ERP koppeling', scopes: ['read:invoices', 'read:orders'] },
    });
    expect(JSON.stringify(events.events)).not.toContain(secret);
    expect(await kit().services.apiTokens.list(kit().customer(account))).toEqual([token]);
  });

  it('is for B2B accounts only', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    await expect(
      kit().services.apiTokens.create(kit().tenant(), kit().customer(account), { name: 'x', scopes: ['read:invoices'] }, META),
    ).rejects.toMatchObject({
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
});

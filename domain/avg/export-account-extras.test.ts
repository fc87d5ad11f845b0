import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { delegationModel } from '../delegation/delegation.model.js';
import { pendingEmailModel } from '../profile/pending-email.model.js';
import { sessionModel } from '../sessions/session.model.js';
import { accountExtrasReader, forgetAccountLeftovers } from './export-account-extras.js';

/**
 * The store's data about an account outside the account document, as its export lists it: the
 * pending new address, the sessions and the delegations, of that account only, newest first, and
 * never a session's token hash; and what closure forgets of it.
 */
const db = useTestDatabase();
const at = (day: number) => new Date(Date.UTC(2026, 11, day, 9));

async function seed(): Promise<void> {
  await pendingEmailModel(db()).collection.insertMany([
    { _id: 'acc-jan', tenantId: 'demo', email: 'jan.nieuw@example.nl', requestedAt: at(1), expiresAt: at(2) },
    { _id: 'acc-els', tenantId: 'demo', email: 'els.nieuw@example.nl', requestedAt: at(1), expiresAt: at(2) },
  ] as never[]);
  const session = (id: string, accountId: string, day: number, revoked: boolean) => ({
    _id: id,
    tenantId: 'demo',
    accountId,
    kind: 'full',
    createdAt: at(day),
    lastSeenAt: at(day),
    expiresAt: at(day + 1),
    ...(revoked ? { revokedAt: at(day), revokedReason: 'logout' } : {}),
  });
  await sessionModel(db()).collection.insertMany([
    session('token-hash-old', 'acc-jan', 3, true),
    session('token-hash-els', 'acc-els', 4, false),
    session('token-hash-new', 'acc-jan', 5, false),
  ] as never[]);
  const grant = (id: string, grantor: string, grantee: string | null, day: number) => ({
    _id: id,
    tenantId: 'demo',
    grantorAccountId: grantor,
    grantorClientId: `client-of-${grantor}`,
    granteeEmail: `${grantee ?? 'nobody'}@example.nl`,
    granteeAccountId: grantee,
    scopes: ['invoices'],
    validFrom: at(day),
    createdAt: at(day),
    revokedBy: null,
  });
  await delegationModel(db()).collection.insertMany([
    grant('del-1', 'acc-jan', 'acc-els', 6),
    grant('del-2', 'acc-jan', null, 7),
    grant('del-3', 'acc-els', 'acc-jan', 8),
    grant('del-4', 'acc-els', 'acc-piet', 9),
  ] as never[]);
}

describe('the store extras of an export', () => {
  it('hold the account’s own pending address, sessions and delegations, newest first, without token hashes', async () => {
    await seed();
    const extras = await accountExtrasReader(db())('acc-jan');
    expect(extras.pendingEmailChange).toEqual({ email: 'jan.nieuw@example.nl', requestedAt: at(1), expiresAt: at(2) });
    expect(extras.sessions).toEqual([
      { kind: 'full', createdAt: at(5), lastSeenAt: at(5), expiresAt: at(6), revokedAt: null, revokedReason: null },
      { kind: 'full', createdAt: at(3), lastSeenAt: at(3), expiresAt: at(4), revokedAt: at(3), revokedReason: 'logout' },
    ]);
    expect(JSON.stringify(extras)).not.toContain('token-hash');
    expect(extras.delegations!.granted.map((d) => d.id)).toEqual(['del-2', 'del-1']);
    expect(extras.delegations!.received).toEqual([
      {
        id: 'del-3',
        grantorClientId: 'client-of-acc-els',
        granteeEmail: 'acc-jan@example.nl',
        scopes: ['invoices'],
        validFrom: at(8),
        validUntil: null,
        createdAt: at(8),
        activatedAt: null,
        revokedAt: null,
      },
    ]);
    const nobody = await accountExtrasReader(db())('acc-unknown');
    expect(nobody).toEqual({ pendingEmailChange: null, sessions: [], delegations: { granted: [], received: [] } });
  });

  it('closure forgets the account’s pending address and nobody else’s', async () => {
    await forgetAccountLeftovers(db())('acc-jan');
    expect((await accountExtrasReader(db())('acc-jan')).pendingEmailChange).toBeNull();
    expect((await accountExtrasReader(db())('acc-els')).pendingEmailChange).toMatchObject({ email: 'els.nieuw@example.nl' });
  });
});
